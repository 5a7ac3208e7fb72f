"""Text messages (SMS), with backends in the style of Django's e-mail backends.

``send_text(phone_number, template, personalisation)`` hands one message to the backend
named by ``settings.TEXT_BACKEND``:

- ``console`` writes the message to standard output (the default while developing);
- ``locmem`` keeps it in ``portal.texts.outbox`` (the test suite);
- ``notify`` sends it through GOV.UK Notify (production), using the template id in
  ``settings.NOTIFY_TEMPLATE_<TEMPLATE>``;
- ``none`` sends nothing.

``template`` is one of the names in ``TEMPLATES``. Their wording lives here so the
console shows what people would receive; the Notify templates should say the same, with
the same ``((placeholders))``.

Errors say nothing about the phone number or the message: a failure the text service
may get over (a 5xx answer, no connection) raises ``TextTemporarilyFailed``, one it will
not (a 4xx answer, such as a number it does not accept) raises ``TextRejected``.
"""

import logging
import re
import sys
import threading
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

NOTIFY_DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"
NOTIFY_TIMEOUT_SECONDS = 10

TEMPLATES = {
    "sign_up_confirmation": (
        "Hello ((name)), thank you for signing up. Your reference is ((reference)). "
        "We will get in touch by ((reply_by)). Questions? Call ((phone)) and quote "
        "your reference."
    ),
    "what_came_of_it": (
        "Hello ((name)), you asked us to tell you what came of what you told us "
        "(reference ((reference))). ((we_did)) Read more: ((url))"
    ),
}

# Sent messages when TEXT_BACKEND is "locmem", like django.core.mail.outbox.
outbox = []


class TextError(Exception):
    """A text message was not sent. The message never includes the number or the text."""


class TextRejected(TextError):
    """The text service refused the message; sending it again will not help."""


class TextTemporarilyFailed(TextError):
    """The text service could not be reached or failed; it may work if tried again."""


def render(template, personalisation):
    """The message ``template`` with its ``((placeholders))`` filled in."""
    try:
        wording = TEMPLATES[template]
    except KeyError:
        raise ImproperlyConfigured(f"There is no text message template {template!r}.") from None
    return re.sub(
        r"\(\(([a-z_]+)\)\)",
        lambda match: str(personalisation.get(match.group(1), "")),
        wording,
    )


class BaseTextBackend:
    def send(self, phone_number, template, personalisation):
        raise NotImplementedError


class ConsoleBackend(BaseTextBackend):
    """Writes each message to standard output, as Django's console e-mail backend does."""

    _lock = threading.RLock()

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, phone_number, template, personalisation):
        message = render(template, personalisation)
        with self._lock:
            self.stream.write(f"Text message to {phone_number} ({template}):\n{message}\n")
            self.stream.write("-" * 79 + "\n")
            self.stream.flush()


class LocmemBackend(BaseTextBackend):
    """Keeps each message in ``portal.texts.outbox`` for tests to look at."""

    def send(self, phone_number, template, personalisation):
        outbox.append(
            {
                "phone_number": phone_number,
                "template": template,
                "personalisation": dict(personalisation),
                "body": render(template, personalisation),
            }
        )


class DummyBackend(BaseTextBackend):
    """Sends nothing."""

    def send(self, phone_number, template, personalisation):
        render(template, personalisation)  # an unknown template is still a mistake


class NotifyBackend(BaseTextBackend):
    """Sends through GOV.UK Notify with its Python client."""

    def send(self, phone_number, template, personalisation):
        from notifications_python_client.errors import APIError
        from notifications_python_client.notifications import NotificationsAPIClient

        api_key = getattr(settings, "NOTIFY_API_KEY", "")
        template_id = getattr(settings, f"NOTIFY_TEMPLATE_{template.upper()}", "")
        if not api_key or not template_id:
            raise ImproperlyConfigured(
                f"Text messages through Notify need NOTIFY_API_KEY and "
                f"NOTIFY_TEMPLATE_{template.upper()}."
            )
        render(template, personalisation)
        client = NotificationsAPIClient(
            api_key,
            base_url=getattr(settings, "NOTIFY_BASE_URL", "") or NOTIFY_DEFAULT_BASE_URL,
            timeout=NOTIFY_TIMEOUT_SECONDS,
        )
        try:
            client.send_sms_notification(
                phone_number=phone_number,
                template_id=template_id,
                personalisation=personalisation,
            )
        except APIError as error:
            # The error's own text can quote the number back, so only its status is kept.
            # With no answer at all (a connection error) the client reports 503.
            status = error.status_code
            if 400 <= status < 500:
                raise TextRejected(f"The text service refused the message ({status}).") from None
            raise TextTemporarilyFailed(f"The text service failed ({status}).") from None


BACKENDS = {
    "console": ConsoleBackend,
    "locmem": LocmemBackend,
    "notify": NotifyBackend,
    "none": DummyBackend,
}


def get_backend():
    choice = (getattr(settings, "TEXT_BACKEND", "") or "console").strip().lower()
    try:
        return BACKENDS[choice]()
    except KeyError:
        raise ImproperlyConfigured(
            f"TEXT_BACKEND must be one of {', '.join(BACKENDS)}, not {choice!r}."
        ) from None


def send_text(phone_number, template, personalisation):
    """Send the message ``template`` to ``phone_number`` with the backend in settings."""
    get_backend().send(phone_number, template, personalisation)


def send_text_with_retries(phone_number, template, personalisation, what):
    """``send_text``, tried again when the text service fails for a moment.

    A failure the service may get over (``TextTemporarilyFailed``) is tried up to
    ``TEXT_RETRY_ATTEMPTS`` times in all, waiting ``TEXT_RETRY_DELAY`` seconds and then
    twice as long each time; a refusal (``TextRejected``) is never tried again. Either
    way the last error is raised. ``what`` names the message in the log without
    personal data, e.g. "the confirmation text for sign-up K7M-4QX".
    """
    attempts = max(1, getattr(settings, "TEXT_RETRY_ATTEMPTS", 3))
    delay = getattr(settings, "TEXT_RETRY_DELAY", 2)
    for attempt in range(1, attempts + 1):
        try:
            send_text(phone_number, template, personalisation)
        except TextRejected:
            logger.warning("%s was refused by the text service and will not be sent again.", what)
            raise
        except TextTemporarilyFailed:
            if attempt == attempts:
                logger.warning("%s could not be sent after %d attempts.", what, attempts)
                raise
            logger.info(
                "The text service failed for %s; trying again (attempt %d of %d).",
                what,
                attempt + 1,
                attempts,
            )
            time.sleep(delay * 2 ** (attempt - 1))
        else:
            return
