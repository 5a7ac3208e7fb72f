"""Whose sign-up is it? The limit counts each visitor apart, behind a proxy or not,
and a visitor cannot choose the address it counts by. A refusal says when to try again."""

import datetime

import pytest
from django.core.checks import run_checks
from freezegun import freeze_time

from .conftest import form_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def one_sign_up_an_hour(settings):
    settings.SIGNUP_RATE_LIMIT = "1/h"


def send(client, url, peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(url, form_data("phone"), **extra).status_code


def test_behind_a_proxy_on_the_same_machine_each_visitor_has_their_own_count(
    client, sign_up_url, one_sign_up_an_hour
):
    # The usual set-up with nothing configured: nginx on 127.0.0.1 in front of gunicorn.
    assert send(client, sign_up_url, "127.0.0.1", "198.51.100.1") == 302
    assert send(client, sign_up_url, "127.0.0.1", "198.51.100.2") == 302
    assert send(client, sign_up_url, "127.0.0.1", "198.51.100.1") == 429


def test_two_visitors_behind_one_trusted_proxy_are_counted_apart(
    client, sign_up_url, one_sign_up_an_hour, settings
):
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24"]
    assert send(client, sign_up_url, PROXY, "198.51.100.1") == 302
    assert send(client, sign_up_url, PROXY, "198.51.100.2") == 302
    assert send(client, sign_up_url, PROXY, "198.51.100.1") == 429
    assert send(client, sign_up_url, PROXY, "198.51.100.2") == 429


def test_a_visitor_behind_the_proxy_cannot_choose_an_address_by_sending_the_header(
    client, sign_up_url, one_sign_up_an_hour, settings
):
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24"]
    # The visitor writes an address of its choosing; the proxy adds the one it saw.
    assert send(client, sign_up_url, PROXY, "192.0.2.1, 198.51.100.7") == 302
    assert send(client, sign_up_url, PROXY, "192.0.2.2, 198.51.100.7") == 429
    assert send(client, sign_up_url, PROXY, "nonsense, 198.51.100.7") == 429
    # Someone else behind the same proxy is not affected.
    assert send(client, sign_up_url, PROXY, "192.0.2.1, 198.51.100.8") == 302


def test_visitors_who_connect_directly_are_counted_by_their_own_address_whatever_they_send(
    client, sign_up_url, one_sign_up_an_hour, settings
):
    # The app server can be reached without going through the proxy.
    settings.SIGNUP_TRUSTED_PROXIES = 1
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24"]
    assert send(client, sign_up_url, "203.0.113.9", "198.51.100.1") == 302
    assert send(client, sign_up_url, "203.0.113.9", "198.51.100.2") == 429
    assert send(client, sign_up_url, "203.0.113.9") == 429
    assert send(client, sign_up_url, "203.0.113.10", "198.51.100.2") == 302


def test_behind_two_proxies_the_visitor_is_the_address_the_outer_one_saw(
    client, sign_up_url, one_sign_up_an_hour, settings
):
    # A CDN, then a proxy on 127.0.0.1; each adds the address it saw.
    settings.SIGNUP_TRUSTED_PROXIES = 2
    assert send(client, sign_up_url, "127.0.0.1", "192.0.2.1, 198.51.100.1, 203.0.113.50") == 302
    assert send(client, sign_up_url, "127.0.0.1", "198.51.100.2, 203.0.113.51") == 302
    assert send(client, sign_up_url, "127.0.0.1", "192.0.2.9, 198.51.100.1, 203.0.113.52") == 429
    # Someone who skips both proxies is counted by their own address.
    assert send(client, sign_up_url, "203.0.113.60", "192.0.2.1, 198.51.100.9") == 302
    assert send(client, sign_up_url, "203.0.113.60", "192.0.2.2, 198.51.100.9") == 429


def test_the_try_later_page_says_how_long_to_wait(client, sign_up_url, one_sign_up_an_hour):
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    with freeze_time(start) as clock:
        assert send(client, sign_up_url, "203.0.113.1") == 302
        refused = client.post(sign_up_url, form_data("phone"), REMOTE_ADDR="203.0.113.1")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "3600"
        clock.tick(datetime.timedelta(minutes=20))
        later = client.post(sign_up_url, form_data("phone"), REMOTE_ADDR="203.0.113.1")
        assert later.status_code == 429
        assert later["Retry-After"] == "2400"


def deploy_problems():
    return {message.id for message in run_checks(include_deployment_checks=True)} & {
        "portal.E001",
        "portal.W001",
        "portal.W002",
    }


def test_the_deploy_check_warns_when_proxies_are_counted_but_none_is_trusted(settings):
    settings.SIGNUP_TRUSTED_PROXIES = 1
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = []
    assert deploy_problems() == {"portal.W001"}


def test_the_deploy_check_warns_when_every_address_is_trusted(settings):
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = ["0.0.0.0/0"]
    assert deploy_problems() == {"portal.W002"}


def test_a_trusted_address_that_is_not_one_is_an_error(settings):
    settings.SIGNUP_TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/33"]
    assert deploy_problems() == {"portal.E001"}
