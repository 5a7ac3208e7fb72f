from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from opportunities.models.groups import GROUP_PAGE_CONTEXT_HOOK

from .dashboard import StorytellerPanel
from .groups import group_page_context
from .idea_admin import IdeaViewSet, PeopleToTellView, TellPersonView, can_tell_people
from .insights import idea_sections
from .models import ChangeRecord
from .moderation import is_storyteller, is_storyteller_only, visible_to_storyteller
from .views import ConsentReviewReportView, can_see_story_report


class ChangeRecordViewSet(SnippetViewSet):
    model = ChangeRecord
    icon = "tasks"
    menu_label = "You said, we did"
    menu_name = "you-said-we-did"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "status", "date"]
    list_filter = ["status"]
    search_fields = ["you_said", "we_did"]
    # Searched with the database's own "contains", so part of a word finds it and a
    # search stays sortable by any column (the search index cannot sort by pk).
    search_backend_name = None
    ordering = ["-date", "-pk"]


register_snippet(ChangeRecordViewSet)


class PeopleToTellMenuItem(MenuItem):
    def is_shown(self, request):
        return can_tell_people(request.user)


@hooks.register("register_reports_menu_item")
def register_people_to_tell_menu_item():
    return PeopleToTellMenuItem(
        "People to tell",
        reverse("stories_people_to_tell"),
        name="people-to-tell",
        icon_name="mail",
        order=760,
    )


class StoryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_story_report(request.user)


@hooks.register("register_admin_urls")
def register_story_report_urls():
    return [
        path(
            "reports/stories-to-check/",
            ConsentReviewReportView.as_view(),
            name="stories_consent_review_report",
        ),
        path(
            "reports/stories-to-check/results/",
            ConsentReviewReportView.as_view(results_only=True),
            name="stories_consent_review_report_results",
        ),
        path("reports/people-to-tell/", PeopleToTellView.as_view(), name="stories_people_to_tell"),
        path(
            "reports/people-to-tell/results/",
            PeopleToTellView.as_view(results_only=True),
            name="stories_people_to_tell_results",
        ),
        path(
            "reports/people-to-tell/<int:pk>/",
            TellPersonView.as_view(),
            name="stories_tell_person",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_story_report_menu_item():
    return StoryReportMenuItem(
        "Stories to check",
        reverse("stories_consent_review_report"),
        name="stories-to-check",
        icon_name="user",
        order=750,
    )


@hooks.register("construct_homepage_panels")
def add_storyteller_panel(request, panels):
    if not is_storyteller(request.user):
        return
    panels.append(StorytellerPanel())
    if is_storyteller_only(request.user):
        # The storyteller panel says the same about their stories, in plainer words.
        panels[:] = [
            panel
            for panel in panels
            if getattr(panel, "name", "") != "user_objects_in_workflow_moderation"
        ]


@hooks.register("construct_explorer_page_queryset")
def hide_other_peoples_drafts_in_explorer(parent_page, pages, request):
    if is_storyteller_only(request.user):
        pages = visible_to_storyteller(pages, request.user)
    return pages


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts_in_chooser(pages, request):
    if is_storyteller_only(request.user):
        pages = visible_to_storyteller(pages, request.user)
    return pages


register_snippet(IdeaViewSet)


# The insights page calls each of these with its context; see opportunities/insights.
hooks.register("register_insights_sections", idea_sections)

# A group's page shows its stories and what came of its work.
hooks.register(GROUP_PAGE_CONTEXT_HOOK, group_page_context)
