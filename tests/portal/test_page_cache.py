"""The anonymous whole-page cache: fast repeats, fresh after any change, never private data."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from portal.models import SiteSettings


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_an_anonymous_repeat_visit_is_served_from_the_cache_without_queries(
    client, information_pages, django_assert_num_queries
):
    first = client.get("/how-involvement-works/")
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get("/how-involvement-works/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_publishing_a_change_shows_on_the_next_request(client, information_pages):
    page = information_pages["how-involvement-works"]
    client.get("/how-involvement-works/")
    page.title = "How taking part works"
    page.save_revision().publish()
    response = client.get("/how-involvement-works/")
    assert response["X-Page-Cache"] == "miss"
    assert "How taking part works" in response.content.decode()


@pytest.mark.django_db
def test_changing_a_site_setting_shows_on_the_next_request(client, information_pages, site):
    client.get("/privacy-notice/")
    settings_row = SiteSettings.for_site(site)
    settings_row.phone = "0800 000 1111"
    settings_row.save()
    response = client.get("/privacy-notice/")
    assert response["X-Page-Cache"] == "miss"
    assert "0800 000 1111" in response.content.decode()


@pytest.mark.django_db
def test_query_strings_are_cached_separately(client, information_pages):
    assert client.get("/privacy-notice/?a=1")["X-Page-Cache"] == "miss"
    assert client.get("/privacy-notice/?a=2")["X-Page-Cache"] == "miss"
    assert client.get("/privacy-notice/?a=1")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_staff_with_a_session_never_get_a_cached_page(client, information_pages):
    client.get("/privacy-notice/")
    staff = get_user_model().objects.create_superuser("staff", "s@example.org", "pw-123456789")
    client.force_login(staff)
    response = client.get("/privacy-notice/")
    assert "X-Page-Cache" not in response
    # The Wagtail user bar for staff is in their copy, and never in the cached one.
    client.logout()
    assert "wagtail-userbar" not in client.get("/privacy-notice/").content.decode()


@pytest.mark.django_db
def test_errors_and_the_admin_are_not_cached(client, information_pages):
    assert "X-Page-Cache" not in client.get("/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


@pytest.mark.django_db
def test_a_page_with_a_form_token_is_private_and_never_stored(client, information_pages, rf):
    from django.middleware.csrf import get_token

    from portal.cache import AnonymousPageCacheMiddleware

    def view_with_form(request):
        from django.http import HttpResponse

        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = AnonymousPageCacheMiddleware(view_with_form)
    request = rf.get("/some-form/")
    response = middleware(request)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    again = middleware(rf.get("/some-form/"))
    assert "X-Page-Cache" not in again


@pytest.mark.django_db
def test_clients_that_take_gzip_get_a_compressed_copy_and_others_a_plain_one(
    client, information_pages
):
    import gzip

    plain = client.get("/privacy-notice/")
    packed = client.get("/privacy-notice/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["X-Page-Cache"] == "miss"  # each encoding has its own copy
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)

    again = client.get("/privacy-notice/", HTTP_ACCEPT_ENCODING="gzip")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    plain_again = client.get("/privacy-notice/")
    assert plain_again["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain_again
    assert plain_again.content == plain.content


@pytest.mark.django_db
def test_a_page_rendered_afresh_reuses_the_menu_and_site_settings_until_they_change(
    client, information_pages, home_page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.models import ContentPage

    with CaptureQueriesContext(connection) as first:
        client.get("/privacy-notice/?visit=1")
    with CaptureQueriesContext(connection) as second:
        html = client.get("/privacy-notice/?visit=2").content.decode()
    assert second.captured_queries, "a different query string is rendered afresh"
    assert len(second) <= len(first) - 2  # no query for the menu or the settings
    assert 'href="/privacy-notice/"' in html  # the footer still links the notice

    new_page = ContentPage(title="Meet the team", slug="meet-the-team", show_in_menus=True)
    home_page.add_child(instance=new_page)
    new_page.save_revision().publish()
    html = client.get("/privacy-notice/?visit=3").content.decode()
    assert 'href="/meet-the-team/"' in html


@pytest.mark.django_db
def test_making_a_page_private_stops_the_cached_copy_at_once(client, information_pages):
    from wagtail.models import PageViewRestriction

    page = information_pages["privacy-notice"]
    assert client.get("/privacy-notice/").status_code == 200
    assert client.get("/privacy-notice/")["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret-1"
    )
    response = client.get("/privacy-notice/")
    assert response.get("X-Page-Cache") != "hit"
    html = response.content.decode()
    assert 'name="password"' in html
    assert "site-footer" not in html  # Wagtail's password form, not the page


@pytest.mark.django_db
def test_emptying_the_cache_by_hand_brings_every_worker_up_to_date(client, information_pages):
    from wagtail.models import Page

    def menu(visit):
        html = client.get(f"/how-involvement-works/?visit={visit}").content.decode()
        return html.split("</header>")[0]

    cache.clear()
    assert 'href="/privacy-notice/"' not in menu(1)  # this process now holds the menu
    # A change made behind the portal's back (no signal), then the cache emptied.
    Page.objects.filter(slug="privacy-notice").update(show_in_menus=True)
    cache.clear()
    assert 'href="/privacy-notice/"' in menu(2)
