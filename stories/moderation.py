"""Who may write stories, and the review every story passes before it goes live.

The Storytellers group and the "Story review" workflow are created by migration
0002. Page permissions and the workflow's assignment need the stories index itself,
which only exists once someone creates it, so ``set_up_story_moderation`` attaches
them. It runs:

- when a ``StoryIndexPage`` is first saved (a ``post_save`` handler in ``apps.py``),
  whether in the admin, the demo content or a test;
- from ``stories.demo``, which calls it again (it is idempotent);
- from migration 0002 for a stories index that already exists.

Storytellers get "add" permission on the stories index: they can create stories and
edit their own, but not other people's stories, and they cannot publish. Moderators
(Wagtail's own group) approve or send back stories through the workflow, and have the
``check_story_consent`` permission that shows them the staff-only consent checks.

A storyteller who is not also a moderator sees only live pages and their own pages in
the admin (explorer, search, choosers): ``visible_to_storyteller`` says which.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import StoryPage
from .models.pages import CONSENT_CHECKS_PERMISSION

STORYTELLERS = "Storytellers"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Story review"
TASK_NAME = "Moderators check the story"
IMAGE_PERMISSIONS = ("add_image", "choose_image")


def storytellers_group():
    group, _ = Group.objects.get_or_create(name=STORYTELLERS)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(admin_access)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for codename in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )
    return group


def story_review_workflow():
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    app_label, codename = CONSENT_CHECKS_PERMISSION.split(".")
    consent_checks = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if consent_checks is not None:
        moderators.permissions.add(consent_checks)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def set_up_story_moderation(index_page):
    """Give Storytellers their place to write, and send their stories through review."""
    group = storytellers_group()
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=add_page)
    workflow = story_review_workflow()
    # Keep a workflow someone has chosen in the admin since.
    WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
    return group, workflow


def is_storyteller(user):
    return user.is_authenticated and user.groups.filter(name=STORYTELLERS).exists()


def is_storyteller_only(user):
    """A signed-in storyteller who is not also a moderator or a superuser."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return STORYTELLERS in names and MODERATORS not in names


def visible_to_storyteller(pages, user):
    """Narrow ``pages`` to those a storyteller may see listed: their own pages, and
    other pages only when live. Someone else's live story with changes not yet
    published is left out too, because the admin lists its draft title.

    It filters by id, so the result can still go to the search backend (which can only
    filter on indexed fields).
    """
    story_type = ContentType.objects.get_for_model(StoryPage)
    visible = Page.objects.filter(
        Q(owner=user)
        | Q(live=True, has_unpublished_changes=False)
        | (Q(live=True) & ~Q(content_type=story_type))
    )
    return pages.filter(pk__in=visible.values("pk"))
