"""The public sign-up form at <page URL>sign-up/ and its thank-you page."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from freezegun import freeze_time

from opportunities.models import SignUp

from .conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, then run what waits for the transaction to commit (the e-mail tasks)."""

    def send(client, url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return send


def test_detail_page_has_a_prominent_sign_up_button(client, opportunity):
    response = client.get(opportunity.url)
    html = response.content.decode()
    assert 'class="button button--large sign-up-cta__button"' in html
    assert f'href="{opportunity.url}sign-up/"' in html


def test_form_has_labels_hints_autocomplete_and_an_unticked_consent_box(
    client, sign_up_url, information_pages
):
    response = client.get(sign_up_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Sign up: Walking group" in html
    for name in ("preferred_name", "contact_method", "contact_detail", "support_needs", "consent"):
        assert f'name="{name}"' in html
    assert 'autocomplete="name"' in html
    assert 'aria-describedby="id_preferred_name_helptext"' in html
    consent = re.search(r'<input[^>]*name="consent"[^>]*>', html).group(0)
    assert "checked" not in consent
    assert "required" in consent
    assert f'href="{information_pages["privacy-notice"].url}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "offence" in html  # we say we will never ask


@pytest.mark.parametrize(
    ("method", "stored_detail"),
    [
        ("email", "sam@example.org"),
        ("phone", "0161 496 0000"),
        ("text", "07911 123456"),
        ("worker", ""),
    ],
)
def test_happy_path_for_each_contact_method(
    post, client, opportunity, sign_up_url, method, stored_detail
):
    response = post(client, sign_up_url, form_data(method, support_needs="A quiet room"))

    assert response.status_code == 302
    thank_you = response["Location"]
    assert thank_you == f"{opportunity.url}sign-up/thank-you/"
    sign_up = SignUp.objects.get()
    assert sign_up.page_id == opportunity.pk
    assert sign_up.page_title == "Walking group"
    assert sign_up.contact_method == method
    assert sign_up.contact_detail == stored_detail
    assert sign_up.support_needs == "A quiet room"
    assert sign_up.consent is True
    assert sign_up.privacy_notice_version == "1"
    assert sign_up.status == "new"
    assert sign_up.source == "online"
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}", sign_up.reference)
    if method == "worker":
        assert (sign_up.worker_name, sign_up.worker_contact) == (
            "Jo Keyworker",
            "jo.keyworker@example.org",
        )
    # No personal data in the URL we send people to.
    assert "Sam" not in thank_you and sign_up.reference not in thank_you

    page = client.get(thank_you)
    html = page.content.decode()
    assert sign_up.reference in html
    assert "What happens next" in html
    assert "5 working days" in html


@pytest.mark.parametrize(
    ("sent_on", "reply_by"),
    [
        # Thursday; Monday 30 November is St Andrew's Day, a Scottish bank holiday.
        ("2026-11-26 10:00", "Friday 4 December"),
        # Friday before Christmas: Christmas Day, the weekend and Boxing Day's Monday.
        ("2026-12-18 16:00", "Tuesday 29 December"),
        # An ordinary Monday: five working days is the next Monday.
        ("2027-02-08 09:00", "Monday 15 February"),
    ],
)
def test_thank_you_page_promises_a_reply_by_a_date_counted_in_working_days(
    post, client, sign_up_url, sent_on, reply_by
):
    with freeze_time(sent_on):
        thank_you = post(client, sign_up_url, form_data("email"))["Location"]
        html = client.get(thank_you).content.decode()

    assert f"get in touch by <strong>{reply_by}</strong>" in html


def test_confirmation_email_only_when_an_email_address_was_given(post, client, sign_up_url):
    post(client, sign_up_url, form_data("email"))
    sign_up = SignUp.objects.get()
    to_person = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert len(to_person) == 1
    assert sign_up.reference in to_person[0].subject
    assert "5 working days" in to_person[0].body

    mail.outbox.clear()
    post(client, sign_up_url, form_data("phone"))
    assert [m.to for m in mail.outbox] == [["team@example.org"]]


def test_staff_notification_names_opportunity_and_reference_and_nothing_personal(
    post, client, opportunity, sign_up_url
):
    post(client, sign_up_url, form_data("text", support_needs="Step-free access"))
    sign_up = SignUp.objects.get()
    [notice] = [m for m in mail.outbox if m.to == ["team@example.org"]]
    text = notice.subject + notice.body
    assert "Walking group" in text
    assert sign_up.reference in text
    assert f"http://testserver/admin/opportunities/signup/inspect/{sign_up.pk}/" in text
    for personal in ("Sam", "07911", "Step-free"):
        assert personal not in text


def test_staff_notification_falls_back_to_the_site_address(post, client, opportunity, sign_up_url):
    opportunity.contact_email = ""
    opportunity.save_revision().publish()
    post(client, sign_up_url, form_data("phone"))
    assert [m.to for m in mail.outbox] == [["involvement@example.org"]]


def test_thank_you_page_without_a_sign_up_sends_people_to_the_form(client, opportunity):
    response = client.get(f"{opportunity.url}sign-up/thank-you/")
    assert response.status_code == 302
    assert response["Location"] == f"{opportunity.url}sign-up/"


ERRORS = [
    ({"preferred_name": ""}, "preferred_name", "Enter the name you want us to use"),
    ({"preferred_name": "   "}, "preferred_name", "Enter the name you want us to use"),
    ({"preferred_name": "x" * 101}, "preferred_name", "Name must be 100 characters or fewer"),
    ({"contact_method": ""}, "contact_method", "Choose how we should contact you"),
    ({"contact_method": "pigeon"}, "contact_method", "Choose how we should contact you"),
    ({"contact_detail": ""}, "contact_detail", "Enter your e-mail address"),
    (
        {"contact_detail": "sam@"},
        "contact_detail",
        "Enter an e-mail address in the right format, like name@example.com",
    ),
    (
        {"contact_method": "phone", "contact_detail": ""},
        "contact_detail",
        "Enter your phone number",
    ),
    (
        {"contact_method": "phone", "contact_detail": "12345"},
        "contact_detail",
        "Enter a UK phone number, like 07700 900123 or 0161 496 0000",
    ),
    (
        {"contact_method": "phone", "contact_detail": "+1 202 555 0143"},
        "contact_detail",
        "Enter a UK phone number, like 07700 900123 or 0161 496 0000",
    ),
    (
        {"contact_method": "text", "contact_detail": "0161 496 0000"},
        "contact_detail",
        "Enter a mobile number for text messages, like 07700 900123",
    ),
    (
        {"contact_method": "worker", "worker_name": "", "worker_contact": "07911 123456"},
        "worker_name",
        "Enter your worker&#x27;s name",
    ),
    (
        {"contact_method": "worker", "worker_name": "Jo", "worker_contact": ""},
        "worker_contact",
        "Enter your worker&#x27;s phone number or e-mail address",
    ),
    (
        {"contact_method": "worker", "worker_name": "Jo", "worker_contact": "jo@"},
        "worker_contact",
        "Enter your worker&#x27;s e-mail address in the right format, like name@example.org",
    ),
    (
        {"contact_method": "worker", "worker_name": "Jo", "worker_contact": "999"},
        "worker_contact",
        "Enter your worker&#x27;s UK phone number or e-mail address",
    ),
    (
        {"support_needs": "x" * 1001},
        "support_needs",
        "This must be 1000 characters or fewer",
    ),
    ({"consent": ""}, "consent", "Tick the box to say you agree, so we can contact you"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), ERRORS)
def test_every_validation_error_is_shown_at_the_field_and_in_the_summary(
    client, sign_up_url, overrides, field, message
):
    data = form_data("worker" if overrides.get("contact_method") == "worker" else "email")
    data.update(overrides)
    data = {key: value for key, value in data.items() if value != "" or key == "contact_detail"}

    response = client.post(sign_up_url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert SignUp.objects.count() == 0
    assert re.search(r"<title>\s*Error: ", html)
    anchor = f"id_{field}_0" if field == "contact_method" else f"id_{field}"
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert f'<a href="#{anchor}">{message}</a>' in summary
    assert f'id="id_{field}_error"' in html
    field_error = html.split(f'id="id_{field}_error">')[1].split("</p>")[0]
    assert message in field_error
    if field != "contact_method":
        assert re.search(
            rf'id="{anchor}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{anchor}"', html
        )


def test_form_keeps_what_was_typed_after_an_error(client, sign_up_url):
    response = client.post(sign_up_url, form_data("email", consent=""))
    html = response.content.decode()
    assert 'value="sam@example.org"' in html
    assert re.search(r'value="email"[^>]*checked', html)


def test_honeypot_looks_like_success_but_keeps_nothing(post, client, opportunity, sign_up_url):
    response = post(client, sign_up_url, form_data("email", website="http://spam.example"))

    assert response.status_code == 302
    assert SignUp.objects.count() == 0
    assert mail.outbox == []
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert re.search(r"<strong>[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}</strong>", page.content.decode())


def test_sixth_sign_up_in_an_hour_from_one_address_gets_a_friendly_429(client, sign_up_url):
    for _ in range(5):
        assert client.post(sign_up_url, form_data("phone")).status_code == 302
    response = client.post(sign_up_url, form_data("phone"))

    assert response.status_code == 429
    assert "Please wait before signing up again" in response.content.decode()
    assert "0300 123 4567" in response.content.decode()
    assert SignUp.objects.count() == 5
    # Another address is not affected.
    other = client.post(sign_up_url, form_data("phone"), REMOTE_ADDR="192.0.2.55")
    assert other.status_code == 302


def test_rate_limit_does_not_keep_raw_addresses_in_the_cache(client, sign_up_url):
    from django.core.cache import cache

    client.post(sign_up_url, form_data("phone"), REMOTE_ADDR="198.51.100.7")
    keys = list(cache._cache.keys())
    assert keys
    assert not any("198.51.100.7" in key for key in keys)


def test_rate_limit_is_configurable(client, sign_up_url, settings):
    settings.SIGNUP_RATE_LIMIT = "2/m"
    assert client.post(sign_up_url, form_data("phone")).status_code == 302
    assert client.post(sign_up_url, form_data("phone")).status_code == 302
    assert client.post(sign_up_url, form_data("phone")).status_code == 429


def test_post_without_csrf_token_is_refused(sign_up_url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(sign_up_url, form_data("email"))
    assert response.status_code == 403
    assert SignUp.objects.count() == 0


def test_post_with_csrf_token_is_accepted(sign_up_url):
    client = Client(enforce_csrf_checks=True)
    client.get(sign_up_url)
    token = client.cookies["csrftoken"].value
    response = client.post(sign_up_url, {**form_data("email"), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SignUp.objects.count() == 1


def test_closed_opportunity_shows_no_form_and_refuses_a_post(post, client, closed_opportunity):
    url = closed_opportunity.url + "sign-up/"
    page = client.get(url)
    html = page.content.decode()
    assert "<form" not in html.split('id="main-content"')[1]
    assert "This has closed" in html
    assert "Breakfast club" in html  # a similar open opportunity is offered instead

    response = client.post(url, form_data("email"))
    assert response.status_code == 403
    assert SignUp.objects.count() == 0

    detail = client.get(closed_opportunity.url).content.decode()
    assert "sign-up-cta__button" not in detail
    assert "This has closed" in detail


def test_full_opportunity_and_past_closing_date_take_no_sign_ups(client, catalogue):
    import datetime

    from .conftest import make_opportunity

    full = make_opportunity(catalogue, "Full group", slug="full-group", status="full")
    late = make_opportunity(catalogue, "Late", slug="late", closing_date=datetime.date(2000, 1, 1))
    assert full.sign_up_state() == "full"
    assert late.sign_up_state() == "closed"
    assert "This is full at the moment" in client.get(full.url + "sign-up/").content.decode()
    assert client.post(late.url + "sign-up/", form_data("email")).status_code == 403
    assert SignUp.objects.count() == 0


def test_nothing_personal_is_logged_during_sign_up_and_notification(
    post, client, sign_up_url, caplog
):
    caplog.set_level(logging.DEBUG)
    post(
        client,
        sign_up_url,
        form_data("email", preferred_name="Zebedee Quill", support_needs="Needs a ramp"),
    )
    post(client, sign_up_url, form_data("text", preferred_name="Yolanda Pike"))
    post(client, sign_up_url, form_data("worker", preferred_name="Xavier Holt"))
    assert SignUp.objects.count() == 3
    logged = caplog.text + "\n".join(str(record.args) for record in caplog.records)
    for secret in (
        "Zebedee",
        "Quill",
        "sam@example.org",
        "Needs a ramp",
        "Yolanda",
        "07911",
        "123456",
        "Xavier",
        "Jo Keyworker",
        "jo.keyworker",
    ):
        assert secret not in logged


def test_a_failing_mail_server_logs_no_address(post, client, sign_up_url, caplog, monkeypatch):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"sam@example.org": (550, b"no such user")})

    monkeypatch.setattr("opportunities.tasks.send_mail", refuse)
    caplog.set_level(logging.DEBUG)
    response = post(client, sign_up_url, form_data("email"))
    assert response.status_code == 302  # the sign-up itself is kept
    assert SignUp.objects.count() == 1
    logged = caplog.text
    assert "could not be sent" in logged
    assert "sam@example.org" not in logged
