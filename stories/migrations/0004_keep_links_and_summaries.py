"""Moves data to the new shape, keeping every link and every summary.

- Links from stories and change records to opportunities move from the plain
  many-to-many tables into the orderable link models the choosers edit.
- Saved revisions of stories (drafts, and the history) store links the same way, so a
  draft opened after this still shows its links.
- A story's teaser becomes its summary where the summary is empty: editors now see one
  field, "Short summary".
- Moderators get the permission to see the staff-only consent checks.
"""

from django.db import migrations

MODERATORS = "Moderators"


def move_links(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    ChangeRecord = apps.get_model("stories", "ChangeRecord")
    StoryOpportunity = apps.get_model("stories", "StoryOpportunity")
    ChangeRecordOpportunity = apps.get_model("stories", "ChangeRecordOpportunity")

    old_story_links = StoryPage._meta.get_field("related_opportunities").remote_field.through
    StoryOpportunity.objects.bulk_create(
        StoryOpportunity(
            storypage_id=link.storypage_id,
            opportunitypage_id=link.opportunitypage_id,
            sort_order=number,
        )
        for number, link in enumerate(old_story_links.objects.order_by("storypage_id", "pk"))
    )
    old_record_links = ChangeRecord._meta.get_field("opportunities").remote_field.through
    ChangeRecordOpportunity.objects.bulk_create(
        ChangeRecordOpportunity(
            changerecord_id=link.changerecord_id,
            opportunitypage_id=link.opportunitypage_id,
            sort_order=number,
        )
        for number, link in enumerate(old_record_links.objects.order_by("changerecord_id", "pk"))
    )


def move_links_back(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    ChangeRecord = apps.get_model("stories", "ChangeRecord")
    StoryOpportunity = apps.get_model("stories", "StoryOpportunity")
    ChangeRecordOpportunity = apps.get_model("stories", "ChangeRecordOpportunity")

    old_story_links = StoryPage._meta.get_field("related_opportunities").remote_field.through
    old_story_links.objects.bulk_create(
        old_story_links(storypage_id=link.storypage_id, opportunitypage_id=link.opportunitypage_id)
        for link in StoryOpportunity.objects.order_by("storypage_id", "sort_order")
    )
    old_record_links = ChangeRecord._meta.get_field("opportunities").remote_field.through
    old_record_links.objects.bulk_create(
        old_record_links(
            changerecord_id=link.changerecord_id, opportunitypage_id=link.opportunitypage_id
        )
        for link in ChangeRecordOpportunity.objects.order_by("changerecord_id", "sort_order")
    )


def story_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=story_type)


def update_revisions(apps, change):
    for revision in story_revisions(apps).iterator():
        content = dict(revision.content)
        if change(content):
            revision.content = content
            revision.save(update_fields=["content"])


def links_forward(content):
    if "related_opportunities" not in content:
        return False
    page_id = content.get("pk")
    content["opportunity_links"] = [
        {"pk": None, "storypage": page_id, "opportunitypage": opportunity_id, "sort_order": n}
        for n, opportunity_id in enumerate(content.pop("related_opportunities") or [])
    ]
    return True


def links_backward(content):
    if "opportunity_links" not in content:
        return False
    content["related_opportunities"] = [
        link["opportunitypage"] for link in content.pop("opportunity_links") or []
    ]
    return True


def summary_forward(content):
    if content.get("summary") or not content.get("teaser"):
        return False
    content["summary"] = content["teaser"]
    return True


def forwards(apps, schema_editor):
    move_links(apps, schema_editor)
    StoryPage = apps.get_model("stories", "StoryPage")
    for story in StoryPage.objects.filter(summary="").exclude(teaser=""):
        StoryPage.objects.filter(pk=story.pk).update(summary=story.teaser)
    update_revisions(apps, lambda content: links_forward(content) | summary_forward(content))
    grant_consent_checks(apps)


def backwards(apps, schema_editor):
    move_links_back(apps, schema_editor)
    update_revisions(apps, links_backward)


def grant_consent_checks(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Django only creates a model's permissions after the last migration has run.
    story_type, _ = ContentType.objects.get_or_create(app_label="stories", model="storypage")
    permission, _ = Permission.objects.get_or_create(
        content_type=story_type,
        codename="check_story_consent",
        defaults={"name": "Can see and fill in the moderator checks"},
    )
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_opportunity_links_and_consent_tick"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
