"""Hardening: e-mail in production, demo users, oversized forms and idle staff sessions."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import Page

from stories.choices import ChangeStatus
from stories.models import ChangeRecord, StoryPage

from .fresh_settings import run_manage

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "q3#Zr8!vT2mWp5@kL9wY1nB6cF4hJ0sD7gA-eU_oI+rE=tX^yR",
    "ALLOWED_HOSTS": "portal.example.org",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.org",
}


# E-mail in production -------------------------------------------------------------------


def test_production_refuses_to_start_without_somewhere_to_send_email():
    result = run_manage("check", env=PRODUCTION_ENV)

    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_HOST is not set" in result.stderr
    assert "EMAIL_BACKEND=console" in result.stderr
    assert "README" in result.stderr


def test_production_refuses_an_email_choice_it_does_not_know():
    result = run_manage("check", env={**PRODUCTION_ENV, "EMAIL_BACKEND": "pigeon"})

    assert result.returncode != 0
    assert "EMAIL_BACKEND must be smtp, console or none, not 'pigeon'" in result.stderr


@pytest.mark.parametrize(
    "email", [{"EMAIL_HOST": "smtp.example.org"}, {"EMAIL_BACKEND": "console"}]
)
def test_production_starts_and_passes_the_deploy_checks_with_an_email_choice(email):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **email}
    )

    assert result.returncode == 0, result.stderr + result.stdout


# Demo content and its users ---------------------------------------------------------------


def test_demo_content_refuses_to_run_under_production_settings(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "EMAIL_BACKEND": "none",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-touched.sqlite3'}",
    }

    result = run_manage("load_demo_content", env=env)

    assert result.returncode != 0
    assert "looks like a real server" in result.stderr
    assert "--allow-production" in result.stderr
    assert "change-me-now" not in result.stdout + result.stderr


@override_settings(PORTAL_ENVIRONMENT="production")
@pytest.mark.django_db
def test_demo_content_on_a_server_needs_allow_production_and_then_creates_no_users(client):
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo_content", stdout=StringIO())
    assert Page.objects.count() == pages_before

    out = StringIO()
    call_command("load_demo_content", allow_production=True, stdout=out)

    assert StoryPage.objects.live().exists()
    assert client.get("/stories/").status_code == 200
    assert not get_user_model().objects.exists()
    for username in ("admin", "storyteller", "moderator"):
        assert not client.login(username=username, password="change-me-now")
    assert "change-me-now" not in out.getvalue()
    assert "createsuperuser" in out.getvalue()


@override_settings(PORTAL_ENVIRONMENT="staging")
@pytest.mark.django_db
def test_settings_that_do_not_say_they_are_local_count_as_a_server():
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo_content", stdout=StringIO())


# Too much sent at once ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_form_too_big_to_take_gets_a_friendly_page_without_the_database(
    home_page, django_assert_num_queries
):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    # A browser that has a form open holds a CSRF cookie; Django then reads the body.
    browser.cookies["csrftoken"] = "k" * 32
    body = f"csrfmiddlewaretoken={'k' * 32}&support_needs=" + "a" * (3 * 1024 * 1024)

    with django_assert_num_queries(0):
        response = browser.post("/", data=body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>That was too much to send</h1>" in page
    assert "nothing was saved" in page
    assert 'href="/static/css/portal.css"' in page
    assert 'href="/">Go to the home page</a>' in page


@override_settings(ALLOWED_HOSTS=["portal.example.org"])
@pytest.mark.django_db
def test_other_unreadable_requests_get_the_same_plain_page_without_blaming_size():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>We could not read that</h1>" in page
    assert "too much" not in page


# Idle staff sessions ----------------------------------------------------------------------


@pytest.fixture
def editor_at_work(db, home_page):
    """A logged-in editor with a page open in the editor at 09:00, and its ping URL."""
    editor = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-passphrase-9"
    )
    client = Client(raise_request_exception=False)
    with freeze_time("2027-01-10 09:00"):
        client.force_login(editor)
        assert (
            client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).status_code == 200
        )
    ping = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["portal", "homepage", str(home_page.pk), 1],
    )
    return client, ping


def ping_every_ten_minutes(client, ping, until_minute):
    for minute in range(10, until_minute, 10):
        hour, minute = divmod(minute, 60)
        with freeze_time(f"2027-01-10 {9 + hour:02}:{minute:02}"):
            client.post(ping, {"is_editing": "0"})


def test_an_open_editor_tab_does_not_keep_an_idle_session_alive(editor_at_work):
    client, ping = editor_at_work
    with freeze_time("2027-01-10 09:10"):
        # The ping works while the session lasts: it is answered, only not counted.
        assert client.post(ping, {"is_editing": "0"}).status_code == 200
    ping_every_ten_minutes(client, ping, until_minute=60)

    with freeze_time("2027-01-10 10:01"):
        response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_request_the_editor_makes_still_keeps_the_session_going(editor_at_work):
    client, ping = editor_at_work
    ping_every_ten_minutes(client, ping, until_minute=50)
    with freeze_time("2027-01-10 09:50"):
        assert client.get("/admin/pages/").status_code == 200
    ping_every_ten_minutes(client, ping, until_minute=100)

    with freeze_time("2027-01-10 10:45"):
        assert client.get("/admin/").status_code == 200
    with freeze_time("2027-01-10 11:46"):
        assert client.get("/admin/").status_code == 302


def test_a_burst_of_admin_requests_writes_the_session_once(editor_at_work):
    client, _ = editor_at_work
    with freeze_time("2027-01-10 09:05"), CaptureQueriesContext(connection) as queries:
        for url in ("/admin/", "/admin/pages/", "/admin/jsi18n/", "/admin/"):
            assert client.get(url).status_code == 200
    session_writes = [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"] and query["sql"].lstrip().upper().startswith("UPDATE")
    ]
    assert len(session_writes) == 1


# Staff screens given odd filters ----------------------------------------------------------


@pytest.fixture
def moderator_browser(db, home_page):
    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    browser = Client(raise_request_exception=False)
    browser.force_login(moderator)
    return browser


def test_an_impossible_id_in_an_admin_filter_gets_the_plain_400_page(moderator_browser):
    huge = "9" * 30
    for path, query in [
        ("/admin/pages/", {"owner": huge}),
        ("/admin/reports/site-history/results/", {"user": huge}),
        ("/admin/pages/usage/stories/storypage/", {"site": huge}),
    ]:
        response = moderator_browser.get(path, query)

        assert response.status_code == 400, path
        assert "<h1>We could not read that</h1>" in response.content.decode()
    # Ordinary filters and a long number as search text still work.
    assert moderator_browser.get("/admin/pages/search/", {"q": huge}).status_code == 200
    assert moderator_browser.get("/admin/pages/", {"owner": "1"}).status_code == 200


def test_the_image_chooser_refuses_a_tag_and_a_search_together_calmly(moderator_browser):
    response = moderator_browser.get("/admin/images/chooser/results/", {"tag": "a", "q": "b"})

    assert response.status_code == 400
    assert moderator_browser.get("/admin/images/chooser/results/", {"q": "b"}).status_code == 200
    assert moderator_browser.get("/admin/images/chooser/results/", {"tag": "a"}).status_code == 200


def test_you_said_we_did_can_be_searched_and_sorted_by_any_column(moderator_browser):
    ChangeRecord.objects.create(
        you_said="The waiting room at the probation office is loud.",
        we_did="We added a quiet room.",
        status=ChangeStatus.values[0],
        date=datetime.date(2027, 1, 4),
    )
    for ordering in ["", "date", "-date", "status", "password"]:
        response = moderator_browser.get(
            "/admin/snippets/stories/changerecord/", {"q": "bus", "ordering": ordering}
        )
        assert response.status_code == 200, ordering
    # Part of a word finds a record.
    response = moderator_browser.get("/admin/snippets/stories/changerecord/results/", {"q": "wait"})
    assert "The waiting room at the probation office is loud." in response.content.decode()
