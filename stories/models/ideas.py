"""The idea box: anyone can tell us what should change, with or without a name.

An idea is personal data when the person leaves a way to reach them, and may be
sensitive whatever they write, so ideas are handled like sign-ups: only the Sign-up
coordinators group sees them, ``__str__`` is the reference alone (it appears in admin
titles and the audit log), nothing about them is logged, and they are deleted after the
retention period (``purge_expired_signups`` deletes both).

A coordinator marks each idea (``IdeaStatus``) and may turn one into a "You said, we
did" record in one step. When that record has its "we did", the people linked to it
who asked to be told are told once (``stories.outcomes``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path

from opportunities.models.signup_mixin import PersonalFormPageMixin
from opportunities.models.signups import ContactMethod, SignUp, save_with_reference
from opportunities.ratelimit import RateLimit
from portal.models import BasePage

from .changes import ChangeRecord, YouSaidWeDidPage

SESSION_KEY = "idea_confirmation"


class IdeaStatus(models.TextChoices):
    NEW = "new", "New"
    LOOKING = "looking", "Being looked at"
    PASSED_ON = "passed-on", "Passed to a service"
    CHANGED = "changed", "Turned into a change"
    NOT_TAKEN_FORWARD = "not-taken-forward", "Not taken forward"


class IdeaQuerySet(models.QuerySet):
    def expired(self, retention_days, now=None):
        now = now or timezone.now()
        return self.filter(updated_at__lt=now - timezone.timedelta(days=retention_days))

    def wanting_to_hear(self):
        """Ideas from people who left a way to tell them what came of it."""
        return self.exclude(contact_method="")


class Idea(models.Model):
    """One suggestion for what should change in a service."""

    reference = models.CharField(max_length=7, unique=True, editable=False)
    idea = models.TextField(
        "the idea",
        max_length=2000,
        help_text="What the person said should change, in their words.",
    )
    service = models.CharField(
        "which service",
        max_length=200,
        blank=True,
        help_text="The service, place or group the idea is about, if they said.",
    )
    area = models.ForeignKey(
        "opportunities.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where, if they said.",
    )

    # How to tell them what came of it. Empty: they did not want to be told (anonymous).
    preferred_name = models.CharField("name", max_length=100, blank=True)
    contact_method = models.CharField(
        "how to tell them", max_length=10, choices=ContactMethod.choices, blank=True
    )
    contact_detail = models.CharField(max_length=254, blank=True)
    worker_name = models.CharField("support or key worker's name", max_length=100, blank=True)
    worker_contact = models.CharField(
        "support or key worker's phone or e-mail", max_length=254, blank=True
    )
    consent = models.BooleanField(default=False)
    privacy_notice_version = models.CharField(max_length=20, blank=True)

    status = models.CharField(
        max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.NEW, db_index=True
    )
    passed_to = models.CharField(
        "passed to",
        max_length=200,
        blank=True,
        help_text="Which service or team the idea was passed to.",
    )
    reason_not_taken_forward = models.TextField(
        "why it was not taken forward",
        blank=True,
        help_text="Needed when the status is 'Not taken forward'. Plain and honest.",
    )
    change_record = models.ForeignKey(
        ChangeRecord,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name="'you said, we did' record",
    )
    staff_notes = models.TextField(
        blank=True, help_text="Only what is needed to follow the idea up. Never about offences."
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="last handled by",
    )
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("last changed", auto_now=True, db_index=True)

    objects = IdeaQuerySet.as_manager()

    panels = [
        FieldPanel("idea", read_only=True),
        FieldPanel("service", read_only=True),
        FieldPanel("area", read_only=True),
        FieldPanel("status"),
        FieldPanel("passed_to"),
        FieldPanel("reason_not_taken_forward"),
        FieldPanel("change_record"),
        FieldPanel("staff_notes"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "idea"
        verbose_name_plural = "ideas"

    def __str__(self):
        # The reference only: this string appears in admin titles and the audit log.
        return self.reference or "New idea"

    def save(self, *args, **kwargs):
        # As for sign-ups: the unique constraint decides, retried on a clash.
        return save_with_reference(self, super().save, *args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.status == IdeaStatus.NOT_TAKEN_FORWARD
            and not self.reason_not_taken_forward.strip()
        ):
            raise ValidationError({"reason_not_taken_forward": "Say why it was not taken forward."})
        if self.status == IdeaStatus.PASSED_ON and not self.passed_to.strip():
            raise ValidationError({"passed_to": "Say which service it was passed to."})
        if self.status == IdeaStatus.CHANGED and not self.change_record_id:
            raise ValidationError(
                {"change_record": "Choose the 'you said, we did' record it became."}
            )

    def hear_by(self):
        return self.get_contact_method_display() or "Anonymous"

    hear_by.short_description = "Wants to hear by"

    @property
    def wants_to_hear(self):
        return bool(self.contact_method)


class OutcomeNotice(models.Model):
    """One person told (or to be told) what came of a "you said, we did" record.

    The unique constraints make "told once" hold even when two saves race.
    E-mails and texts are sent by the task queue; a phone call or a message through a
    worker is made by a coordinator, who finds it waiting in the ideas list.
    """

    change_record = models.ForeignKey(
        ChangeRecord, on_delete=models.CASCADE, related_name="outcome_notices"
    )
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="outcome_notices"
    )
    sign_up = models.ForeignKey(
        SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="outcome_notices"
    )
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["change_record", "idea"], name="one_notice_per_idea_and_change"
            ),
            models.UniqueConstraint(
                fields=["change_record", "sign_up"], name="one_notice_per_sign_up_and_change"
            ),
            models.CheckConstraint(
                condition=models.Q(idea__isnull=True, sign_up__isnull=False)
                | models.Q(idea__isnull=False, sign_up__isnull=True),
                name="notice_for_an_idea_or_a_sign_up",
            ),
        ]

    def __str__(self):
        person = self.idea or self.sign_up
        return f"What came of it, for {person}"

    @property
    def person(self):
        return self.idea if self.idea_id else self.sign_up


class IdeaBoxPage(PersonalFormPageMixin, BasePage):
    """At /ideas/: a short form anyone can use to say what should change.

    It has the sign-up form's protections: the same contact checks and consent, a
    honeypot field, a per-address limit, and nothing personal in the URL or the logs.
    """

    template = "stories/idea_box_page.html"
    confirmation_session_key = SESSION_KEY
    thank_you_route = "thank_you"
    thank_you_template = "stories/idea_thank_you.html"
    rate_limited_template = "stories/idea_rate_limited.html"
    # By dotted path: the form lists the areas, so it is loaded after the models are.
    form_class = "stories.idea_forms.IdeaForm"

    intro = models.TextField(
        blank=True,
        help_text="A sentence or two above the form, in plain words.",
    )
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = "The idea box: a form for saying what should change. There is only one."

    class Meta:
        verbose_name = "idea box"

    @path("", name="form")
    def form_view(self, request):
        return self.serve_form(
            request,
            import_string(self.form_class),
            self.template,
            idea_rate_limit(),
            self.rate_limited_template,
        )

    def save_submission(self, form, site_settings):
        idea = Idea.objects.create(
            **form.idea_fields(), privacy_notice_version=site_settings.privacy_notice_version
        )
        return {"reference": idea.reference, "wants_to_hear": idea.wants_to_hear}

    @path("thank-you/", name="thank_you")
    def thank_you_view(self, request):
        confirmation = self.confirmation(request)
        if confirmation is None:
            return redirect(self.get_url(request))
        context = {
            "reference": confirmation["reference"],
            "wants_to_hear": confirmation.get("wants_to_hear", False),
            "you_said_we_did_page": YouSaidWeDidPage.objects.live().public().first(),
        }
        return self.render_private(request, self.thank_you_template, context)


def idea_rate_limit():
    """The sign-up limit's rate, counted separately: an idea is not a sign-up."""
    return RateLimit("idea", getattr(settings, "SIGNUP_RATE_LIMIT", "5/h"))
