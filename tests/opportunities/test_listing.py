"""The catalogue at /opportunities/: filters, search, pagination and hostile input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.choices import Commitment, Level, Status
from portal.demo import create_home_page, create_information_pages, create_site_settings
from tests.factories.opportunities import (
    OpportunityIndexPageFactory,
    engagement_types,
    make_areas,
    make_groups,
    opportunity_maker,
)
from tests.pages import card_titles_in

pytestmark = pytest.mark.django_db


def status_text(response):
    match = re.search(r'role="status">(.*?)</p>', response.content.decode(), re.S)
    return " ".join(match.group(1).split())


# These tests add opportunities of their own, so they come before the module's shared
# four (``mixed``, see ``module_db`` in tests/conftest.py).


def test_pagination_shows_twelve_a_page_and_keeps_the_filters(client, make_opportunity):
    for number in range(14):
        make_opportunity(f"Group {number:02}", level=Level.GROUP)
    make_opportunity("Survey", level=Level.INDIVIDUAL)

    first = client.get("/opportunities/?level=group&support=")
    assert len(card_titles_in(first)) == 12
    assert status_text(first) == "14 opportunities found with your choices. Page 1 of 2."
    html = first.content.decode()
    assert 'href="?level=group&amp;support=&amp;page=2"' in html
    assert 'aria-current="page"' in html

    second = client.get("/opportunities/?level=group&support=&page=2")
    assert card_titles_in(second) == ["Group 01", "Group 00"]  # the newest come first
    assert "Survey" not in card_titles_in(second)


def test_open_ones_come_first_then_full_then_closed_the_newest_first_in_each(
    client, make_opportunity
):
    make_opportunity("Older full one", status=Status.FULL)
    make_opportunity("Older open one")
    make_opportunity("Closed one", status=Status.CLOSED)
    make_opportunity("Newer full one", status=Status.FULL)
    make_opportunity("Newer open one")

    assert card_titles_in(client.get("/opportunities/?show_closed=on")) == [
        "Newer open one",
        "Older open one",
        "Newer full one",
        "Older full one",
        "Closed one",
    ]


def test_listing_query_count_does_not_grow(client, make_opportunity, django_assert_max_num_queries):
    levels = list(Level)

    def add(count, start):
        for number in range(start, start + count):
            make_opportunity(f"Opportunity {number}", level=levels[number % 3], support_travel=True)

    url = "/opportunities/?support=travel&q=opportunity&area=north-ayrshire"
    add(5, 0)
    client.get("/opportunities/")  # warm the caches a running site already has
    counts = []
    for listing in ("/opportunities/", url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(listing).status_code == 200
        counts.append(len(queries))
    add(95, 5)
    for listing in ("/opportunities/", url):
        with django_assert_max_num_queries(15):
            response = client.get(listing)
        assert len(card_titles_in(response)) == 12
    for listing, before in zip(("/opportunities/", url), counts, strict=True):
        with CaptureQueriesContext(connection) as queries:
            client.get(listing)
        assert len(queries) == before, listing


@pytest.fixture(scope="module")
def mixed_once(module_db):
    """Four opportunities that differ in every filtered fact, built once for the module."""
    home = create_home_page()
    create_site_settings(home, create_information_pages(home))
    catalogue = OpportunityIndexPageFactory(parent=home)
    make_opportunity = opportunity_maker(catalogue, make_areas(), make_groups(), engagement_types())
    return {
        "survey": make_opportunity(
            "Probation survey",
            level=Level.INDIVIDUAL,
            engagement_type="consultation-feedback",
            area="north-ayrshire",
            commitment=Commitment.ONE_OFF,
            format_phone=True,
            motivation_giving_back=True,
            first_step=True,
        ),
        "walking": make_opportunity(
            "Walking group",
            level=Level.GROUP,
            engagement_type="peer-led",
            area="east-ayrshire",
            commitment=Commitment.DROP_IN,
            format_in_person=True,
            support_food=True,
            support_travel=True,
            motivation_belonging=True,
            body=[{"type": "paragraph", "value": "<p>We stroll along the harbour wall.</p>"}],
        ),
        "forum": make_opportunity(
            "Service-user forum",
            level=Level.COLLECTIVE,
            engagement_type="forums-councils-panels",
            area="south-ayrshire",
            commitment=Commitment.ONGOING,
            format_online=True,
            support_travel=True,
            motivation_giving_back=True,
        ),
        "closed": make_opportunity(
            "Old exhibition",
            level=Level.COLLECTIVE,
            engagement_type="service-design-delivery",
            area="south-ayrshire",
            commitment=Commitment.FEW_WEEKS,
            status=Status.CLOSED,
        ),
    }


@pytest.fixture
def mixed(mixed_once, db):
    return mixed_once


def test_listing_shows_open_and_full_ones_with_their_facts(client, mixed):
    response = client.get("/opportunities/")
    assert response.status_code == 200
    assert sorted(card_titles_in(response)) == [
        "Probation survey",
        "Service-user forum",
        "Walking group",
    ]
    assert status_text(response).startswith("3 opportunities found")
    html = response.content.decode()
    assert "Help each other" in html and "East Ayrshire" in html
    assert "Bus fares paid, Food" in html
    assert 'class="tag tag--group">With others</span>' in html
    assert 'class="tag tag--open">Open</span>' in html


def test_closed_ones_are_hidden_until_asked_for(client, mixed):
    assert "Old exhibition" not in card_titles_in(client.get("/opportunities/"))
    response = client.get("/opportunities/?show_closed=on")
    assert "Old exhibition" in card_titles_in(response)
    assert 'class="tag tag--closed">Closed</span>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=group", ["Walking group"]),
        ("level=collective", ["Service-user forum"]),
        ("type=peer-led", ["Walking group"]),
        ("area=south-ayrshire", ["Service-user forum"]),
        ("commitment=one-off", ["Probation survey"]),
        ("format=phone", ["Probation survey"]),
        ("format=phone&format=online", ["Probation survey", "Service-user forum"]),
        ("support=travel", ["Service-user forum", "Walking group"]),
        ("support=travel&support=food", ["Walking group"]),
        ("motivation=giving-back", ["Probation survey", "Service-user forum"]),
        (
            "motivation=belonging&motivation=giving-back",
            ["Probation survey", "Service-user forum", "Walking group"],
        ),
        ("first_step=on", ["Probation survey"]),
        ("q=harbour", ["Walking group"]),
        ("q=forum", ["Service-user forum"]),
    ],
)
def test_each_filter_alone(client, mixed, query, expected):
    response = client.get(f"/opportunities/?{query}")
    assert response.status_code == 200
    assert sorted(card_titles_in(response)) == expected
    assert "Clear filters" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "level=collective&area=south-ayrshire&show_closed=on",
            ["Old exhibition", "Service-user forum"],
        ),
        ("level=collective&area=south-ayrshire", ["Service-user forum"]),
        ("support=travel&level=group&type=peer-led", ["Walking group"]),
        ("support=travel&area=north-ayrshire", []),
        ("q=group&area=east-ayrshire&level=group", ["Walking group"]),
        ("q=harbour&level=individual", []),
        (
            "q=forum&support=travel&motivation=giving-back&commitment=ongoing",
            ["Service-user forum"],
        ),
    ],
)
def test_filters_combined(client, mixed, query, expected):
    response = client.get(f"/opportunities/?{query}")
    assert sorted(card_titles_in(response)) == expected
    if not expected:
        assert "Nothing matches all of your choices" in response.content.decode()


def test_search_finds_words_in_the_body(client, mixed):
    response = client.get("/opportunities/?q=stroll")
    assert card_titles_in(response) == ["Walking group"]
    assert status_text(response) == "1 opportunity found for “stroll”."


def test_filters_are_kept_in_the_form(client, mixed):
    html = client.get(
        "/opportunities/?level=group&support=food&area=east-ayrshire&q=walk"
    ).content.decode()
    assert re.search(r'<input type="radio" name="level" value="group"[^>]*checked', html)
    assert re.search(r'<input type="checkbox" name="support" value="food"[^>]*checked', html)
    assert re.search(r'<option value="east-ayrshire" selected>', html)
    assert 'value="walk"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("level=bogus", "Choose a level from the list"),
        ("area=%3Cscript%3Ealert(1)%3C/script%3E", "Choose an area from the list"),
        ("type=nope", "Choose a type from the list"),
        ("commitment=forever", "Choose an amount of time from the list"),
        ("format=carrier-pigeon", "Choose ways to take part from the list"),
        ("support=money&support=travel", "Choose support from the list"),
        ("motivation=fame", "Choose from the list"),
        ("q=" + "x" * 1000, "Search words must be 200 characters or fewer"),
    ],
)
def test_values_that_are_not_allowed_are_reported_and_ignored(client, mixed, query, message):
    response = client.get(f"/opportunities/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some of your choices could not be used" in html
    assert message in html
    assert 'class="field-error"' in html
    assert "<script>alert(1)" not in html
    # The bad value is ignored: every open opportunity is still listed.
    assert len(card_titles_in(response)) == 3


def test_a_bad_value_does_not_stop_the_good_ones(client, mixed):
    response = client.get("/opportunities/?level=bogus&area=east-ayrshire")
    assert card_titles_in(response) == ["Walking group"]


@pytest.mark.parametrize(
    "words",
    ['"', "walk*", "NEAR(walk", "a OR", "^:-", "'; DROP TABLE x; --", "\\", "%", "🙂"],
)
def test_search_punctuation_never_breaks_the_page(client, mixed, words):
    response = client.get("/opportunities/", {"q": words})
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["999", "x", "0", "-1", "1.5"])
def test_a_page_number_out_of_range_is_not_found(client, mixed, page):
    response = client.get(f"/opportunities/?page={page}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
