from django.conf import settings
from django.db import migrations


def name_unnamed_sites(apps, schema_editor):
    """The admin names a site by its host ("localhost") when it has no name of its own."""
    apps.get_model("wagtailcore", "Site").objects.filter(site_name="").update(
        site_name=settings.WAGTAIL_SITE_NAME
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_body_document_links"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_unnamed_sites, migrations.RunPython.noop)]
