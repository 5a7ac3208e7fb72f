"""Redis is an accelerator, not a dependency: tested against a real, private redis-server
(``tests/redis_server.py``), which each test stops or freezes."""

import logging
import time

import pytest

from opportunities.models import (
    SignUp,
)
from tests.signups.conftest import form_data

PERSONAL = ("Zebedee", "Quill", "zq@example.org")


def wait_for_retry():
    time.sleep(0.6)  # CACHE_RETRY_SECONDS above, and a little


def cache_messages(caplog, logger):
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == logger]


pytestmark = pytest.mark.django_db


def test_pages_are_made_afresh_while_redis_is_stopped_and_cached_again_after(
    client, information_pages, redis_cache_on, caplog
):
    caplog.set_level(logging.INFO)
    page = information_pages["how-involvement-works"]
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    caplog.clear()  # from here, only what this outage logs

    redis_cache_on.stop()
    page.title = "How taking part works"
    page.save_revision().publish()
    for url in (page.url, "/", "/privacy-notice/", "/search/?q=walk"):
        response = client.get(url)
        assert response.status_code == 200, url
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "off"
    assert "How taking part works" in response.content.decode()

    redis_cache_on.start()
    wait_for_retry()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    messages = cache_messages(caplog, "portal.cache")
    assert [level for level, _ in messages] == ["WARNING", "INFO"], messages
    assert "pages are made afresh" in messages[0][1]


def test_a_change_made_while_redis_hung_shows_once_it_answers_again(
    client, information_pages, redis_cache_on
):
    page = information_pages["how-involvement-works"]
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    redis_cache_on.freeze()
    try:
        page.title = "How taking part works"
        page.save_revision().publish()
        assert "How taking part works" in client.get(page.url).content.decode()
    finally:
        redis_cache_on.thaw()
    wait_for_retry()
    # The copy from before the change is still in Redis, but never served again.
    response = client.get(page.url)
    assert "How taking part works" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_a_frozen_redis_never_holds_a_request_for_long(
    client, information_pages, sign_up_url, redis_cache_on
):
    client.get("/privacy-notice/")
    redis_cache_on.freeze()
    timings = []
    try:
        for url in ["/privacy-notice/", "/", "/how-involvement-works/", sign_up_url] * 2:
            started = time.monotonic()
            response = client.get(url)
            timings.append(time.monotonic() - started)
            assert response.status_code == 200
        started = time.monotonic()
        response = client.post(sign_up_url, form_data(preferred_name="Sam"))
        timings.append(time.monotonic() - started)
    finally:
        redis_cache_on.thaw()
    assert response.status_code == 302
    assert SignUp.objects.count() == 1
    # Without the short timeouts each request would wait for Redis until the worker was
    # killed. The bounds leave room for a busy machine: one timeout of a quarter of a
    # second, then Redis is left alone for a few seconds.
    assert max(timings) < 3.0, timings
    assert sum(timings) < 6.0, timings


def test_sign_ups_are_taken_while_redis_is_stopped_and_counted_again_after(
    client, sign_up_url, redis_cache_on, settings, caplog
):
    caplog.set_level(logging.DEBUG)
    settings.SIGNUP_RATE_LIMIT = "1/h"
    assert client.post(sign_up_url, form_data(preferred_name="Sam")).status_code == 302
    caplog.clear()  # from here, only what this outage logs

    redis_cache_on.stop()
    answers = form_data("email", preferred_name="Zebedee Quill", contact_detail="zq@example.org")
    for _ in range(3):
        response = client.post(sign_up_url, answers)
        assert response.status_code == 302
        assert "thank-you" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    assert SignUp.objects.filter(preferred_name="Zebedee Quill").count() == 3

    redis_cache_on.start()
    wait_for_retry()
    assert client.post(sign_up_url, form_data(preferred_name="Sam")).status_code == 302
    assert client.post(sign_up_url, form_data(preferred_name="Sam")).status_code == 429

    messages = cache_messages(caplog, "opportunities.ratelimit")
    assert [level for level, _ in messages] == ["WARNING", "INFO"], messages
    logged = caplog.text + "\n".join(str(record.args) for record in caplog.records)
    for secret in PERSONAL:
        assert secret not in logged
