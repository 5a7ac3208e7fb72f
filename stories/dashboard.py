"""The storyteller's panel on the admin dashboard: write a story, and how each is going."""

from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState, get_default_page_content_type

from .models import StoryIndexPage, StoryPage

DRAFT = "draft"
WAITING = "waiting for review"
CHANGES_ASKED_FOR = "changes asked for"
PUBLISHED = "published"
SHOWN_STORIES = 20


@dataclass
class StoryStatus:
    story: StoryPage
    state: str
    comment: str = ""
    has_newer_draft: bool = False

    @property
    def title(self):
        return self.story.get_admin_display_title()

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.story.pk,))


def review_status(story, workflow_state):
    """Where a story is in review, in the words a storyteller would use."""
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            comment = workflow_state.current_task_state.get_comment()
            return StoryStatus(story, CHANGES_ASKED_FOR, comment=comment)
        return StoryStatus(story, WAITING)
    if story.live:
        return StoryStatus(story, PUBLISHED, has_newer_draft=story.has_unpublished_changes)
    return StoryStatus(story, DRAFT)


def stories_of(user, limit=SHOWN_STORIES):
    """The user's own stories, last edited first, each with its review status."""
    stories = list(
        StoryPage.objects.filter(owner=user).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "-pk"
        )[:limit]
    )
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(story.pk) for story in stories],
        )
        .select_related("current_task_state")
    )
    by_page = {int(state.object_id): state for state in states}
    return [review_status(story, by_page.get(story.pk)) for story in stories]


class StorytellerPanel(Component):
    name = "write_a_story"
    template_name = "stories/admin/storyteller_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        index = StoryIndexPage.objects.first()
        context["add_url"] = (
            reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk))
            if index
            else None
        )
        context["statuses"] = stories_of(user)
        return context
