"""What each change makes afresh in the page cache, as a visitor sees it.

Editorial changes (publishing, unpublishing, moving or deleting a page, a snippet, a
setting, a view restriction) renew every page. A sign-up renews only the page whose
places it changed; a sign-up elsewhere, a draft or a status change that moves no place
renews nothing. Measured by the ``X-Page-Cache`` header and the queries of the next
request.
"""

import datetime
import gzip

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from opportunities.models import SignUp, SignUpStatus
from portal.models import SiteSettings
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "preferred_name": "Jo",
    "contact_method": "email",
    "contact_detail": "jo@example.org",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request):
    """The page cache on Django's local-memory cache, and on a private redis-server."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache_on")
    return request.param


@pytest.fixture
def event_index(home_page, information_pages):
    return EventIndexPageFactory(parent=home_page)


def event(index, title, **fields):
    day = timezone.localdate() + datetime.timedelta(days=7)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + datetime.timedelta(hours=2), **fields
    )


def sign_up(page):
    """Someone else signs up (the visitor's own client keeps no session)."""
    response = Client().post(page.url + "sign-up/", SIGN_UP)
    assert response.status_code == 302
    assert "thank-you" in response["Location"]


def cached(client, *urls):
    """Visit each URL until it is served from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def assert_renewed(client, url, shows=None):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss", url
    if shows:
        assert shows in response.content.decode()


def assert_still_cached(client, url, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url


# Editorial changes renew what shows them -----------------------------------------------


def test_publishing_a_page_renews_it_and_the_listing_that_shows_it(client, event_index):
    forum = event(event_index, "Forum")
    cached(client, forum.url, event_index.url)

    forum.title = "Community forum"
    forum.save_revision().publish()

    assert_renewed(client, forum.url, shows="Community forum")
    assert_renewed(client, event_index.url, shows="Community forum")


def test_unpublishing_a_page_takes_it_and_its_card_off_at_once(client, event_index):
    forum = event(event_index, "Forum")
    cached(client, forum.url, event_index.url)

    forum.unpublish()

    assert client.get(forum.url).status_code == 404
    assert_renewed(client, event_index.url)
    assert "Forum" not in client.get(event_index.url).content.decode()


def test_moving_a_page_renews_its_old_address_and_the_menus(client, information_pages):
    notice = information_pages["privacy-notice"]
    new_parent = information_pages["how-involvement-works"]
    cached(client, "/privacy-notice/", "/how-involvement-works/")

    notice.move(new_parent, pos="last-child")

    # Not the cached page: the old address now sends people to the new one.
    old_address = client.get("/privacy-notice/")
    assert old_address.status_code == 301
    assert old_address["Location"] == "/how-involvement-works/privacy-notice/"
    assert_renewed(
        client, "/how-involvement-works/", shows="/how-involvement-works/privacy-notice/"
    )


def test_deleting_a_page_takes_it_off_at_once(client, event_index):
    forum = event(event_index, "Forum")
    cached(client, forum.url, event_index.url)

    forum.delete()

    assert client.get(forum.url).status_code == 404
    assert_renewed(client, event_index.url)


def test_saving_a_snippet_renews_the_pages_that_show_it(client, event_index):
    forum = event(event_index, "Forum")
    cached(client, forum.url, event_index.url)

    forum.venue.name = "The Old Library"
    forum.venue.save()

    assert_renewed(client, forum.url, shows="The Old Library")
    assert_renewed(client, event_index.url, shows="The Old Library")


def test_saving_a_setting_renews_every_page(client, information_pages, site):
    cached(client, "/how-involvement-works/")

    site_settings = SiteSettings.for_site(site)
    site_settings.phone = "0800 000 2222"
    site_settings.save()

    assert_renewed(client, "/how-involvement-works/", shows="0800 000 2222")


def test_a_view_restriction_renews_the_page_when_made_and_when_removed(client, information_pages):
    notice = information_pages["privacy-notice"]
    cached(client, "/privacy-notice/")

    restriction = PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="secret-1"
    )
    response = client.get("/privacy-notice/")
    assert response.get("X-Page-Cache") != "hit"
    assert 'name="password"' in response.content.decode()

    restriction.delete()
    response = client.get("/privacy-notice/")
    assert response["X-Page-Cache"] == "miss"
    assert 'name="password"' not in response.content.decode()


# Sign-ups renew only the places they change ----------------------------------------------


def test_a_sign_up_that_takes_a_place_renews_only_that_event(
    client, event_index, shared_cache, django_assert_num_queries
):
    forum = event(event_index, "Forum", capacity=2)
    walk = event(event_index, "Walk", capacity=2)
    urls = [forum.url, f"{forum.url}?from=leaflet", walk.url, event_index.url, "/"]
    cached(client, "/how-involvement-works/", *urls)
    cached_gzip = client.get(forum.url, HTTP_ACCEPT_ENCODING="gzip")
    assert client.get(forum.url, HTTP_ACCEPT_ENCODING="gzip")["X-Page-Cache"] == "hit"

    sign_up(forum)

    assert_renewed(client, forum.url, shows="1 of 2 places left")
    assert_renewed(client, f"{forum.url}?from=leaflet", shows="1 of 2 places left")
    packed = client.get(forum.url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["X-Page-Cache"] == "miss"
    assert b"1 of 2 places left" in gzip.decompress(packed.content)
    assert packed.content != cached_gzip.content
    # The other event, the listings (which show no places) and other pages stay cached.
    for url in (walk.url, event_index.url, "/", "/how-involvement-works/"):
        assert_still_cached(client, url, django_assert_num_queries)


@pytest.mark.parametrize("capacity", [None, 1], ids=["no limit", "already full"])
def test_a_sign_up_that_changes_no_places_renews_nothing(
    client, event_index, capacity, django_assert_num_queries
):
    forum = event(event_index, "Forum", capacity=capacity)
    if capacity:
        sign_up(forum)  # takes the only place: later ones join the waiting list
    cached(client, forum.url, event_index.url, "/how-involvement-works/")

    sign_up(forum)

    for url in (forum.url, event_index.url, "/how-involvement-works/"):
        assert_still_cached(client, url, django_assert_num_queries)


def test_a_sign_up_to_an_opportunity_renews_nothing(
    client, sign_up_url, shared_cache, django_assert_num_queries
):
    page_url = sign_up_url.removesuffix("sign-up/")
    cached(client, page_url, "/opportunities/", "/how-involvement-works/")

    response = Client().post(sign_up_url, SIGN_UP)
    assert response.status_code == 302

    for url in (page_url, "/opportunities/", "/how-involvement-works/"):
        assert_still_cached(client, url, django_assert_num_queries)


def test_a_status_change_renews_the_event_only_when_it_frees_a_place(
    client, event_index, admin_user, django_assert_num_queries
):
    forum = event(event_index, "Forum", capacity=2)
    sign_up(forum)
    cached(client, forum.url)

    # As the inbox does it: the sign-up loaded, then its status changed.
    SignUp.objects.get().change_status(SignUpStatus.CONTACTED, admin_user, "Rang them")
    assert_still_cached(client, forum.url, django_assert_num_queries)

    SignUp.objects.get().change_status(SignUpStatus.WITHDRAWN, admin_user)
    assert_renewed(client, forum.url, shows="2 of 2 places left")


# Drafts and other records renew nothing --------------------------------------------------


def test_saving_a_draft_renews_nothing(client, event_index, admin_user, django_assert_num_queries):
    forum = event(event_index, "Forum")
    cached(client, forum.url, event_index.url)

    forum.title = "Not ready yet"
    forum.save_revision(user=admin_user, log_action=True)

    for url in (forum.url, event_index.url):
        assert_still_cached(client, url, django_assert_num_queries)
    assert "Not ready yet" not in client.get(forum.url).content.decode()


def test_deleting_records_no_page_shows_is_one_query(django_assert_num_queries):
    """No receiver listens to every model, so Django deletes these without loading them."""
    Session.objects.create(session_key="k" * 32, session_data="", expire_date=timezone.now())
    with django_assert_num_queries(1):
        Session.objects.all().delete()
