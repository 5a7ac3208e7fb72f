"""The three public listings (opportunities, events, stories) filter the same way.

A value that is not allowed in one filter is left out with a message beside that filter,
and the other filters still narrow the list. Repeated and odd parameters never give a
server error. The number of database queries stays the same however long the list is.
"""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from opportunities.choices import Commitment, Level
from opportunities.models import (
    Area,
    EngagementType,
    EventIndexPage,
    EventPage,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
    Venue,
)
from portal.demo import create_home_page, create_information_pages, create_site_settings
from stories.choices import ConsentMethod
from stories.models import StoryIndexPage, StoryPage
from tests.pages import card_titles_in

# What a visitor sees when one of their choices was left out.
LEFT_OUT = "Some of your choices could not be used"

# The most queries each listing may take, whatever the number of results: the site shell
# (site, page, settings, menu), types and areas in one query (opportunities and events),
# a count, the page's keys and its rows. Events took 16, and 17 with an area chosen,
# when types and areas were loaded one list at a time.
QUERY_LIMITS = {"opportunities": 15, "events": 15, "stories": 14}


@pytest.fixture(scope="module")
def listings_once(module_db):
    """The three listings under the home page, with a few of each kind of result."""
    home_page = create_home_page()
    create_site_settings(home_page, create_information_pages(home_page))
    north = Area.objects.create(name="Northtown", slug="northtown", sort_order=0)
    south = Area.objects.create(name="Southtown", slug="southtown", sort_order=1)
    group = OrganisingGroup.objects.create(name="Probation Voices", slug="probation-voices")
    forum = EngagementType.objects.get(slug="forums-councils-panels")
    venue = Venue.objects.create(name="Community hall", address="1 High Street")
    pages = {
        "opportunities": home_page.add_child(
            instance=OpportunityIndexPage(title="Opportunities", slug="opportunities")
        ),
        "events": home_page.add_child(instance=EventIndexPage(title="What's on", slug="events")),
        "stories": home_page.add_child(instance=StoryIndexPage(title="Stories", slug="stories")),
    }
    facts = {"engagement_type": forum, "organising_group": group}
    # Ten in the morning on a Monday one to two weeks ahead, whatever the day and hour the
    # tests run: the first events are then weekday daytime ones, as the filters expect.
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    start = today + datetime.timedelta(days=14 - today.weekday())

    def add(kind, title, level, area=north, *, day=0):
        if kind == "opportunities":
            page = OpportunityPage(
                title=title,
                level=level,
                area=area,
                commitment=Commitment.ONGOING,
                time_estimate="Two hours a month",
                **facts,
            )
        elif kind == "events":
            page = EventPage(
                title=title,
                level=level,
                area=area,
                venue=venue,
                start=start + datetime.timedelta(days=day),
                end=start + datetime.timedelta(days=day, hours=2),
                **facts,
            )
        else:
            page = StoryPage(
                title=title,
                level=level,
                theme_belonging=area == north,
                summary="What it was like.",
                display_name="Sam",
                consent_date=timezone.localdate(),
                consent_method=ConsentMethod.WRITTEN,
                storyteller_approved=True,
                first_published_at=timezone.now() - datetime.timedelta(days=day),
            )
        return pages[kind].add_child(instance=page)

    for kind in pages:
        add(kind, "Group in the north", Level.GROUP, north)
        add(kind, "Group in the south", Level.GROUP, south, day=1)
        add(kind, "Council in the north", Level.COLLECTIVE, north, day=2)
    return pages, add


@pytest.fixture
def listings(listings_once, db):
    """The listings, built once for this module; each test's changes are rolled back."""
    return listings_once


def filter_group(html, name):
    """The form group (label, hint, error and input) of the filter called ``name``."""
    groups = [
        match.group(0)
        for match in re.finditer(r'<(div|fieldset) class="form-group[^"]*".*?</\1>', html, re.S)
    ]
    found = [group for group in groups if f'name="{name}"' in group]
    assert len(found) == 1, name
    return found[0]


# For each listing: a bad value in one filter, a good value in another, the message the
# visitor reads beside the bad one, and what the good one still leaves in the list.
NORTH = ["Council in the north", "Group in the north"]
GROUPS = ["Group in the north", "Group in the south"]
BAD_AND_GOOD = {
    "opportunities-area": ("opportunities", "area=nowhere&level=group", "area", GROUPS),
    "opportunities-level": ("opportunities", "level=everyone&area=southtown", "level", GROUPS[1:]),
    "events-area": ("events", "area=nowhere&level=group", "area", GROUPS),
    "events-month": ("events", "month=2027-13&area=southtown", "month", GROUPS[1:]),
    "stories-theme": ("stories", "theme=nonsense&level=group", "theme", GROUPS),
    "stories-level": ("stories", "level=%27%3B+DROP+TABLE+x&theme=belonging", "level", NORTH),
}
MESSAGES = {
    "area": "Choose an area from the list. We showed every area.",
    "level": "Choose a level from the list. We showed every level.",
    "month": "Choose a month from the list. We showed every month.",
    "theme": "Choose a theme from the list. We showed every theme.",
    ("stories", "level"): "Choose a way of taking part from the list. We showed every way.",
}


@pytest.mark.parametrize(
    ("listing", "query", "bad", "expected"), BAD_AND_GOOD.values(), ids=BAD_AND_GOOD.keys()
)
def test_a_bad_value_is_left_out_beside_its_filter_and_the_others_still_apply(
    client, listings, listing, query, bad, expected
):
    response = client.get(f"/{listing}/?{query}")
    message = MESSAGES.get((listing, bad), MESSAGES[bad])

    assert response.status_code == 200
    html = response.content.decode()
    assert html.split("<title>", 1)[1].startswith("Error: ")
    assert LEFT_OUT in html
    # The message sits in the bad filter's own group, which the summary links to.
    group = filter_group(html, bad)
    assert "form-group--error" in group and message in group
    assert f'href="#id_{bad}"' in html and f'id="id_{bad}"' in group
    for name in re.findall(r"(\w+)=", query):
        if name != bad:
            assert "form-group--error" not in filter_group(html, name)
    assert sorted(card_titles_in(response)) == expected


@pytest.mark.parametrize("listing", ["opportunities", "events", "stories"])
def test_one_value_per_single_choice_filter(client, listings, listing):
    response = client.get(f"/{listing}/?level=group&level=collective")

    assert response.status_code == 200
    group = filter_group(response.content.decode(), "level")
    assert "Choose only one" in group
    assert sorted(card_titles_in(response)) == [
        "Council in the north",
        "Group in the north",
        "Group in the south",
    ]


ODD_QUERIES = [
    "level=group&level=group&level=collective",
    "level[]=group",
    "area=northtown&area=southtown&area=",
    "type=" + "x" * 5000,
    "month=2027-04&month=0000-00",
    "theme=belonging&theme=purpose&theme=",
    "when=evening&when=weekend&payment=none&payment=paid",
    "q=%00&level=%00&area=%00&theme=%00&month=%00",
    "q=%F0%9F%99%82&area=%E2%80%AE",
    "format=online&format=online&support=food&support=",
    "first_step=yes&first_step=no&show_closed=maybe",
    "unknown=1&level=",
    "page=1&page=2",
    "page=",
    "page=%00",
]


@pytest.mark.parametrize("listing", ["opportunities", "events", "events/past", "stories"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_repeated_and_odd_parameters_never_give_a_server_error(listings, listing, query):
    response = Client(raise_request_exception=False).get(f"/{listing}/?{query}")

    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 200:
        html = response.content.decode()
        assert "<script" not in html.split("<main", 1)[1]


# A query for each listing whose results are all on one page, and the same with a bad value.
QUERIES = {
    "opportunities": ({"level": "group", "area": "northtown"}, {"area": "nowhere"}),
    "events": ({"level": "group", "area": "northtown", "when": "daytime"}, {"month": "0000-01"}),
    "stories": ({"level": "group", "theme": "belonging"}, {"theme": "nonsense"}),
}


@pytest.mark.parametrize("listing", ["opportunities", "events", "stories"])
def test_queries_do_not_grow_with_the_list_or_a_bad_value(
    client, listings, listing, django_assert_max_num_queries
):
    _pages, add = listings
    url = f"/{listing}/"
    good, bad = QUERIES[listing]
    client.get(url)  # a running site already has its site and settings cached
    counts = {}
    for size in ("few", "many"):
        if size == "many":
            for number in range(30):
                add(listing, f"More {number}", Level.GROUP, day=number + 3)
        for name, query in (("all", {}), ("good", good), ("bad", {**good, **bad})):
            with django_assert_max_num_queries(QUERY_LIMITS[listing]) as captured:
                assert client.get(url, query).status_code == 200
            counts[size, name] = len(captured)
    assert counts["few", "bad"] <= counts["few", "good"]
    for name in ("all", "good", "bad"):
        assert counts["many", name] == counts["few", name], name
