"""The sign-up inbox in the Wagtail admin (wagtail-modeladmin), kept in this one module.

Only users with the sign-up permissions (the Sign-up coordinators group, and
superusers) see any of it: the menu item, the list, a sign-up, the status forms,
the exports and the "one person's data" page. Editors and Moderators are refused.

Personal data stays out of URLs (sign-ups are addressed by their primary key; the
person search is sent by POST), page titles (they use the reference) and logs. The
audit log records exports and erasures with the reference only.

The list accepts only its own query parameters (its filters, search, ordering, page
and export format): wagtail-modeladmin would otherwise turn any other parameter into
a database lookup, across relations, on any field.
"""

import datetime
import json
import uuid
from urllib.parse import quote

import phonenumbers
from django.contrib import messages
from django.contrib.admin import SimpleListFilter, display
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.generic.edit import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import CreateView, IndexView, InspectView, InstanceSpecificView

from portal.models import SiteSettings

from .choices import Level
from .models import Area, SignUp, SignUpStatus, SignUpStatusChange
from .models.signups import ContactMethod
from .phones import is_mobile, normalise_uk_phone
from .signup_forms import (
    SIGN_UP_ID,
    BulkStatusForm,
    PersonSearchForm,
    StaffSignUpForm,
    StatusChangeForm,
    sign_up_page_models,
)
from .working_days import start_of

EXPORT_ACTION = "opportunities.sign_up.export"
LIST_EXPORT_ACTION = "opportunities.sign_up.export_list"
ERASE_ACTION = "opportunities.sign_up.erase"


# Small helpers for the screens ---------------------------------------------------------


def staff_name(user):
    """A staff member as people know them: full name, or the user name if none is set."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def response_days_for(request):
    """How many working days we promise to take to reply (the site settings)."""
    try:
        return SiteSettings.for_request(request).response_days
    except SiteSettings.DoesNotExist:
        return SiteSettings._meta.get_field("response_days").default


def phone_uri(number):
    """A UK number as a ``tel:``/``sms:`` target in international form (+441614960000)."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email_uri(address):
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return "mailto:" + quote(address, safe="@.+-_")


def links_for(detail, text_first=False):
    """Ways to reach a phone number or e-mail address, as links for the browser."""
    detail = (detail or "").strip()
    if not detail:
        return []
    if "@" in detail:
        uri = email_uri(detail)
        return [{"href": uri, "text": f"E-mail {detail}"}] if uri else []
    number = phone_uri(detail)
    if not number:
        return []
    call = {"href": f"tel:{number}", "text": f"Call {detail}"}
    text = {"href": f"sms:{number}", "text": f"Text {detail}"}
    return [text, call] if text_first else [call, text]


def contact_for(sign_up):
    """How to reach the person: what to show and which links to offer."""
    method = sign_up.contact_method
    contact = {
        "method": sign_up.get_contact_method_display(),
        "detail": sign_up.contact_detail,
        "through_worker": method == ContactMethod.WORKER,
        "worker_name": "",
        "links": [],
    }
    if method in (ContactMethod.EMAIL, ContactMethod.PHONE):
        contact["links"] = links_for(sign_up.contact_detail)
    elif method == ContactMethod.TEXT:
        contact["links"] = links_for(sign_up.contact_detail, text_first=True)
    elif method == ContactMethod.WORKER:
        contact["worker_name"] = sign_up.worker_name
        contact["detail"] = sign_up.worker_contact
        links = links_for(sign_up.worker_contact)
        # A worker is called or e-mailed; a text goes only to a mobile.
        normalised = normalise_uk_phone(sign_up.worker_contact)
        if not (normalised and is_mobile(normalised)):
            links = [link for link in links if not link["href"].startswith("sms:")]
        contact["links"] = links
    return contact


def consent_text(sign_up):
    """E.g. "yes, 27 Nov 2026, privacy notice v2"."""
    if not sign_up.consent:
        return "no"
    received = timezone.localtime(sign_up.created_at)
    parts = ["yes", f"{received.day} {received:%b %Y}"]
    version = (sign_up.privacy_notice_version or "").strip()
    if version:
        prefix = "" if version[:1] in ("v", "V") else "v"
        parts.append(f"privacy notice {prefix}{version}")
    else:
        parts.append("privacy notice version not recorded")
    return ", ".join(parts)


def short_date(value):
    return f"{value.day} {value:%b %Y}" if value else ""


def short_datetime(value):
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{value.day} {value:%b %Y, %H:%M}"


def history_lines(sign_up):
    """The status history, oldest first, one line per change."""
    changes = sorted(sign_up.status_changes.all(), key=lambda change: change.changed_at)
    lines = []
    for change in changes:
        who = staff_name(change.changed_by) or "unknown"
        line = (
            f"{short_datetime(change.changed_at)}, {who}: "
            f"{change.get_from_status_display()} to {change.get_to_status_display()}"
        )
        if change.note:
            line += f". Note: {' '.join(change.note.split())}"
        lines.append(line)
    return lines


# Permissions ----------------------------------------------------------------------------


class SignUpPermissionHelper(PermissionHelper):
    """Each action needs its own sign-up permission; nothing is shown on "any permission"."""

    def _has(self, user, action):
        return bool(user and user.is_active) and self.user_has_specific_permission(
            user, self.get_perm_codename(action)
        )

    def user_can_list(self, user):
        return self._has(user, "view")

    def user_can_inspect_obj(self, user, obj):
        return self._has(user, "view")

    def user_can_create(self, user):
        return self._has(user, "add")

    def user_can_edit_obj(self, user, obj):
        return self._has(user, "change")

    def user_can_delete_obj(self, user, obj):
        return self._has(user, "delete")


class SignUpButtonHelper(ButtonHelper):
    edit_button_classnames = []

    def edit_button(self, *args, **kwargs):
        button = super().edit_button(*args, **kwargs)
        button["label"] = "Change status"
        button["title"] = "Change the status of this sign-up"
        return button

    def inspect_button(self, *args, **kwargs):
        button = super().inspect_button(*args, **kwargs)
        button["label"] = "Open"
        button["title"] = "See everything about this sign-up"
        return button


# Filters -------------------------------------------------------------------------------


class AllowListFilter(SimpleListFilter):
    """A list filter that only ever acts on one of its own choices; any other value
    in the address is ignored, as if the filter were not set."""

    def value(self):
        value = super().value()
        if value is None:
            return None
        allowed = {str(choice) for choice, _label in self.lookup_choices}
        return value if value in allowed else None


class StatusFilter(AllowListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return SignUpStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(status=value) if value else queryset


class OverdueFilter(AllowListFilter):
    title = "reply"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(overdue=value == "yes")


# The "date received" filter, for sign-ups here and for ideas in their own list.
RECEIVED_CHOICES = [
    ("today", "Today"),
    ("week", "In the past 7 days"),
    ("month", "This month"),
    ("year", "This year"),
]


def received_since(value, today=None):
    """The first moment the "date received" filter's ``value`` counts from."""
    today = today or timezone.localdate()
    return start_of(
        {
            "today": today,
            "week": today - datetime.timedelta(days=6),
            "month": today.replace(day=1),
            "year": today.replace(month=1, day=1),
        }[value]
    )


class ReceivedFilter(AllowListFilter):
    title = "date received"
    parameter_name = "received"

    def lookups(self, request, model_admin):
        return RECEIVED_CHOICES

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(created_at__gte=received_since(value))


def _pages_with(field, value):
    """Ids of sign-up pages (of every type that takes sign-ups) with ``field == value``."""
    query = Q(pk__in=[])
    for model in sign_up_page_models():
        if any(f.name == field for f in model._meta.get_fields()):
            query |= Q(pk__in=model.objects.filter(**{field: value}).values("pk"))
    return query


class PageFieldFilter(AllowListFilter):
    page_field = ""

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        from wagtail.models import Page

        page_ids = Page.objects.filter(_pages_with(self.page_field, value)).values("pk")
        return queryset.filter(page_id__in=page_ids)


class LevelFilter(PageFieldFilter):
    title = "level"
    parameter_name = "level"
    page_field = "level"

    def lookups(self, request, model_admin):
        return Level.choices


class AreaFilter(PageFieldFilter):
    title = "area"
    parameter_name = "area"
    page_field = "area"

    def lookups(self, request, model_admin):
        return [(str(area.pk), area.name) for area in Area.objects.order_by("sort_order", "name")]


class OpportunityFilter(AllowListFilter):
    title = "opportunity"
    parameter_name = "opportunity"

    def lookups(self, request, model_admin):
        rows = (
            SignUp.objects.exclude(page=None)
            .values_list("page_id", "page__title")
            .distinct()
            .order_by("page__title")
        )
        return [(str(page_id), title) for page_id, title in rows]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(page_id=int(value)) if value else queryset


LIST_FILTERS = (
    StatusFilter,
    OverdueFilter,
    LevelFilter,
    AreaFilter,
    OpportunityFilter,
    ReceivedFilter,
)
# Older addresses of the status filter (Django's own filter) still work.
PARAMETER_ALIASES = {"status__exact": "status"}


def clean_text(value, limit=100):
    """Search words without control characters (NUL among them), cut to ``limit``."""
    return "".join(char for char in value if char.isprintable()).strip()[:limit]


# Views ---------------------------------------------------------------------------------


SEARCH_SESSION_KEY = "sign_up_inbox_search"


class SignUpIndexView(IndexView):
    """The inbox list. Its search box posts, and the words are kept in the session, so a
    person's name never appears in a web address, the browser history or a server log.

    Only the list's own parameters are read from the address; everything else is
    dropped before wagtail-modeladmin sees it, so it can never become a lookup.
    """

    # Spreadsheet cells that start like this are formulas to Excel and its cousins.
    FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: (
                f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: timezone.make_naive(
                timezone.localtime(value)
            ),
        },
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: value.isoformat(),
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
    }

    @classmethod
    def allowed_parameters(cls):
        names = {spec.parameter_name for spec in LIST_FILTERS}
        return names | {cls.SEARCH_VAR, cls.ORDER_VAR, cls.PAGE_VAR, cls.EXPORT_VAR}

    @classmethod
    def clean_query(cls, query):
        """A copy of ``query`` with only the list's own parameters (last value of each)."""
        allowed = cls.allowed_parameters()
        cleaned = QueryDict(mutable=True)
        for name, values in query.lists():
            name = PARAMETER_ALIASES.get(name, name)
            if name not in allowed or not values:
                continue
            value = values[-1]
            if name == cls.SEARCH_VAR:
                value = clean_text(value)
            elif name == cls.EXPORT_VAR and value not in cls.FORMATS:
                continue
            else:
                value = clean_text(value, limit=40)
            if value:
                cleaned[name] = value
        return cleaned

    def setup(self, request, *args, **kwargs):
        request.GET = self.clean_query(request.GET)
        super().setup(request, *args, **kwargs)

    def get_filters_params(self, params=None):
        # Belt and braces: nothing but the filters' own parameters reaches a filter,
        # and nothing is left over for modeladmin to apply as a lookup.
        names = {spec.parameter_name for spec in LIST_FILTERS}
        return {
            name: value
            for name, value in super().get_filters_params(params).items()
            if name in names
        }

    def post(self, request, *args, **kwargs):
        words = clean_text(request.POST.get(self.SEARCH_VAR, ""))
        if words:
            request.session[SEARCH_SESSION_KEY] = words
        else:
            request.session.pop(SEARCH_SESSION_KEY, None)
        kept = self.clean_query(request.POST)
        for name in (self.SEARCH_VAR, self.PAGE_VAR, self.EXPORT_VAR):
            kept.pop(name, None)
        query_string = kept.urlencode()
        return redirect(self.index_url + (f"?{query_string}" if query_string else ""))

    def get_queryset(self, request=None):
        request = request or self.request
        if not self.query:
            self.query = request.session.get(SEARCH_SESSION_KEY, "")
        return super().get_queryset(request)

    @cached_property
    def can_change(self):
        return self.permission_helper.user_can_edit_obj(self.request.user, None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.can_change:
            context["bulk_form"] = BulkStatusForm()
            context["bulk_url"] = self.model_admin.bulk_status_url()
            context["return_query"] = self.request.GET.urlencode()
        return context

    # Exports (CSV and XLSX) ------------------------------------------------------------

    def as_spreadsheet(self, queryset, spreadsheet_format):
        sign_ups = list(
            queryset.prefetch_related(
                Prefetch(
                    "status_changes",
                    queryset=SignUpStatusChange.objects.select_related("changed_by"),
                )
            )
        )
        self.log_export(sign_ups, spreadsheet_format)
        response = super().as_spreadsheet(sign_ups, spreadsheet_format)
        response["Cache-Control"] = "private, no-store"
        return response

    def log_export(self, sign_ups, spreadsheet_format):
        """One audit-log entry for each exported sign-up, all sharing one id, with the
        reference as the entry's label: never a name or contact detail."""
        if not sign_ups:
            return
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(SignUp)
        shared = uuid.uuid4()
        now = timezone.now()
        data = {"format": spreadsheet_format, "rows": len(sign_ups)}
        ModelLogEntry.objects.bulk_create(
            [
                ModelLogEntry(
                    content_type=content_type,
                    object_id=str(sign_up.pk),
                    label=sign_up.reference,
                    action=LIST_EXPORT_ACTION,
                    timestamp=now,
                    user=self.request.user,
                    uuid=shared,
                    data=data,
                )
                for sign_up in sign_ups
            ],
            batch_size=500,
        )

    def get_heading(self, queryset, field):
        return EXPORT_HEADINGS[field]

    def to_row_dict(self, item):
        return {field: EXPORT_VALUES[field](item) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(self.FORMULA_STARTS)
        ):
            # Shown as text, never run as a formula, when the file is opened.
            value = "'" + value
        return value


# What an export holds: (key, column heading, value for a sign-up), in column order.
EXPORT_COLUMNS = (
    ("reference", "Reference", lambda s: s.reference),
    ("received", "Received", lambda s: s.created_at),
    ("opportunity", "Opportunity", lambda s: s.opportunity_title),
    ("name", "Name", lambda s: s.preferred_name),
    ("contact_method", "How to contact", lambda s: s.get_contact_method_display()),
    ("contact_detail", "Contact detail", lambda s: s.contact_detail),
    ("worker_name", "Support or key worker's name", lambda s: s.worker_name),
    ("worker_contact", "Support or key worker's phone or e-mail", lambda s: s.worker_contact),
    ("support_needs", "Anything that would help them take part", lambda s: s.support_needs),
    ("status", "Status", lambda s: s.get_status_display()),
    ("reply_by", "Reply by", lambda s: s.reply_by(s.response_days)),
    ("overdue", "Overdue", lambda s: "Yes" if s.overdue else "No"),
    ("staff_notes", "Staff notes", lambda s: s.staff_notes),
    ("history", "Status history", lambda s: "\n".join(history_lines(s))),
    ("handled_by", "Last handled by", lambda s: staff_name(s.handled_by)),
    ("handled_at", "Last handled", lambda s: s.handled_at or ""),
    ("source", "How it was taken", lambda s: s.get_source_display()),
    ("consent", "Agreed to be contacted", consent_text),
    ("consent_method", "How they agreed", lambda s: s.consent_method),
)
EXPORT_HEADINGS = {key: heading for key, heading, _value in EXPORT_COLUMNS}
EXPORT_VALUES = {key: value for key, _heading, value in EXPORT_COLUMNS}


class SignUpInspectView(InspectView):
    def get_meta_title(self):
        return f"Sign-up {self.instance.reference}"

    def get_page_title(self):
        return "Sign-up"

    def get_fields_dict(self):
        # The template lays the record out itself, in plain words (see get_context_data).
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(sign_up_context(self.request, self.instance))
        sign_up = self.instance
        context["details"] = [
            ("Reference", sign_up.reference),
            ("Received", short_datetime(sign_up.created_at)),
            ("Opportunity", sign_up.opportunity_title or "No longer on the site"),
            ("Status", sign_up.get_status_display()),
        ]
        context["more_details"] = [
            ("Anything that would help them take part", sign_up.support_needs or "Nothing given"),
            ("How it was taken", sign_up.get_source_display()),
            ("Agreed to be contacted", consent_text(sign_up)),
        ]
        if sign_up.consent_method:
            context["more_details"].append(("How they agreed", sign_up.consent_method))
        context["more_details"] += [
            ("Staff notes", sign_up.staff_notes or "None yet"),
            ("Last handled by", handled_text(sign_up)),
            ("Last changed", short_datetime(sign_up.updated_at)),
        ]
        context["status_changes"] = sign_up.status_changes.select_related("changed_by")
        context["can_change"] = self.permission_helper.user_can_edit_obj(self.request.user, sign_up)
        return context


def handled_text(sign_up):
    if not sign_up.handled_by_id and not sign_up.handled_at:
        return "Not yet"
    name = staff_name(sign_up.handled_by) or "someone no longer on the staff list"
    return f"{name}, {short_datetime(sign_up.handled_at)}" if sign_up.handled_at else name


def sign_up_context(request, sign_up):
    """What both the record page and the status page show: contact and reply-by date."""
    response_days = response_days_for(request)
    return {
        "contact": contact_for(sign_up),
        "reply_by": sign_up.reply_by(response_days),
        "overdue": sign_up.is_overdue(response_days),
    }


class SignUpCreateView(CreateView):
    """A sign-up taken by phone or on paper."""

    def get_meta_title(self):
        return "Add a sign-up taken by phone or on paper"

    def form_valid(self, form):
        now = timezone.now()
        form.instance.handled_by = self.request.user
        form.instance.handled_at = now
        form.instance.privacy_notice_version = SiteSettings.for_request(
            self.request
        ).privacy_notice_version
        return super().form_valid(form)

    def get_success_message(self, instance):
        return f"Sign-up {instance.reference} added."


class StatusChangeView(InstanceSpecificView, FormView):
    """Change a sign-up's status in one step, with a note; the change is kept in its history."""

    form_class = StatusChangeForm
    page_title = "Change status"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)

    def get_meta_title(self):
        return f"Change status: sign-up {self.instance.reference}"

    def get_template_names(self):
        return ["modeladmin/opportunities/signup/status.html"]

    def get_initial(self):
        return {"status": self.instance.status, "staff_notes": self.instance.staff_notes}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(sign_up_context(self.request, self.instance))
        context["inspect_url"] = self.url_helper.get_action_url("inspect", self.pk_quoted)
        return context

    def form_valid(self, form):
        sign_up = self.instance
        status = form.cleaned_data["status"]
        note = form.cleaned_data["note"]
        with transaction.atomic():
            if form.cleaned_data["staff_notes"] != sign_up.staff_notes:
                sign_up.staff_notes = form.cleaned_data["staff_notes"]
                sign_up.save(update_fields=["staff_notes", "updated_at"])
            if status != sign_up.status or note:
                sign_up.change_status(status, self.request.user, note)
            log(instance=sign_up, action="wagtail.edit", user=self.request.user)
        messages.success(
            self.request, f"Sign-up {sign_up.reference} is now: {sign_up.get_status_display()}."
        )
        return redirect(self.index_url)


class BulkStatusView(FormView):
    """Change the status of the sign-ups ticked in the list, with one optional note that
    goes into each one's history. A plain form: it needs no script."""

    form_class = BulkStatusForm
    model_admin = None
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(self.model_admin.url_helper.index_url)
        if not self.model_admin.permission_helper.user_can_edit_obj(request.user, None):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return redirect(self.back_url())

    def back_url(self):
        index_url = self.model_admin.url_helper.index_url
        kept = SignUpIndexView.clean_query(
            QueryDict(self.request.POST.get("return_query", "")[:1000])
        )
        kept.pop(SignUpIndexView.EXPORT_VAR, None)
        query_string = kept.urlencode()
        return index_url + (f"?{query_string}" if query_string else "")

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(self.back_url())

    def form_valid(self, form):
        status = form.cleaned_data["status"]
        note = form.cleaned_data["note"]
        sign_ups = list(form.cleaned_data["sign_ups"].order_by("pk"))
        with transaction.atomic():
            for sign_up in sign_ups:
                sign_up.change_status(status, self.request.user, note)
                log(instance=sign_up, action="wagtail.edit", user=self.request.user)
        count = len(sign_ups)
        label = SignUpStatus(status).label
        messages.success(
            self.request,
            f"{count} sign-up{'s are' if count != 1 else ' is'} now: {label}.",
        )
        return redirect(self.back_url())


@method_decorator(never_cache, name="dispatch")
class PersonDataView(FormView):
    """Everything held about one person: find it, download it as JSON, or erase it.

    The search term (a reference, e-mail address or phone number) is only ever sent
    by POST, so it never appears in a URL or an access log.
    """

    form_class = PersonSearchForm
    template_name = "modeladmin/opportunities/signup/person.html"
    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        helper = self.model_admin.permission_helper
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not helper.user_can_list(request.user):
            raise PermissionDenied
        self.can_erase = helper.user_can_delete_obj(request.user, None)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "index_url": self.model_admin.url_helper.index_url,
                "can_erase": self.can_erase,
                "header_icon": "user",
            }
        )
        return context

    def form_valid(self, form):
        sign_ups = list(
            SignUp.objects.for_person(form.cleaned_data["term"])
            .select_related("page")
            .prefetch_related("status_changes")
        )
        action = self.request.POST.get("action", "find")
        if action == "export" and sign_ups:
            return self.export(sign_ups)
        if action == "erase" and sign_ups:
            if not self.can_erase:
                raise PermissionDenied
            if self.request.POST.get("confirm") == "yes":
                return self.erase(sign_ups)
            form.add_error(None, "Tick the box to confirm that you want to erase these sign-ups")
        return self.render_to_response(
            self.get_context_data(form=form, sign_ups=sign_ups, searched=True)
        )

    def export(self, sign_ups):
        for sign_up in sign_ups:
            log(instance=sign_up, action=EXPORT_ACTION, user=self.request.user)
        payload = {
            "exported_at": timezone.now().isoformat(),
            "sign_ups": [sign_up.as_export() for sign_up in sign_ups],
        }
        response = HttpResponse(
            json.dumps(payload, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="sign-up-data.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    def erase(self, sign_ups):
        with transaction.atomic():
            for sign_up in sign_ups:
                # Logged with the reference only, before the record goes.
                log(instance=sign_up, action=ERASE_ACTION, user=self.request.user)
                sign_up.delete()
        messages.success(
            self.request,
            f"Erased {len(sign_ups)} sign-up{'s' if len(sign_ups) != 1 else ''} and their history.",
        )
        return redirect(self.model_admin.url_helper.index_url)


# The ModelAdmin and its menu item -------------------------------------------------------


class SignUpMenuItem(ModelAdminMenuItem):
    """'Sign-ups' with the number of new ones, worked out for each request."""

    def render_component(self, request):
        component = super().render_component(request)
        new = SignUp.objects.filter(status=SignUpStatus.NEW).count()
        if new:
            component.label = f"{self.label} ({new} new)"
        return component


def _checked_pk(instance_pk):
    """A sign-up's id from the address: plain digits of a sensible length, or not found."""
    if not SIGN_UP_ID.fullmatch(instance_pk or ""):
        raise Http404("No such sign-up")
    return instance_pk


class SignUpAdmin(ModelAdmin):
    model = SignUp
    menu_label = "Sign-ups"
    menu_item_name = "sign-ups"
    menu_icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    permission_helper_class = SignUpPermissionHelper
    button_helper_class = SignUpButtonHelper
    inspect_view_enabled = True
    index_view_class = SignUpIndexView
    inspect_view_class = SignUpInspectView
    create_view_class = SignUpCreateView
    edit_view_class = StatusChangeView
    # Overdue ones first (newest first among them), then the rest, newest first.
    ordering = ["-overdue", "-created_at", "-pk"]
    list_per_page = 50
    list_display = (
        "select",
        "reference",
        "received",
        "reply_by",
        "opportunity_title",
        "preferred_name",
        "contact_method",
        "status",
        "last_handled_by",
    )
    list_display_add_buttons = "reference"
    list_filter = LIST_FILTERS
    list_select_related = ["page", "handled_by"]
    search_fields = ("reference", "preferred_name")
    list_export = tuple(key for key, _heading, _value in EXPORT_COLUMNS)
    export_filename = "sign-ups"
    empty_value_display = ""
    edit_handler = ObjectList(
        [
            FieldPanel("page"),
            MultiFieldPanel(
                [
                    FieldPanel("preferred_name"),
                    FieldPanel("contact_method"),
                    FieldPanel("contact_detail"),
                    FieldPanel("worker_name"),
                    FieldPanel("worker_contact"),
                    FieldPanel("support_needs"),
                    FieldPanel("wants_outcome"),
                ],
                heading="What the person told us",
            ),
            MultiFieldPanel(
                [FieldPanel("source"), FieldPanel("consent"), FieldPanel("consent_method")],
                heading="How it was taken and how they agreed",
            ),
            FieldPanel("staff_notes"),
        ],
        base_form_class=StaffSignUpForm,
    )

    # The list ---------------------------------------------------------------------------

    def get_queryset(self, request):
        # The overdue flag is worked out by the database, so the list can filter and
        # sort by it.
        queryset = SignUp.objects.with_overdue(response_days_for(request))
        return queryset.order_by(*self.get_ordering(request))

    def get_list_display(self, request):
        """The tick boxes for changing several at once only for those who may change them."""
        if self.permission_helper.user_can_edit_obj(request.user, None):
            return self.list_display
        return tuple(name for name in self.list_display if name != "select")

    @display(description="Select")
    def select(self, obj):
        return format_html(
            '<input type="checkbox" name="sign_ups" value="{}" id="select-{}" form="bulk-status">'
            '<label class="w-sr-only" for="select-{}">Select sign-up {}</label>',
            obj.pk,
            obj.pk,
            obj.pk,
            obj.reference,
        )

    @display(description="Received", ordering="created_at")
    def received(self, obj):
        return short_date(timezone.localtime(obj.created_at))

    @display(description="Reply by")
    def reply_by(self, obj):
        date = short_date(obj.reply_by(obj.response_days))
        if obj.overdue:
            return format_html('<strong class="signup-overdue">Overdue</strong><br>{}', date)
        return date

    @display(description="Last handled by")
    def last_handled_by(self, obj):
        return staff_name(obj.handled_by)

    # Addresses ---------------------------------------------------------------------------

    def inspect_view(self, request, instance_pk):
        return super().inspect_view(request, _checked_pk(instance_pk))

    def edit_view(self, request, instance_pk):
        return super().edit_view(request, _checked_pk(instance_pk))

    def delete_view(self, request, instance_pk):
        return super().delete_view(request, _checked_pk(instance_pk))

    def history_view(self, request, instance_pk):
        return super().history_view(request, _checked_pk(instance_pk))

    def get_menu_item(self, order=None):
        return SignUpMenuItem(self, order or self.get_menu_order())

    @cached_property
    def person_url_name(self):
        return "opportunities_signup_modeladmin_person"

    bulk_status_url_name = "opportunities_signup_modeladmin_bulk_status"

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        return (
            *urls,
            path(
                "opportunities/signup/person/",
                PersonDataView.as_view(model_admin=self),
                name=self.person_url_name,
            ),
            path(
                "opportunities/signup/bulk-status/",
                BulkStatusView.as_view(model_admin=self),
                name=self.bulk_status_url_name,
            ),
        )

    def person_url(self):
        return reverse(self.person_url_name)

    def bulk_status_url(self):
        return reverse(self.bulk_status_url_name)


def register_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION, "Export sign-up data", "Exported a person's sign-up data"
    )
    actions.register_action(
        LIST_EXPORT_ACTION, "Export sign-up list", "Included in an export of the sign-up list"
    )
    actions.register_action(ERASE_ACTION, "Erase sign-up", "Erased a person's sign-up")


def register():
    """Called from wagtail_hooks: adds the inbox, its menu item and its audit-log actions."""
    modeladmin_register(SignUpAdmin)
    hooks.register("register_log_actions", register_log_actions)
