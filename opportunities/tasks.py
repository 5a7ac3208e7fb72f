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
from django_tasks import task

logger = logging.getLogger(__name__)


class NotificationError(Exception):
    """An e-mail about a sign-up could not be sent (details left out on purpose)."""


def _site_settings(page):
    from wagtail.models import Site

    from portal.models import SiteSettings

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
    from .models import SignUp

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
    from .models import SignUp
    from .models.signups import ContactMethod

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


def enqueue_sign_up_emails(sign_up):
    """Queue the e-mails once the sign-up is safely saved (after the transaction commits)."""
    sign_up_id = sign_up.pk
    send_confirmation = sign_up.contact_method == "email"

    def enqueue():
        notify_staff_of_sign_up.enqueue(sign_up_id)
        if send_confirmation:
            send_sign_up_confirmation.enqueue(sign_up_id)

    transaction.on_commit(enqueue)
