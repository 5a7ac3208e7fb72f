"""When the database cannot be reached, people get a plain 503 page that says what happened.

The database is made to fail with Django's own hook for wrapping queries
(``connection.execute_wrapper``), as it does when PostgreSQL restarts: the query raises
``OperationalError``.
"""

import contextlib
import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client

from opportunities.models import (
    SignUp,
)
from tests.signups.conftest import form_data

PERSONAL = ("Zebedee", "Quill", "zq@example.org")
ANSWERS = {"preferred_name": "Zebedee Quill", "contact_detail": "zq@example.org"}


@contextlib.contextmanager
def database_fails(when=lambda sql: True):
    """Every query for which ``when(sql)`` is true fails as if the server went away."""

    def wrapper(execute, sql, params, many, context):
        if when(sql):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


@pytest.fixture(autouse=True)
def clear_cache():
    """The sign-up limit counts in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def visitor():
    """A client that shows what a visitor sees, instead of raising the view's error."""
    return Client(raise_request_exception=False)


def assert_plain_503(response, message):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert message in text
    for technical in ("OperationalError", "database", "Traceback", "server closed"):
        assert technical not in text


def assert_nothing_personal(caplog):
    logged = caplog.text + "\n".join(str(record.args) for record in caplog.records)
    for secret in PERSONAL:
        assert secret not in logged


@pytest.mark.django_db
def test_a_public_page_says_the_site_is_resting_when_the_database_is_down(information_pages):
    with database_fails():
        response = visitor().get("/how-involvement-works/")
    assert_plain_503(
        response, "The site is having a short rest. Please try again in a few minutes."
    )


@pytest.mark.django_db
def test_the_home_page_and_the_sign_up_form_answer_503_not_500(sign_up_url):
    client = visitor()
    with database_fails():
        for url in ("/", sign_up_url, "/events/calendar.ics", "/search/?q=walk"):
            assert client.get(url).status_code == 503, url


@pytest.mark.django_db
def test_a_sign_up_sent_while_the_database_is_down_says_nothing_was_sent(sign_up_url, caplog):
    caplog.set_level(logging.DEBUG)
    with database_fails():
        response = visitor().post(sign_up_url, form_data(**ANSWERS))
    assert_plain_503(
        response, "We could not save this. Nothing was sent. Please try again in a few minutes."
    )
    assert SignUp.objects.count() == 0
    assert_nothing_personal(caplog)


@pytest.mark.django_db
def test_a_sign_up_that_could_not_be_saved_does_not_count_against_the_limit(sign_up_url, settings):
    settings.SIGNUP_RATE_LIMIT = "1/h"
    client = visitor()
    # The page and the form are read; only saving the sign-up fails.
    with database_fails(lambda sql: sql.startswith("INSERT") and "opportunities_signup" in sql):
        failed = client.post(sign_up_url, form_data(**ANSWERS))
    assert failed.status_code == 503
    assert "Nothing was sent" in failed.content.decode()
    assert SignUp.objects.count() == 0

    # A few minutes later, as the page asked: the try is taken, not refused.
    again = client.post(sign_up_url, form_data(**ANSWERS))
    assert again.status_code == 302
    assert SignUp.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sign_up_kept_before_the_database_went_away_is_confirmed_with_its_reference(
    sign_up_url, caplog
):
    caplog.set_level(logging.DEBUG)
    # The sign-up is saved; then the session that carries the thank-you page cannot be.
    with database_fails(lambda sql: "django_session" in sql and not sql.startswith("SELECT")):
        response = visitor().post(sign_up_url, form_data(**ANSWERS))
    sign_up = SignUp.objects.get()
    assert response.status_code == 503
    text = response.content.decode()
    assert "We have your sign-up" in text
    assert "You do not need to send it again" in text
    assert sign_up.reference in text
    assert "Nothing was sent" not in text
    assert_nothing_personal(caplog)


@pytest.mark.django_db
def test_the_outage_is_logged_once_and_its_end_once(information_pages, caplog):
    caplog.set_level(logging.INFO, logger="portal.faults")
    client = visitor()
    # A site that was working: whatever an earlier test in this process left is over.
    assert client.get("/privacy-notice/").status_code == 200
    caplog.clear()
    with database_fails():
        for _ in range(3):
            assert client.get("/privacy-notice/").status_code == 503
    assert client.get("/privacy-notice/").status_code == 200
    assert client.get("/privacy-notice/").status_code == 200
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.faults"]
    assert len(messages) == 2, messages
    assert "cannot be reached" in messages[0]
    assert "answering again" in messages[1]


def test_other_server_errors_still_get_the_500_page(rf):
    from portal.faults import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
