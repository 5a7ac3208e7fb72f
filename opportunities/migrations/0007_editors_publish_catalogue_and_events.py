from django.db import migrations


def let_editors_publish(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = Group.objects.filter(name="Editors").first()
    publish = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).first()
    if editors is None or publish is None:
        return
    for model_name in ("OpportunityIndexPage", "EventIndexPage"):
        for page in apps.get_model("opportunities", model_name).objects.all():
            GroupPagePermission.objects.get_or_create(
                group=editors, page_id=page.pk, permission=publish
            )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0006_body_document_links"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(let_editors_publish, migrations.RunPython.noop)]
