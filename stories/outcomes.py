"""Telling people what came of what they told us.

A "you said, we did" record has its "we did" when it is saved with that text and a
status other than "Not doing". Then everyone linked to it who asked to be told hears
once, by the way they chose:

- people whose idea became the record (``Idea.change_record``) and left a way to reach them;
- people who signed up to one of the record's opportunities and ticked "tell me what
  came of it" (``SignUp.wants_outcome``).

Each person gets one ``OutcomeNotice`` per record; the database's unique constraints
keep it to one even when two saves race. E-mails and texts go through the task queue
(``send_what_came_of_it``). A phone call, or a message through a support worker, cannot
be sent by the site: those notices wait in the ideas list ("To tell by phone or
through a worker") until a coordinator marks them done.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from opportunities.models import SignUp
from opportunities.models.signups import ContactMethod
from opportunities.tasks import given_name
from portal.models import SiteSettings
from portal.texts import TextError, send_text_with_retries

from .choices import ChangeStatus
from .models import ChangeRecord, OutcomeNotice, YouSaidWeDidPage
from .models.ideas import Idea

logger = logging.getLogger(__name__)

SENT_BY_THE_SITE = (ContactMethod.EMAIL, ContactMethod.TEXT)


def has_its_we_did(record):
    return record.status != ChangeStatus.NOT_DOING and bool(record.we_did.strip())


def people_to_tell(record):
    """The ideas and sign-ups linked to ``record`` whose people asked to hear and have
    not been told about it yet."""
    ideas = (
        Idea.objects.filter(change_record=record, consent=True)
        .wanting_to_hear()
        .exclude(outcome_notices__change_record=record)
    )
    sign_ups = SignUp.objects.filter(
        page_id__in=record.opportunity_links.values("opportunitypage_id"),
        wants_outcome=True,
        consent=True,
    ).exclude(outcome_notices__change_record=record)
    return list(ideas), list(sign_ups)


def tell_people(record_id):
    """Note who is to be told about a record, and queue the e-mails and texts. Returns
    how many notices were made. Safe to call again: no one is told twice."""
    record = ChangeRecord.objects.filter(pk=record_id).first()
    if record is None or not has_its_we_did(record):
        return 0
    ideas, sign_ups = people_to_tell(record)
    made = []
    for person in [*ideas, *sign_ups]:
        notice = OutcomeNotice(
            change_record=record,
            contact_method=person.contact_method,
            **{"idea" if isinstance(person, Idea) else "sign_up": person},
        )
        try:
            with transaction.atomic():
                notice.save()
        except IntegrityError:
            continue  # Another save got there first: told once.
        made.append(notice)
    for notice in made:
        if notice.contact_method in SENT_BY_THE_SITE:
            notice_id = notice.pk
            transaction.on_commit(
                lambda notice_id=notice_id: send_what_came_of_it.enqueue(notice_id)
            )
    return len(made)


def tell_people_after_saving(record_id):
    """Called from a save: the record's links are saved with it, so wait for the commit."""
    transaction.on_commit(lambda: tell_people(record_id))


def record_url(record):
    page = YouSaidWeDidPage.objects.live().public().first()
    if page is None:
        return settings.WAGTAILADMIN_BASE_URL
    return f"{page.full_url}#change-{record.pk}"


def _site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


@task()
def send_what_came_of_it(notice_id):
    """Send one notice by e-mail or text. Logs name the reference only."""
    notice = (
        OutcomeNotice.objects.select_related("change_record", "idea", "sign_up")
        .filter(pk=notice_id, sent_at__isnull=True)
        .first()
    )
    if notice is None or notice.contact_method not in SENT_BY_THE_SITE:
        return False
    person, record = notice.person, notice.change_record
    if person is None or not person.contact_detail:
        return False
    url = record_url(record)
    if notice.contact_method == ContactMethod.TEXT:
        personalisation = {
            "name": given_name(person.preferred_name) or "there",
            "reference": person.reference,
            "we_did": first_sentence(record.we_did),
            "url": url,
        }
        try:
            send_text_with_retries(
                person.contact_detail,
                "what_came_of_it",
                personalisation,
                f"The 'what came of it' text for {person.reference}",
            )
        except TextError:
            return False
    else:
        body = render_to_string(
            "stories/emails/what_came_of_it.txt",
            {
                "name": person.preferred_name,
                "reference": person.reference,
                "record": record,
                "url": url,
                "settings": _site_settings(),
            },
        )
        try:
            send_mail(
                f"What came of it (reference {person.reference})",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [person.contact_detail],
            )
        except Exception as error:
            logger.warning(
                "The 'what came of it' e-mail for %s could not be sent (%s).",
                person.reference,
                type(error).__name__,
            )
            return False
    OutcomeNotice.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
    return True


def first_sentence(text, limit=160):
    """The start of the "we did", short enough for one text message."""
    text = " ".join(text.split())
    end = text.find(". ")
    sentence = text if end == -1 else text[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
