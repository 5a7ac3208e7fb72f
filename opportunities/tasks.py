"""Background tasks for sign-ups, run through django-tasks.

Tasks receive only a sign-up's primary key, so no personal data is stored with a
queued task. Failures are logged without the e-mail error's text, which can
contain an address.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django_tasks import task
from wagtail.models import Site

from portal.models import SiteSettings
from portal.texts import TextError, send_text_with_retries

from .choices import ContactMethod
from .models import SignUp

logger = logging.getLogger(__name__)


class NotificationError(Exception):
    """An e-mail about a sign-up could not be sent (details left out on purpose)."""


def _site_settings(page):
    site = page.get_site() if page else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def _send(subject, template, context, recipient):
    body = render_to_string(template, context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except Exception as error:
        logger.warning("A sign-up e-mail could not be sent (%s).", type(error).__name__)
        raise NotificationError("A sign-up e-mail could not be sent.") from None


@task()
def notify_staff_of_sign_up(sign_up_id):
    """Tell the opportunity's team (or the site's address) that a sign-up arrived.

    The message names the opportunity and the reference and links to the inbox; it
    carries nothing else about the person.
    """
    sign_up = SignUp.objects.select_related("page").filter(pk=sign_up_id).first()
    if sign_up is None:
        return False
    page = sign_up.page.specific if sign_up.page_id else None
    site_settings = _site_settings(page)
    recipient = getattr(page, "contact_email", "") or site_settings.email
    if not recipient:
        logger.warning("A new sign-up has no team to tell: set an e-mail in Site settings.")
        return False
    inbox_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "opportunities_signup_modeladmin_inspect", args=[sign_up.pk]
    )
    context = {
        "reference": sign_up.reference,
        "opportunity": sign_up.opportunity_title,
        "inbox_url": inbox_url,
        "response_days": site_settings.response_days,
    }
    _send(
        f"New sign-up {sign_up.reference}: {sign_up.opportunity_title}",
        "opportunities/emails/staff_notification.txt",
        context,
        recipient,
    )
    return True


@task()
def send_sign_up_confirmation(sign_up_id):
    """Send the person their reference and what happens next (e-mail sign-ups only)."""
    sign_up = SignUp.objects.select_related("page").filter(pk=sign_up_id).first()
    if sign_up is None or sign_up.contact_method != ContactMethod.EMAIL:
        return False
    page = sign_up.page.specific if sign_up.page_id else None
    site_settings = _site_settings(page)
    context = {
        "sign_up": sign_up,
        "opportunity": sign_up.opportunity_title,
        "page_url": page.full_url if page else "",
        "settings": site_settings,
        "privacy_url": site_settings.privacy_page.full_url if site_settings.privacy_page else "",
    }
    _send(
        f"Your sign-up reference is {sign_up.reference}",
        "opportunities/emails/confirmation.txt",
        context,
        sign_up.contact_detail,
    )
    return True


def given_name(preferred_name):
    """The first word of the name a person gave: a text can be read by anyone holding the phone."""
    words = (preferred_name or "").split()
    return words[0] if words else ""


@task()
def send_sign_up_text(sign_up_id):
    """Text the person their reference and reply-by date (text-message sign-ups only).

    The text service may fail for a moment (a 5xx answer or no connection): the text is
    tried up to ``TEXT_RETRY_ATTEMPTS`` times, waiting ``TEXT_RETRY_DELAY`` seconds and
    then twice as long each time. A refusal (a 4xx answer, such as a number it does not
    accept) is never tried again. Logs name the reference only.
    """
    sign_up = SignUp.objects.select_related("page").filter(pk=sign_up_id).first()
    if sign_up is None or sign_up.contact_method != ContactMethod.TEXT:
        return False
    if not sign_up.contact_detail:
        return False
    page = sign_up.page.specific if sign_up.page_id else None
    site_settings = _site_settings(page)
    personalisation = {
        "name": given_name(sign_up.preferred_name),
        "reference": sign_up.reference,
        "reply_by": format_date(sign_up.reply_by(site_settings.response_days), "l j F Y"),
        "phone": site_settings.phone or "the number on our website",
    }
    try:
        send_text_with_retries(
            sign_up.contact_detail,
            "sign_up_confirmation",
            personalisation,
            f"The confirmation text for sign-up {sign_up.reference}",
        )
    except TextError:
        raise NotificationError("A sign-up text could not be sent.") from None
    return True


def enqueue_sign_up_emails(sign_up):
    """Queue the e-mails (and the text, for text-message sign-ups) once the sign-up is
    safely saved (after the transaction commits)."""
    sign_up_id = sign_up.pk
    send_confirmation = sign_up.contact_method == "email"
    send_text_confirmation = sign_up.contact_method == "text"

    def enqueue():
        notify_staff_of_sign_up.enqueue(sign_up_id)
        if send_confirmation:
            send_sign_up_confirmation.enqueue(sign_up_id)
        if send_text_confirmation:
            send_sign_up_text.enqueue(sign_up_id)

    transaction.on_commit(enqueue)
