"""Ideas in the admin, for the Sign-up coordinators group.

The list is a snippet listing with a fixed set of filters (a django-filter
``FilterSet``: a value that is not one of a filter's choices is ignored, never passed to
the database), a search by reference, and two actions on each idea: turn it into a
"you said, we did" record in one step, and tell the person what came of it when that
is a phone call or a message through their worker. "People to tell" (under Reports)
lists everyone waiting for such a call, whether they sent an idea or signed up.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from opportunities.admin_inbox import RECEIVED_CHOICES, received_since
from opportunities.models import Area

from .idea_forms import TurnIntoChangeForm
from .models import ChangeRecord, Idea, IdeaStatus, OutcomeNotice
from .outcomes import SENT_BY_THE_SITE


def waiting_to_be_told():
    """Notices a coordinator has to give by phone or through a worker."""
    return OutcomeNotice.objects.filter(sent_at__isnull=True).exclude(
        contact_method__in=SENT_BY_THE_SITE
    )


class IdeaFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=IdeaStatus.choices, label="Status")
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.order_by("sort_order", "name"), label="Area"
    )
    received = django_filters.ChoiceFilter(
        choices=RECEIVED_CHOICES, label="Date received", method="filter_received"
    )
    hear = django_filters.ChoiceFilter(
        choices=[("yes", "Wants to hear what came of it"), ("no", "Anonymous")],
        label="Wants to hear",
        method="filter_hear",
    )
    to_tell = django_filters.ChoiceFilter(
        choices=[("yes", "To tell by phone or through a worker")],
        label="To tell",
        method="filter_to_tell",
    )

    class Meta:
        model = Idea
        fields = []

    def filter_received(self, queryset, name, value):
        return queryset.filter(created_at__gte=received_since(value))

    def filter_hear(self, queryset, name, value):
        return (
            queryset.exclude(contact_method="")
            if value == "yes"
            else queryset.filter(contact_method="")
        )

    def filter_to_tell(self, queryset, name, value):
        return queryset.filter(Exists(waiting_to_be_told().filter(idea=OuterRef("pk"))))


def can_turn_into_change(user):
    return user.has_perm("stories.change_idea") and user.has_perm("stories.add_changerecord")


class IdeaIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("area")
            .annotate(
                waiting_notice=Subquery(
                    waiting_to_be_told().filter(idea=OuterRef("pk")).values("pk")[:1]
                )
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if instance.change_record_id is None and can_turn_into_change(user):
            buttons.append(
                ListingButton(
                    "Turn into 'you said, we did'",
                    url=reverse(
                        "wagtailsnippets_stories_idea:turn_into_change", args=[instance.pk]
                    ),
                    icon_name="tasks",
                    priority=15,
                )
            )
        if getattr(instance, "waiting_notice", None) and can_tell_people(user):
            buttons.append(
                ListingButton(
                    "Tell them what came of it",
                    url=reverse("stories_tell_person", args=[instance.waiting_notice]),
                    icon_name="success",
                    priority=16,
                )
            )
        return buttons


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "comment"
    menu_label = "Ideas"
    menu_name = "ideas"
    menu_order = 290
    add_to_admin_menu = True
    filterset_class = IdeaFilterSet
    list_display = ["__str__", "status", "created_at", "area", "hear_by"]
    search_fields = ["reference"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "created_at",
        "idea",
        "service",
        "area",
        "preferred_name",
        "contact_method",
        "contact_detail",
        "worker_name",
        "worker_contact",
        "consent",
        "status",
        "passed_to",
        "reason_not_taken_forward",
        "change_record",
        "staff_notes",
    ]

    index_view_class = IdeaIndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "turn-into-change/<int:pk>/",
                TurnIntoChangeView.as_view(),
                name="turn_into_change",
            ),
        ]


class TurnIntoChangeView(WagtailAdminTemplateMixin, FormView):
    """One step: the idea's words (tidied), what we did, a status. Saved, linked, told."""

    template_name = "stories/admin/turn_into_change.html"
    form_class = TurnIntoChangeForm
    page_title = "Turn an idea into 'you said, we did'"
    header_icon = "tasks"

    def dispatch(self, request, pk):
        if not can_turn_into_change(request.user):
            raise PermissionDenied
        self.idea = get_object_or_404(Idea, pk=pk)
        if self.idea.change_record_id:
            messages.info(request, f"Idea {self.idea} is already a 'you said, we did' record.")
            return redirect("wagtailsnippets_stories_changerecord:edit", self.idea.change_record_id)
        return super().dispatch(request, pk)

    def get_initial(self):
        return {"you_said": self.idea.idea}

    def get_context_data(self, **kwargs):
        return super().get_context_data(idea=self.idea, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_stories_idea:list"), "label": "Ideas"},
            {"url": "", "label": f"Idea {self.idea}"},
        ]

    def form_valid(self, form):
        user = self.request.user
        with transaction.atomic():
            record = ChangeRecord.objects.create(
                you_said=form.cleaned_data["you_said"],
                we_did=form.cleaned_data["we_did"],
                status=form.cleaned_data["status"],
                date=timezone.localdate(),
            )
            log(record, "wagtail.create", user=user)
            self.idea.change_record = record
            self.idea.status = IdeaStatus.CHANGED
            self.idea.handled_by = user
            self.idea.save(update_fields=["change_record", "status", "handled_by", "updated_at"])
            log(self.idea, "wagtail.edit", user=user)
        told = (
            "We will tell the person what came of it, the way they chose."
            if self.idea.wants_to_hear
            else "The idea was anonymous, so there is no one to tell."
        )
        messages.success(
            self.request,
            f"Idea {self.idea} is now on the 'you said, we did' page. {told}",
        )
        return redirect("wagtailsnippets_stories_idea:list")


def can_tell_people(user):
    """Coordinators: they see both the ideas and the sign-ups people are told about."""
    return user.has_perm("stories.change_idea") and user.has_perm("opportunities.view_signup")


class PeopleToTellView(ReportView):
    """Everyone waiting to be told what came of it by phone or through their worker."""

    page_title = "People to tell"
    header_icon = "mail"
    index_url_name = "stories_people_to_tell"
    index_results_url_name = "stories_people_to_tell_results"
    model = OutcomeNotice
    columns = [
        TitleColumn(
            "person",
            label="Reference",
            url_name="stories_tell_person",
            accessor=lambda notice: str(notice.person),
        ),
        Column("contact_method", label="How", accessor="get_contact_method_display"),
        Column("change_record", label="What came of it"),
        DateColumn("created_at", label="Waiting since"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_tell_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def permission_policy(self):
        # Access is decided in dispatch(): coordinators and superusers only.
        return None

    def get_queryset(self):
        return (
            waiting_to_be_told()
            .select_related("idea", "sign_up", "change_record")
            .order_by("created_at", "pk")
        )


class TellPersonView(WagtailAdminTemplateMixin, TemplateView):
    """How to reach one person and what to tell them; then "I have told them"."""

    template_name = "stories/admin/tell_person.html"
    page_title = "Tell them what came of it"
    header_icon = "mail"

    def dispatch(self, request, pk):
        if not can_tell_people(request.user):
            raise PermissionDenied
        self.notice = get_object_or_404(
            OutcomeNotice.objects.select_related("idea", "sign_up", "change_record"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notice=self.notice,
            person=self.notice.person,
            record=self.notice.change_record,
            **kwargs,
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("stories_people_to_tell"), "label": "People to tell"},
            {"url": "", "label": str(self.notice.person)},
        ]

    def post(self, request, pk):
        marked = waiting_to_be_told().filter(pk=self.notice.pk).update(sent_at=timezone.now())
        if marked:
            log(self.notice.person, "wagtail.edit", user=request.user)
            messages.success(request, f"{self.notice.person}: marked as told.")
        return redirect("stories_people_to_tell")
