"""Sections of a group's page (opportunities.GroupPage) that come from the stories.

Registered in wagtail_hooks.py under the catalogue's ``group_page_context`` hook.
"""

from .models import ChangeRecord, StoryPage

GROUP_STORIES_SHOWN = 4
GROUP_CHANGES_SHOWN = 3


def group_stories(group_page):
    """Published stories about any of the group's opportunities."""
    if group_page.group_id is None:
        return []
    story_ids = (
        StoryPage.objects.live()
        .public()
        .filter(related_opportunities__organising_group_id=group_page.group_id)
        .values("pk")
    )
    return list(
        StoryPage.objects.filter(pk__in=story_ids).order_by("-first_published_at", "-pk")[
            :GROUP_STORIES_SHOWN
        ]
    )


def group_change_records(group_page):
    """'You said, we did' records raised at any of the group's opportunities."""
    if group_page.group_id is None:
        return []
    record_ids = ChangeRecord.objects.filter(
        opportunities__organising_group_id=group_page.group_id
    ).values("pk")
    return list(ChangeRecord.objects.filter(pk__in=record_ids)[:GROUP_CHANGES_SHOWN])


def group_page_context(group_page, request):
    return {
        "group_stories": group_stories(group_page),
        "change_records": group_change_records(group_page),
    }
