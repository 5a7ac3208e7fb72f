"""An opportunity's own page: everything needed to decide, and where to go next."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.choices import Level, Status
from portal.models import SiteSettings
from tests.pages import card_titles

pytestmark = pytest.mark.django_db

# A detail page rendered afresh with the page cache on. Wagtail's own public() looked up
# the private sections once for each list on the page (three more), and the catalogue
# was loaded again for the "See all opportunities" link (one more).
FRESH_DETAIL_QUERIES = 14


@pytest.fixture
def walking(make_opportunity):
    return make_opportunity(
        "Walking group",
        summary="An easy walk with others.",
        level=Level.GROUP,
        engagement_type="peer-led",
        area="east-ayrshire",
        time_estimate="2 hours on a Saturday",
        location="Irvine harbour",
        format_in_person=True,
        support_food=True,
        motivation_belonging=True,
        who_can_take_part="Anyone on probation.",
        body=[{"type": "paragraph", "value": "<p>We stroll along the harbour wall.</p>"}],
    )


def test_detail_page_answers_the_questions_people_ask(client, walking):
    response = client.get(walking.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Walking group</h1>",
        "What you would do",
        "We stroll along the harbour wall.",
        "When and how long",
        "2 hours on a Saturday",
        "Irvine harbour, East Ayrshire",
        "In person",
        "Support we offer",
        "Food",
        "Who it is for",
        "Anyone on probation.",
        "What you get",
        "Meet people and belong",
        "What happens after you sign up",
        "Making A Difference",
        'class="tag tag--open">Open</span>',
    ]:
        assert text in html, text


def test_what_happens_next_uses_the_response_promise_by_default(client, walking, site):
    settings = SiteSettings.for_site(site)
    settings.response_days = 3
    settings.save()
    assert "within 3 working days" in client.get(walking.url).content.decode()

    walking.what_happens_next = "Kim will phone you the next Monday."
    walking.save_revision().publish()
    html = client.get(walking.url).content.decode()
    assert "Kim will phone you the next Monday." in html
    assert "within 3 working days" not in html


def test_ready_for_more_offers_open_ones_of_the_same_type_one_level_on(
    client, walking, make_opportunity
):
    make_opportunity("Run the walking group", level=Level.COLLECTIVE, engagement_type="peer-led")
    make_opportunity(
        "Peer mentor", level=Level.COLLECTIVE, engagement_type="peer-led", area="south-ayrshire"
    )
    make_opportunity(
        "Full mentor", level=Level.COLLECTIVE, engagement_type="peer-led", status=Status.FULL
    )
    make_opportunity("Forum", level=Level.COLLECTIVE, engagement_type="forums-councils-panels")
    make_opportunity("Football", level=Level.GROUP, engagement_type="peer-led")

    html = client.get(walking.url).content.decode()
    more = html.split('id="more-heading"')[1].split("</section>")[0]
    assert "Run the walking group" in more and "Peer mentor" in more
    assert "Full mentor" not in more and "Forum" not in more and "Football" not in more


def test_also_in_the_area_lists_other_open_ones_there(client, walking, make_opportunity):
    make_opportunity("Breakfast club", area="east-ayrshire")
    make_opportunity("Closed club", area="east-ayrshire", status=Status.CLOSED)
    make_opportunity("Far away", area="south-ayrshire")

    html = client.get(walking.url).content.decode()
    also = html.split('id="area-heading"')[1].split("</section>")[0]
    assert "Also in East Ayrshire" in html
    assert "Breakfast club" in also
    assert "Closed club" not in also and "Far away" not in also and "Walking group" not in also


def test_suggestions_put_good_first_steps_first_then_the_newest(client, walking, make_opportunity):
    for title in ("Oldest club", "First step club", "Older club", "Newer club", "Newest club"):
        make_opportunity(title, area="east-ayrshire", first_step=title == "First step club")

    html = client.get(walking.url).content.decode()
    also = html.split('id="area-heading"')[1].split("</section>")[0]
    assert card_titles(also) == ["First step club", "Newest club", "Newer club"]


def test_the_last_level_has_no_ready_for_more(client, make_opportunity):
    forum = make_opportunity("Forum", level=Level.COLLECTIVE)
    assert "Ready for more?" not in client.get(forum.url).content.decode()


def test_detail_query_count_does_not_grow(client, walking, make_opportunity):
    def add(count, start):
        for number in range(start, start + count):
            make_opportunity(
                f"Opportunity {number}",
                level=Level.COLLECTIVE if number % 2 else Level.GROUP,
                engagement_type="peer-led",
                area="east-ayrshire",
            )

    add(4, 0)
    client.get(walking.url)
    with CaptureQueriesContext(connection) as with_five:
        client.get(walking.url)
    add(95, 4)
    with CaptureQueriesContext(connection) as with_hundred:
        html = client.get(walking.url).content.decode()
    assert "Ready for more?" in html
    assert len(with_hundred) == len(with_five)
    # Each related list is two queries: the ordered keys of three pages, then their rows.
    # The catalogue for the "See all opportunities" link is the page that routed here.
    assert len(with_hundred) <= 21


def test_a_fresh_detail_page_costs_no_query_for_private_sections_or_the_listing(
    client, settings, walking, make_opportunity, django_assert_max_num_queries
):
    """As on the running site: the page cache on, the page itself not cached yet."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    make_opportunity("Harbour forum", level=Level.GROUP, area="east-ayrshire")
    client.get(walking.url + "?visit=0")  # the menu and settings every page shows
    with django_assert_max_num_queries(FRESH_DETAIL_QUERIES) as captured:
        html = client.get(walking.url + "?visit=1").content.decode()
    assert "Harbour forum" in html
    assert '<a href="/opportunities/">See all opportunities</a>' in html
    # Wagtail still checks the page's own restrictions before serving it, once.
    restrictions = [q for q in captured.captured_queries if "pageviewrestriction" in q["sql"]]
    assert len(restrictions) == 1
    cache.clear()


def test_pages_under_the_catalogue_are_found_by_address_only_when_published(
    client, walking, catalogue
):
    from portal.models import ContentPage

    assert client.get(walking.url).status_code == 200
    assert client.get(f"{walking.url}sign-up/").status_code == 200
    assert client.get("/opportunities/no-such-opportunity/").status_code == 404
    walking.unpublish()
    assert client.get("/opportunities/walking-group/").status_code == 404

    # A page of a type no longer allowed under the catalogue is still served.
    stray = ContentPage(title="Old notes", slug="old-notes")
    catalogue.add_child(instance=stray)
    stray.save_revision().publish()
    response = client.get("/opportunities/old-notes/")
    assert response.status_code == 200
    assert "Old notes" in response.content.decode()


def test_a_private_opportunity_leaves_the_lists_at_once_with_caching_on(
    client, settings, walking, make_opportunity
):
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    make_opportunity("Harbour forum", level=Level.GROUP, area="east-ayrshire")
    assert "Harbour forum" in client.get(walking.url + "?visit=1").content.decode()
    forum = walking.get_parent().get_children().get(slug="harbour-forum")
    PageViewRestriction.objects.create(page=forum, restriction_type="password", password="x-1")
    assert "Harbour forum" not in client.get(walking.url + "?visit=2").content.decode()
    assert "Harbour forum" not in client.get("/opportunities/").content.decode()
    cache.clear()
