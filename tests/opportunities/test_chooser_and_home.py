"""'Find what suits you' and the catalogue's section of the home page."""

import re

import pytest

from opportunities.choices import LEVEL_DESCRIPTIONS, Level, Status

pytestmark = pytest.mark.django_db

# The home page rendered afresh with the page cache on. Wagtail's own public() looked up
# the private sections once for each of its lists and for the chooser link (four more).
FRESH_HOME_QUERIES = 9


def test_the_home_page_links_to_the_chooser(client, catalogue):
    html = client.get("/").content.decode()
    assert 'href="/opportunities/find/">Find what suits you</a>' in html


def test_the_chooser_explains_the_levels_and_asks_plain_questions(client, catalogue, areas):
    response = client.get("/opportunities/find/")
    assert response.status_code == 200
    html = response.content.decode()
    for level in Level:
        assert LEVEL_DESCRIPTIONS[level] in html
    for question in [
        "How much time do you have?",
        "On your own or with others?",
        "When are you free?",
        "Where are you?",
        "What would you need to take part?",
    ]:
        assert question in html
    assert 'action="/opportunities/#results"' in html and 'method="get"' in html
    assert "North Ayrshire" in html
    # "Not sure" is chosen until the person picks something else.
    assert re.search(r'<input type="radio" name="level" value=""[^>]*checked', html)


def test_chooser_answers_land_on_the_filtered_listing(client, make_opportunity):
    make_opportunity("Walking group", level=Level.GROUP, commitment="drop-in", support_travel=True)
    make_opportunity("Survey", level=Level.INDIVIDUAL, commitment="one-off")
    # Exactly what the chooser's form sends, unanswered questions included.
    response = client.get(
        "/opportunities/?commitment=drop-in&level=group&area=&format=in-person&support=travel"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Walking group" not in html  # not in person
    response = client.get("/opportunities/?commitment=drop-in&level=group&area=&support=travel")
    assert ">Walking group</a>" in response.content.decode()
    assert ">Survey</a>" not in response.content.decode()


def test_home_page_features_open_good_first_steps(client, make_opportunity):
    make_opportunity("First step one", first_step=True)
    make_opportunity("First step two", first_step=True)
    make_opportunity("Full first step", first_step=True, status=Status.FULL)
    make_opportunity("Not a first step")
    html = client.get("/").content.decode()
    assert "Ways to take part now" in html
    assert ">First step one</a>" in html and ">First step two</a>" in html
    assert "Full first step" not in html and "Not a first step" not in html


def test_a_fresh_home_page_asks_once_for_each_section(
    client, settings, make_opportunity, django_assert_max_num_queries
):
    """As on the running site: the page cache on, the home page not cached yet. No
    section looks up the private sections while the site has none."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    make_opportunity("First step one", first_step=True)
    client.get("/?visit=0")  # the menu and settings every page shows
    with django_assert_max_num_queries(FRESH_HOME_QUERIES) as captured:
        html = client.get("/?visit=1").content.decode()
    assert ">First step one</a>" in html
    restrictions = [q for q in captured.captured_queries if "pageviewrestriction" in q["sql"]]
    assert len(restrictions) == 1  # Wagtail's check of the home page itself
    cache.clear()


def test_home_page_shows_at_most_three(client, make_opportunity):
    for number in range(5):
        make_opportunity(f"First step {number}", first_step=True)
    html = client.get("/").content.decode()
    assert len(re.findall(r">First step \d</a>", html)) == 3


def test_the_home_page_leads_with_what_people_get(client, catalogue):
    html = client.get("/").content.decode()
    main = html.split("<main", 1)[1]
    assert main.index("What you get from taking part") < main.index("Three ways to get involved")
    for what in ("A place to belong", "A reason to get up", "New skills", "A way to give back"):
        assert what in main
    for thing in ("a certificate", "a reference for a job", "a meal"):
        assert thing in main
    # Plain words first, the research term after.
    assert 'Just you <span class="term">(Individual)</span>' in main


def test_how_involvement_works_starts_with_what_you_get(client, information_pages):
    html = client.get("/how-involvement-works/").content.decode()
    main = html.split("<main", 1)[1]
    assert main.index("What you get") < main.index("You choose how much you do")
    assert "Changing things for everyone" in main


def test_the_money_page_explains_each_kind_and_who_to_ask(client, information_pages):
    html = client.get("/money-and-benefits/").content.decode()
    assert "<h1>Money, benefits and your record</h1>" in html
    for words in (
        "No pay.",
        "Costs paid back.",
        "A voucher.",
        "Paid.",
        "work coach",
        "Universal Credit",
        "Citizens Advice",
        "support worker",
        "It is not advice about you.",
    ):
        assert words in html, words
