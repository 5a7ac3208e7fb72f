"""Confirmation texts for people who sign up by text message.

GOV.UK Notify is played by a small HTTP server on 127.0.0.1 that answers like Notify's
``POST /v2/notifications/sms``; nothing here reaches the internet.
"""

import datetime
import json
import logging
import os
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils.dateformat import format as format_date
from django_tasks import TaskResultStatus

from opportunities.models import SignUp
from opportunities.tasks import send_sign_up_text
from portal import texts
from portal.checks import notify_texts_are_configured
from portal.models import SiteSettings
from stories.models import ChangeRecord

from .conftest import form_data

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
TEMPLATE_ID = str(uuid.uuid4())
OUTCOME_TEMPLATE_ID = str(uuid.uuid4())
STORED_NUMBER = "07911 123456"
NUMBER_FRAGMENTS = ("07911", "7911 123456", "7911123456", "123456")
BASE_DIR = Path(__file__).resolve().parents[2]


class FakeNotify(ThreadingHTTPServer):
    """Records each request and answers with the next planned status (201 when none left)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeNotifyHandler)
        self.requests = []
        self.plan = []
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class FakeNotifyHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self._authorised():
            return self._answer(403, {"errors": [{"error": "AuthError"}], "status_code": 403})
        if self.path != "/v2/notifications/sms":
            return self._answer(404, {"errors": [{"error": "NotFound"}], "status_code": 404})
        with self.server.lock:
            self.server.requests.append({"path": self.path, "body": body})
            status = self.server.plan.pop(0) if self.server.plan else 201
        if status == 201:
            return self._answer(
                201,
                {
                    "id": str(uuid.uuid4()),
                    "reference": None,
                    "content": {"body": "…", "from_number": "GOVUK"},
                    "uri": f"{self.server.url}/v2/notifications/1",
                    "template": {"id": body.get("template_id"), "version": 1, "uri": ""},
                },
            )
        message = f"Not a UK mobile number: {body.get('phone_number')}"
        if status >= 500:
            message = "Internal server error"
        self._answer(
            status, {"errors": [{"error": "Error", "message": message}], "status_code": status}
        )

    def _authorised(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"])
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == SERVICE_ID and "iat" in claims

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture
def fake_notify():
    server = FakeNotify()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        TEXT_BACKEND="notify",
        NOTIFY_API_KEY=f"portal_test-{SERVICE_ID}-{SECRET}",
        NOTIFY_BASE_URL=server.url,
        NOTIFY_TEMPLATE_SIGN_UP_CONFIRMATION=TEMPLATE_ID,
        NOTIFY_TEMPLATE_WHAT_CAME_OF_IT=OUTCOME_TEMPLATE_ID,
        TEXT_RETRY_ATTEMPTS=3,
        TEXT_RETRY_DELAY=0,
    ):
        yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sign_up(client, sign_up_url, django_capture_on_commit_callbacks):
    """Sign up through the public form and run what waits for the commit (the tasks)."""

    def send(method="text", **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(sign_up_url, form_data(method, **overrides))
        assert response.status_code == 302
        return SignUp.objects.latest("created_at")

    return send


@pytest.fixture
def text_sign_up(opportunity, information_pages):
    """A text-message sign-up saved without its tasks, for running the task by hand."""
    return SignUp.objects.create(
        page=opportunity,
        preferred_name="Sam Jones",
        contact_method="text",
        contact_detail=STORED_NUMBER,
        consent=True,
    )


def reply_by_in_words(sign_up):
    site_settings = SiteSettings.objects.get()
    return format_date(sign_up.reply_by(site_settings.response_days), "l j F Y")


def test_a_sign_up_by_text_sends_one_text_with_reference_reply_by_and_given_name(
    fake_notify, sign_up, information_pages
):
    record = sign_up("text", preferred_name="Sam Jones")

    assert len(fake_notify.requests) == 1
    body = fake_notify.requests[0]["body"]
    assert body["phone_number"] == STORED_NUMBER
    assert body["template_id"] == TEMPLATE_ID
    personalisation = body["personalisation"]
    assert personalisation["reference"] == record.reference
    assert personalisation["reply_by"] == reply_by_in_words(record)
    assert personalisation["name"] == "Sam"
    assert personalisation["phone"] == SiteSettings.objects.get().phone
    assert "Jones" not in json.dumps(body)


def test_what_came_of_it_goes_to_notify_once_with_its_own_template(
    fake_notify, sign_up, opportunity, django_capture_on_commit_callbacks
):
    record = sign_up("text", preferred_name="Sam Jones", wants_outcome="on")
    change = ChangeRecord(
        you_said="Walks start too early.",
        we_did="Walks now start at eleven. Tea is on us.",
        status="done",
        date=datetime.date(2026, 11, 1),
    )
    change.opportunity_links.add(change.opportunity_links.model(opportunitypage=opportunity))
    with django_capture_on_commit_callbacks(execute=True):
        change.save()
    with django_capture_on_commit_callbacks(execute=True):
        change.save()

    outcome = [
        r["body"] for r in fake_notify.requests if r["body"]["template_id"] == OUTCOME_TEMPLATE_ID
    ]
    assert len(outcome) == 1
    assert outcome[0]["phone_number"] == STORED_NUMBER
    assert outcome[0]["personalisation"]["reference"] == record.reference
    assert outcome[0]["personalisation"]["name"] == "Sam"
    assert outcome[0]["personalisation"]["we_did"] == "Walks now start at eleven."
    assert "Jones" not in json.dumps(outcome[0])


def test_a_sign_up_by_email_sends_no_text(fake_notify, sign_up):
    sign_up("email")

    assert fake_notify.requests == []
    assert len(mail.outbox) == 2  # the team's notice and the person's confirmation


@pytest.mark.parametrize("method", ["phone", "worker"])
def test_other_contact_methods_send_no_text(method, sign_up):
    texts.outbox.clear()
    sign_up(method)
    assert texts.outbox == []


def test_a_failure_at_notify_is_tried_again_and_then_succeeds(fake_notify, text_sign_up):
    fake_notify.plan = [500, 503]

    result = send_sign_up_text.enqueue(text_sign_up.pk)

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is True
    assert len(fake_notify.requests) == 3
    assert {
        request["body"]["personalisation"]["reference"] for request in fake_notify.requests
    } == {text_sign_up.reference}


def test_notify_failing_every_time_gives_up_after_the_set_attempts(
    fake_notify, text_sign_up, caplog
):
    fake_notify.plan = [500] * 10

    with caplog.at_level(logging.INFO):
        result = send_sign_up_text.enqueue(text_sign_up.pk)

    assert result.status == TaskResultStatus.FAILED
    assert len(fake_notify.requests) == 3
    assert text_sign_up.reference in caplog.text
    assert not any(fragment in caplog.text for fragment in NUMBER_FRAGMENTS)


def test_a_refused_number_is_not_tried_again_and_the_log_has_no_number(
    fake_notify, text_sign_up, caplog
):
    fake_notify.plan = [400]

    with caplog.at_level(logging.DEBUG):
        result = send_sign_up_text.enqueue(text_sign_up.pk)

    assert result.status == TaskResultStatus.FAILED
    assert len(fake_notify.requests) == 1
    assert text_sign_up.reference in caplog.text
    assert "refused" in caplog.text
    assert not any(fragment in caplog.text for fragment in NUMBER_FRAGMENTS)
    assert not any(fragment in result.errors[0].traceback for fragment in NUMBER_FRAGMENTS)
    assert "Jones" not in caplog.text


def test_no_connection_to_notify_is_tried_again(fake_notify, text_sign_up, caplog):
    closed = FakeNotify()
    closed_url = closed.url
    closed.server_close()  # nothing listens on this port any more

    with override_settings(NOTIFY_BASE_URL=closed_url), caplog.at_level(logging.INFO):
        result = send_sign_up_text.enqueue(text_sign_up.pk)

    assert result.status == TaskResultStatus.FAILED
    assert caplog.text.count("trying again") == 2
    assert not any(fragment in caplog.text for fragment in NUMBER_FRAGMENTS)


@override_settings(TEXT_BACKEND="console")
def test_the_console_backend_prints_the_text(sign_up, capsys, information_pages):
    record = sign_up("text", preferred_name="Sam Jones")

    output = capsys.readouterr().out
    assert "Text message to 07911 123456 (sign_up_confirmation)" in output
    assert f"Hello Sam, thank you for signing up. Your reference is {record.reference}." in output
    assert reply_by_in_words(record) in output


def test_the_test_settings_keep_texts_in_the_outbox(sign_up, information_pages):
    texts.outbox.clear()
    record = sign_up("text")

    assert len(texts.outbox) == 1
    assert texts.outbox[0]["phone_number"] == STORED_NUMBER
    assert record.reference in texts.outbox[0]["body"]


def settings_value(module, name, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXT_", "NOTIFY_", "DJANGO_"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    code = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed command
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "portal.example.org",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def test_development_prints_texts_and_production_sends_none_unless_chosen():
    assert settings_value("portal.settings.dev", "TEXT_BACKEND") == "console"
    assert settings_value("portal.settings.production", "TEXT_BACKEND", **PRODUCTION_ENV) == "none"
    assert (
        settings_value(
            "portal.settings.production", "TEXT_BACKEND", TEXT_BACKEND="notify", **PRODUCTION_ENV
        )
        == "notify"
    )
    assert settings.NOTIFY_BASE_URL == "https://api.notifications.service.gov.uk"


def test_deploy_check_warns_when_notify_lacks_its_key_or_templates():
    with override_settings(
        TEXT_BACKEND="notify",
        NOTIFY_API_KEY="",
        NOTIFY_TEMPLATE_SIGN_UP_CONFIRMATION=TEMPLATE_ID,
        NOTIFY_TEMPLATE_WHAT_CAME_OF_IT="",
    ):
        warnings = notify_texts_are_configured(None)
    assert [warning.id for warning in warnings] == ["portal.W003"]
    assert "NOTIFY_API_KEY" in warnings[0].msg
    assert "NOTIFY_TEMPLATE_WHAT_CAME_OF_IT" in warnings[0].msg

    with override_settings(
        TEXT_BACKEND="notify",
        NOTIFY_API_KEY=f"portal_test-{SERVICE_ID}-{SECRET}",
        NOTIFY_TEMPLATE_SIGN_UP_CONFIRMATION=TEMPLATE_ID,
        NOTIFY_TEMPLATE_WHAT_CAME_OF_IT=TEMPLATE_ID,
    ):
        assert notify_texts_are_configured(None) == []
    with override_settings(TEXT_BACKEND="none", NOTIFY_API_KEY=""):
        assert notify_texts_are_configured(None) == []
