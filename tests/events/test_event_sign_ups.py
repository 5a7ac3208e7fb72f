import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from opportunities.models import SignUp
from opportunities.models.signups import SignUpStatus
from tests.factories.events import EventPageFactory
from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory

SIGN_UP = {
    "preferred_name": "Jo",
    "contact_method": "email",
    "contact_detail": "jo@example.org",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def event(index, title="Forum", days=7, **kwargs):
    start = in_days(days)
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + datetime.timedelta(hours=2), **kwargs
    )


def sign_up(client, page, **overrides):
    return client.post(page.url + "sign-up/", {**SIGN_UP, **overrides}, follow=True)


@pytest.mark.django_db
def test_places_left_count_down_and_a_full_event_puts_people_on_the_waiting_list(
    client, event_index, site
):
    forum = event(event_index, capacity=2)
    assert "2 of 2 places left" in client.get(forum.url).content.decode()

    first = sign_up(client, forum, contact_detail="a@example.org")
    assert "Thank you, you have signed up" in first.content.decode()
    assert "1 of 2 places left" in client.get(forum.url).content.decode()

    sign_up(client, forum, contact_detail="b@example.org")
    full_page = client.get(forum.url).content.decode()
    assert "Full – you can join the waiting list" in full_page
    assert "Join the waiting list" in full_page
    assert "All the places are taken" in client.get(forum.url + "sign-up/").content.decode()

    third = sign_up(client, forum, contact_detail="c@example.org")
    assert "Thank you, you are on the waiting list" in third.content.decode()
    statuses = list(SignUp.objects.order_by("created_at", "pk").values_list("status", flat=True))
    assert statuses == [SignUpStatus.NEW, SignUpStatus.NEW, SignUpStatus.WAITING_LIST]


@pytest.mark.django_db
def test_a_withdrawn_sign_up_gives_its_place_back(client, event_index, site):
    forum = event(event_index, capacity=1)
    sign_up(client, forum)
    assert forum.places_left() == 0
    SignUp.objects.update(status=SignUpStatus.WITHDRAWN)
    assert forum.places_left() == 1
    assert "1 of 1 places left" in client.get(forum.url).content.decode()


@pytest.mark.django_db
def test_a_past_event_shows_no_form_and_refuses_a_post(client, event_index, site):
    finished = event(event_index, title="Last month's walk", days=-30)
    page = client.get(finished.url).content.decode()
    assert "This event has finished" in page
    assert 'href="' + finished.url + 'sign-up/"' not in page

    response = client.post(finished.url + "sign-up/", SIGN_UP)
    assert response.status_code == 403
    assert "already happened" in response.content.decode()
    assert not SignUp.objects.exists()


@pytest.mark.django_db
def test_an_event_without_a_limit_never_fills(client, event_index, site):
    cafe = event(event_index, title="Drop-in café", capacity=None)
    for number in range(3):
        sign_up(client, cafe, contact_detail=f"p{number}@example.org")
    assert set(SignUp.objects.values_list("status", flat=True)) == {SignUpStatus.NEW}
    assert "places left" not in client.get(cafe.url).content.decode()


@pytest.mark.django_db
def test_home_page_shows_the_next_three_events(client, event_index):
    for days, title in [(20, "Fourth"), (3, "First"), (9, "Third"), (5, "Second"), (-2, "Past")]:
        event(event_index, title=title, days=days)
    html = client.get("/").content.decode()
    positions = [html.find(f">{title}</a>") for title in ("First", "Second", "Third")]
    assert all(position > 0 for position in positions)
    assert positions == sorted(positions)
    assert ">Fourth</a>" not in html
    assert ">Past</a>" not in html


@pytest.mark.django_db
def test_an_opportunity_page_lists_its_upcoming_events(client, home_page, event_index):
    catalogue = OpportunityIndexPageFactory(parent=home_page)
    forum = OpportunityPageFactory(parent=catalogue, title="Service user forum")
    event(event_index, title="Forum: March meeting", days=10, related_opportunity=forum)
    event(event_index, title="Forum: last meeting", days=-10, related_opportunity=forum)
    html = client.get(forum.url).content.decode()
    assert "Coming up" in html
    assert "Forum: March meeting" in html
    assert "Forum: last meeting" not in html


@pytest.mark.django_db
def test_demo_content_has_events_ahead_and_behind_and_two_at_capacity(client):
    from io import StringIO

    from django.core.management import call_command

    from opportunities.models import EventPage

    call_command("load_demo_content", stdout=StringIO())
    now = timezone.now()
    upcoming = EventPage.objects.live().upcoming(now)
    assert upcoming.count() >= 12
    assert upcoming.filter(start__lte=now + datetime.timedelta(days=92)).count() >= 12
    assert EventPage.objects.live().past(now).count() >= 4
    assert len({event.area_id for event in upcoming}) >= 3
    assert len({event.level for event in upcoming}) == 3
    full = [event for event in upcoming if event.capacity and event.places_left() == 0]
    assert len(full) >= 2
