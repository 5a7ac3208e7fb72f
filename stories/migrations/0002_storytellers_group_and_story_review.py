"""The Storytellers group and the "Story review" workflow.

Page permissions and the workflow's assignment need the stories index; if one
already exists they are attached here, otherwise ``stories.moderation`` attaches
them when the index is created (see that module).
"""

from django.db import migrations

STORYTELLERS = "Storytellers"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Story review"
TASK_NAME = "Moderators check the story"


def create_group_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    StoryIndexPage = apps.get_model("stories.StoryIndexPage")

    storytellers, _ = Group.objects.get_or_create(name=STORYTELLERS)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    storytellers.permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in ("add_image", "choose_image"):
            permission = Permission.objects.filter(
                content_type__app_label="wagtailimages", codename=codename
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=storytellers, collection=root_collection, permission=permission
                )

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # Moderators and Editors keep the "You said, we did" records. The permissions are
    # made here because Django only creates them after the last migration has run.
    record_type, _ = ContentType.objects.get_or_create(app_label="stories", model="changerecord")
    for action in ("add", "change", "delete"):
        permission, _ = Permission.objects.get_or_create(
            content_type=record_type,
            codename=f"{action}_changerecord",
            defaults={"name": f"Can {action} change record"},
        )
        for group in Group.objects.filter(name__in=[MODERATORS, "Editors"]):
            group.permissions.add(permission)

    add_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    for index_page in StoryIndexPage.objects.all():
        if add_page is not None:
            GroupPagePermission.objects.get_or_create(
                group=storytellers, page_id=index_page.pk, permission=add_page
            )
        WorkflowPage.objects.get_or_create(
            page_id=index_page.pk, defaults={"workflow": workflow}
        )


def remove_group_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Group.objects.filter(name=STORYTELLERS).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_stories_and_change_records"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_group_and_workflow, remove_group_and_workflow)]
