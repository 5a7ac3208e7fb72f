"""The sign-up inbox in the Wagtail admin (wagtail-modeladmin), kept in this one module.

Only users with the sign-up permissions (the Sign-up coordinators group, and
superusers) see any of it: the menu item, the list, a sign-up, the status form,
the CSV export and the "one person's data" page. Editors and Moderators are refused.

Personal data stays out of URLs (sign-ups are addressed by their primary key; the
person search is sent by POST), page titles (they use the reference) and logs. The
audit log records exports and erasures with the reference only.
"""

import json

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic.edit import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import CreateView, IndexView, InspectView, InstanceSpecificView

from .choices import Level
from .models import Area, SignUp, SignUpStatus
from .signup_forms import PersonSearchForm, StaffSignUpForm, StatusChangeForm, sign_up_page_models

EXPORT_ACTION = "opportunities.sign_up.export"
ERASE_ACTION = "opportunities.sign_up.erase"


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


def _pages_with(field, value):
    """Ids of sign-up pages (of every type that takes sign-ups) with ``field == value``."""
    query = Q(pk__in=[])
    for model in sign_up_page_models():
        if any(f.name == field for f in model._meta.get_fields()):
            query |= Q(pk__in=model.objects.filter(**{field: value}).values("pk"))
    return query


class PageFieldFilter(SimpleListFilter):
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


class OpportunityFilter(SimpleListFilter):
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
        if value and value.isdigit():
            return queryset.filter(page_id=int(value))
        return queryset


# Views ---------------------------------------------------------------------------------


SEARCH_SESSION_KEY = "sign_up_inbox_search"


class SignUpIndexView(IndexView):
    """The inbox list. Its search box posts, and the words are kept in the session, so a
    person's name never appears in a web address, the browser history or a server log."""

    def post(self, request, *args, **kwargs):
        words = request.POST.get(self.SEARCH_VAR, "").strip()[:100]
        if words:
            request.session[SEARCH_SESSION_KEY] = words
        else:
            request.session.pop(SEARCH_SESSION_KEY, None)
        kept = request.POST.copy()
        for name in (self.SEARCH_VAR, "csrfmiddlewaretoken", self.PAGE_VAR):
            kept.pop(name, None)
        query_string = kept.urlencode()
        return redirect(self.index_url + (f"?{query_string}" if query_string else ""))

    def get_queryset(self, request=None):
        request = request or self.request
        if not self.query:
            self.query = request.session.get(SEARCH_SESSION_KEY, "")
        return super().get_queryset(request)


class SignUpInspectView(InspectView):
    def get_meta_title(self):
        return f"Sign-up {self.instance.reference}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = self.instance.status_changes.select_related("changed_by")
        return context


class SignUpCreateView(CreateView):
    """A sign-up taken by phone or on paper."""

    def get_meta_title(self):
        return "Add a sign-up taken by phone or on paper"

    def form_valid(self, form):
        from portal.models import SiteSettings

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
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = (
        "reference",
        "created_at",
        "opportunity_title",
        "preferred_name",
        "contact_method",
        "status",
        "handled_by",
    )
    list_filter = (
        "status",
        LevelFilter,
        AreaFilter,
        OpportunityFilter,
        "created_at",
    )
    list_select_related = ["page", "handled_by"]
    search_fields = ("reference", "preferred_name")
    list_export = (
        "reference",
        "created_at",
        "opportunity_title",
        "preferred_name",
        "contact_method",
        "contact_detail",
        "worker_name",
        "worker_contact",
        "support_needs",
        "status",
        "source",
        "handled_by",
        "handled_at",
    )
    export_headings = {"opportunity_title": "Opportunity", "created_at": "Received"}
    export_filename = "sign-ups"
    inspect_view_fields = [
        "reference",
        "created_at",
        "opportunity_title",
        "status",
        "preferred_name",
        "contact_method",
        "contact_detail",
        "worker_name",
        "worker_contact",
        "support_needs",
        "source",
        "consent",
        "privacy_notice_version",
        "consent_method",
        "staff_notes",
        "handled_by",
        "handled_at",
        "updated_at",
    ]
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

    def get_menu_item(self, order=None):
        return SignUpMenuItem(self, order or self.get_menu_order())

    @cached_property
    def person_url_name(self):
        return "opportunities_signup_modeladmin_person"

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        return (
            *urls,
            path(
                "opportunities/signup/person/",
                PersonDataView.as_view(model_admin=self),
                name=self.person_url_name,
            ),
        )

    def person_url(self):
        return reverse(self.person_url_name)


def register_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION, "Export sign-up data", "Exported a person's sign-up data"
    )
    actions.register_action(ERASE_ACTION, "Erase sign-up", "Erased a person's sign-up")


def register():
    """Called from wagtail_hooks: adds the inbox, its menu item and its audit-log actions."""
    modeladmin_register(SignUpAdmin)
    hooks.register("register_log_actions", register_log_actions)
