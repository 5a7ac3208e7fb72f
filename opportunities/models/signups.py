"""Sign-ups: a person asking to take part in an opportunity or event.

What someone tells us here is sensitive personal data (the people signing up may
have lived experience of prison or probation). Keep only what is needed, show it
only to the Sign-up coordinators group, never write it to logs, URLs or page
titles, and delete it when the retention period ends (``purge_expired_signups``).
"""

import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ..choices import ContactMethod
from ..phones import normalise_uk_phone
from ..working_days import add_working_days, start_of

# No 0/O or 1/I: a reference read out over the phone or copied from paper stays unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_ATTEMPTS = 10


def new_reference():
    """A random reference such as ``K7M-4QX`` (32**6, about a billion possibilities)."""
    letters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{letters[:3]}-{letters[3:]}"


def save_with_reference(record, save, *args, **kwargs):
    """Save ``record`` with ``save`` (the model's own ``save``), choosing a new record's
    ``reference`` first. If another insert took the same reference, the unique constraint
    refuses it and another is tried, so this holds under concurrent inserts on PostgreSQL;
    any other refusal is raised at once."""
    if record.reference or record.pk:
        return save(*args, **kwargs)
    for attempt in range(REFERENCE_ATTEMPTS):
        record.reference = new_reference()
        try:
            with transaction.atomic():
                return save(*args, **kwargs)
        except IntegrityError:
            record.pk = None
            taken = type(record)._default_manager.filter(reference=record.reference).exists()
            if attempt == REFERENCE_ATTEMPTS - 1 or not taken:
                raise
    return None


class SignUpStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    TAKING_PART = "taking-part", "Taking part"
    WAITING_LIST = "waiting-list", "On the waiting list"
    NOT_GOING_AHEAD = "not-going-ahead", "Not going ahead"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Sign-ups that do not hold a place (an event with limited places counts the others).
NOT_HOLDING_A_PLACE = [
    SignUpStatus.WAITING_LIST,
    SignUpStatus.NOT_GOING_AHEAD,
    SignUpStatus.WITHDRAWN,
]


class Source(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "By phone"
    PAPER = "paper", "On paper"


def reply_by_date(received, response_days):
    """The date we promised to reply by: ``response_days`` working days after the day
    a sign-up was received (the same promise the thank-you page makes)."""
    return add_working_days(timezone.localdate(received), response_days)


def overdue_cutoff(response_days, today=None):
    """New sign-ups received before this moment are overdue on ``today``: their reply-by
    date is already past. Found by stepping back from today with the same working-day
    rule, so the list's filter and each record's own reply-by date always agree."""
    today = today or timezone.localdate()
    day = today
    while add_working_days(day, response_days) >= today:
        day -= datetime.timedelta(days=1)
    # ``day`` is the last day on which a sign-up received is overdue now.
    return start_of(day + datetime.timedelta(days=1))


class SignUpQuerySet(models.QuerySet):
    def with_overdue(self, response_days, today=None):
        """Adds ``overdue`` (still new and past its reply-by date) and ``response_days``."""
        cutoff = overdue_cutoff(response_days, today)
        return self.annotate(
            overdue=models.Case(
                models.When(status=SignUpStatus.NEW, created_at__lt=cutoff, then=True),
                default=False,
                output_field=models.BooleanField(),
            ),
            response_days=models.Value(response_days, output_field=models.IntegerField()),
        )

    def expired(self, retention_days, now=None):
        """Sign-ups not changed for longer than the retention period."""
        now = now or timezone.now()
        return self.filter(updated_at__lt=now - timezone.timedelta(days=retention_days))

    def for_person(self, term):
        """Everything held about one person: found by reference or exact contact detail."""
        term = (term or "").strip()
        if not term:
            return self.none()
        query = models.Q(reference__iexact=term) | models.Q(contact_detail__iexact=term)
        query |= models.Q(worker_contact__iexact=term)
        phone = normalise_uk_phone(term)
        if phone:
            query |= models.Q(contact_detail=phone)
        return self.filter(query)


class SignUp(models.Model):
    """One person's request to take part. Only the Sign-up coordinators group sees these."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_ups",
        verbose_name="opportunity",
        help_text="What the person signed up for.",
    )
    # Kept so a sign-up still says what it was for if the page is deleted before the
    # sign-up's own retention period ends (deleting a page must not be blocked by it).
    page_title = models.CharField("opportunity title", max_length=255, blank=True)
    reference = models.CharField(max_length=7, unique=True, editable=False)

    preferred_name = models.CharField(
        "name", max_length=100, help_text="The name the person wants us to use."
    )
    contact_method = models.CharField(
        "how to contact", max_length=10, choices=ContactMethod.choices
    )
    contact_detail = models.CharField(
        max_length=254,
        blank=True,
        help_text="E-mail address or phone number. Empty when we contact them through a worker.",
    )
    worker_name = models.CharField("support or key worker's name", max_length=100, blank=True)
    worker_contact = models.CharField(
        "support or key worker's phone or e-mail", max_length=254, blank=True
    )
    support_needs = models.TextField(
        "anything that would help them take part", blank=True, max_length=1000
    )

    consent = models.BooleanField(default=False)
    wants_outcome = models.BooleanField(
        "wants to hear what came of it",
        default=False,
        help_text="Tell them, the way they chose, when a 'you said, we did' record about "
        "this opportunity says what we did.",
    )
    privacy_notice_version = models.CharField(max_length=20, blank=True)
    source = models.CharField(
        "how it was taken", max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    consent_method = models.CharField(
        "how consent was given",
        max_length=255,
        blank=True,
        help_text="For sign-ups taken by phone or on paper, e.g. 'Agreed on the phone after "
        "hearing the privacy notice read out'.",
    )

    status = models.CharField(
        max_length=20, choices=SignUpStatus.choices, default=SignUpStatus.NEW, db_index=True
    )
    staff_notes = models.TextField(
        blank=True,
        help_text="Only what is needed to arrange taking part. Never write about offences.",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="last handled by",
    )
    handled_at = models.DateTimeField("last handled", null=True, blank=True)

    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    # The "last change" the retention period counts from.
    updated_at = models.DateTimeField("last changed", auto_now=True, db_index=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "sign-up"
        verbose_name_plural = "sign-ups"

    def __str__(self):
        # The reference only: this string appears in admin titles and the audit log.
        return self.reference or "New sign-up"

    def save(self, *args, **kwargs):
        if self.page_id and not self.page_title:
            self.page_title = self.page.title[:255]
        return save_with_reference(self, super().save, *args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        sign_up = super().from_db(db, field_names, values)
        # The status as stored, so a save can tell whether it took or freed a place.
        sign_up.stored_status = dict(zip(field_names, values, strict=True)).get("status")
        return sign_up

    @staticmethod
    def status_holds_a_place(status):
        return status not in NOT_HOLDING_A_PLACE

    def _opportunity_title(self):
        return self.page.title if self.page_id and self.page else self.page_title

    _opportunity_title.short_description = "Opportunity"
    opportunity_title = property(_opportunity_title)

    def reply_by(self, response_days):
        """The date we promised to reply by."""
        return reply_by_date(self.created_at, response_days)

    def is_overdue(self, response_days, today=None):
        """Still new, and the promised reply-by date has passed."""
        today = today or timezone.localdate()
        return self.status == SignUpStatus.NEW and today > self.reply_by(response_days)

    def change_status(self, status, user, note=""):
        """Record a status change (and who made it) in one step, keeping the history."""
        now = timezone.now()
        with transaction.atomic():
            SignUpStatusChange.objects.create(
                sign_up=self,
                changed_by=user,
                changed_at=now,
                from_status=self.status,
                to_status=status,
                note=note,
            )
            self.status = status
            self.handled_by = user
            self.handled_at = now
            self.save(update_fields=["status", "handled_by", "handled_at", "updated_at"])

    def as_export(self):
        """Everything held about this sign-up, for a subject access request."""
        return {
            "reference": self.reference,
            "opportunity": self.opportunity_title,
            "opportunity_url": self.page.full_url if self.page_id and self.page else "",
            "received": self.created_at.isoformat(),
            "last_changed": self.updated_at.isoformat() if self.updated_at else None,
            "how_it_was_taken": self.get_source_display(),
            "preferred_name": self.preferred_name,
            "contact_method": self.get_contact_method_display(),
            "contact_detail": self.contact_detail,
            "worker_name": self.worker_name,
            "worker_contact": self.worker_contact,
            "support_needs": self.support_needs,
            "consent": self.consent,
            "wants_to_hear_what_came_of_it": self.wants_outcome,
            "privacy_notice_version": self.privacy_notice_version,
            "consent_method": self.consent_method,
            "status": self.get_status_display(),
            "staff_notes": self.staff_notes,
            "status_history": [
                {
                    "when": change.changed_at.isoformat(),
                    "from": change.get_from_status_display(),
                    "to": change.get_to_status_display(),
                    "note": change.note,
                }
                for change in self.status_changes.all()
            ],
        }


class SignUpStatusChange(models.Model):
    """One change of a sign-up's status: who, when, from, to, and an optional note."""

    sign_up = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="status_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=SignUpStatus.choices)
    to_status = models.CharField(max_length=20, choices=SignUpStatus.choices)
    note = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "sign-up status change"

    def __str__(self):
        return f"{self.get_from_status_display()} to {self.get_to_status_display()}"
