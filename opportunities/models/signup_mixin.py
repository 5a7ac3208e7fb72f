"""Sign-ups for any page that takes them: ``<page URL>sign-up/`` and its thank-you page.

A page model takes sign-ups by putting ``SignUpPageMixin`` first in its bases.
Whether a page is taking sign-ups is decided in one place, ``sign_up_state()``,
which a page type may override (events add "past" and, later, a waiting list).

``PersonalFormPageMixin`` holds what every public form that keeps personal details
does (the sign-up form, and the idea box in ``stories``): the per-address limit, the
bot trap, the reference in the session and the responses that are never cached.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from portal.models import SiteSettings

from ..ratelimit import RateLimit
from ..working_days import add_working_days
from .signups import SignUp, SignUpStatus, Source, new_reference

logger = logging.getLogger(__name__)

SESSION_KEY = "sign_up_confirmation"

# The e-mail tasks and the public form use these models, so they stand above them: the
# pages name them by dotted path, as Wagtail names a page's form class.
SIGN_UP_EMAILS = "opportunities.tasks.enqueue_sign_up_emails"


class SignUpState(models.TextChoices):
    OPEN = "open", "Open"
    FULL = "full", "Full"
    CLOSED = "closed", "Closed"
    PAST = "past", "Already happened"


def sign_up_rate_limit():
    return RateLimit("sign-up", getattr(settings, "SIGNUP_RATE_LIMIT", "5/h"))


def record_sign_up(page, cleaned_data, privacy_notice_version, source=Source.ONLINE):
    """Save a sign-up for ``page`` and queue its e-mails. Safe to call from many threads."""
    with transaction.atomic():
        sign_up = _new_sign_up(page, cleaned_data, privacy_notice_version, source)
        sign_up.status = page.initial_sign_up_status()
        sign_up.save()
    import_string(SIGN_UP_EMAILS)(sign_up)
    return sign_up


def _new_sign_up(page, cleaned_data, privacy_notice_version, source):
    return SignUp(
        page=page,
        page_title=page.title[:255],
        preferred_name=cleaned_data["preferred_name"],
        contact_method=cleaned_data["contact_method"],
        contact_detail=cleaned_data.get("contact_detail", ""),
        worker_name=cleaned_data.get("worker_name", ""),
        worker_contact=cleaned_data.get("worker_contact", ""),
        support_needs=cleaned_data.get("support_needs", ""),
        consent=bool(cleaned_data["consent"]),
        wants_outcome=bool(cleaned_data.get("wants_outcome")),
        privacy_notice_version=privacy_notice_version,
        source=source,
    )


class PersonalFormPageMixin(RoutablePageMixin):
    """Routes for a public form that keeps what people tell us about themselves: sign-ups
    here, and the idea box.

    Every response is ``private, no-store``; an address may send only so many forms (a
    form with mistakes, or one the database failed to save, does not count); a bot that
    fills in the hidden field is thanked with a made-up reference and nothing is kept;
    and the reference travels to the thank-you page in the session, never in the URL.
    A page names its session key and thank-you route, and saves a valid form in
    ``save_submission()``.
    """

    confirmation_session_key = ""
    thank_you_route = ""

    def save_submission(self, form, site_settings):
        """Save a valid ``form``; return what the thank-you page needs: ``reference``
        and any other details, kept in the session."""
        raise NotImplementedError

    def serve_form(self, request, form_class, template, limit, rate_limited_template):
        """The form on GET; on POST, the submission under the per-address ``limit``."""
        site_settings = SiteSettings.for_request(request)
        if request.method != "POST":
            form = form_class()
        else:
            form = form_class(request.POST)
            if not limit.acquire(request):
                response = self.render_private(request, rate_limited_template, {}, status=429)
                response["Retry-After"] = str(limit.retry_after(request))
                return response
            if form.is_bot:
                # Looks like success to the bot; nothing is saved, the use still counts.
                return self.redirect_to_thank_you(request, reference=new_reference())
            if form.is_valid():
                try:
                    confirmation = self.save_submission(form, site_settings)
                except DatabaseError:
                    # Not saved, so not counted: trying again later must not be refused.
                    limit.release(request)
                    raise
                return self.redirect_to_thank_you(request, **confirmation)
            # A form with mistakes is not a submission: it does not count against the limit.
            limit.release(request)
        return self.render_private(
            request, template, {"form": form, "privacy_page": site_settings.privacy_page}
        )

    def confirmation(self, request):
        """What the thank-you page shows, or None when nothing was sent from this page."""
        confirmation = request.session.get(self.confirmation_session_key) or {}
        return confirmation if confirmation.get("page") == self.pk else None

    def redirect_to_thank_you(self, request, **confirmation):
        request.session[self.confirmation_session_key] = {"page": self.pk, **confirmation}
        return redirect(self.get_url(request) + self.reverse_subpage(self.thank_you_route))

    def render_private(self, request, template, extra, status=200):
        context = self.get_context(request)
        context.update(extra)
        response = TemplateResponse(request, template, context, status=status)
        response["Cache-Control"] = "private, no-store"
        return response


class SignUpPageMixin(PersonalFormPageMixin):
    """Adds a sign-up form and a thank-you page to a page model."""

    confirmation_session_key = SESSION_KEY
    thank_you_route = "sign_up_thank_you"

    sign_up_form_class = "opportunities.signup_forms.SignUpForm"
    sign_up_template = "opportunities/sign_up.html"
    sign_up_closed_template = "opportunities/sign_up_closed.html"
    sign_up_thank_you_template = "opportunities/sign_up_thank_you.html"
    sign_up_rate_limited_template = "opportunities/sign_up_rate_limited.html"
    similar_pages_limit = 3

    # The one decision about taking sign-ups -------------------------------------------

    def sign_up_state(self):
        """Is this page taking sign-ups? One of SignUpState's values."""
        status = getattr(self, "status", SignUpState.OPEN)
        closing_date = getattr(self, "closing_date", None)
        if not self.live or status == SignUpState.CLOSED:
            return SignUpState.CLOSED
        if closing_date and closing_date < timezone.localdate():
            return SignUpState.CLOSED
        if status == SignUpState.FULL:
            return SignUpState.FULL
        return SignUpState.OPEN

    def initial_sign_up_status(self):
        """The status a new sign-up starts with. Called inside the saving transaction,
        so a page may lock itself to count places (events put people on a waiting list)."""
        return SignUpStatus.NEW

    def pages_showing_places(self):
        """Pages that show how many places this page has left, to be made afresh when a
        sign-up takes or frees one (``opportunities/signals.py``). None by default."""
        return []

    @property
    def is_taking_sign_ups(self):
        return self.sign_up_state() == SignUpState.OPEN

    def similar_open_pages(self):
        """A few open pages of the same kind, the same level first, for when this one is not."""
        if getattr(self, "_similar_open_pages", None) is None:
            self._similar_open_pages = self._find_similar_open_pages()
        return self._similar_open_pages

    def _find_similar_open_pages(self):
        model = type(self)
        candidates = model.objects.live().public().exclude(pk=self.pk)
        if hasattr(model, "status"):
            candidates = candidates.filter(status=SignUpState.OPEN)
        if hasattr(model, "closing_date"):
            candidates = candidates.filter(
                models.Q(closing_date__isnull=True)
                | models.Q(closing_date__gte=timezone.localdate())
            )
        limit = self.similar_pages_limit
        level = getattr(self, "level", None)
        similar = list(candidates.filter(level=level)[:limit]) if level else []
        if len(similar) < limit:
            similar += list(
                candidates.exclude(pk__in=[page.pk for page in similar])[: limit - len(similar)]
            )
        return similar

    def what_happens_next_text(self):
        return getattr(self, "what_happens_next", "")

    # Routes ----------------------------------------------------------------------------

    @path("sign-up/", name="sign_up")
    def sign_up_view(self, request):
        state = self.sign_up_state()
        if state != SignUpState.OPEN:
            return self.render_private(
                request,
                self.sign_up_closed_template,
                {"sign_up_state": state},
                status=403 if request.method == "POST" else 200,
            )
        return self.serve_form(
            request,
            import_string(self.sign_up_form_class),
            self.sign_up_template,
            sign_up_rate_limit(),
            self.sign_up_rate_limited_template,
        )

    def save_submission(self, form, site_settings):
        sign_up = record_sign_up(self, form.cleaned_data, site_settings.privacy_notice_version)
        return {
            "reference": sign_up.reference,
            "waiting_list": sign_up.status == SignUpStatus.WAITING_LIST,
        }

    @path("sign-up/thank-you/", name="sign_up_thank_you")
    def sign_up_thank_you_view(self, request):
        confirmation = self.confirmation(request)
        if confirmation is None:
            return redirect(self.get_url(request) + self.reverse_subpage("sign_up"))
        site_settings = SiteSettings.for_request(request)
        return self.render_private(
            request,
            self.sign_up_thank_you_template,
            {
                "reference": confirmation["reference"],
                "waiting_list": confirmation.get("waiting_list", False),
                "response_days": site_settings.response_days,
                "respond_by": add_working_days(timezone.localdate(), site_settings.response_days),
            },
        )
