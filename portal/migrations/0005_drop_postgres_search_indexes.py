"""Drop the two indexes 0002 added to Wagtail's own tables.

``wagtailsearch_indexentry`` and ``wagtailcore_page`` belong to Wagtail, whose
migrations and queries may change them in any release; the portal keeps to the indexes
Wagtail makes itself. The benchmark (docs/benchmarks/private-apis-before-after.md)
shows the site search fast enough without them. Reversing this migration puts them
back. On SQLite this migration does nothing.
"""

from django.db import migrations

INDEXES = {
    "portal_search_title_body_gin": (
        "wagtailsearch_indexentry",
        "USING gin ((title || body))",
    ),
    "portal_page_id_as_text": (
        "wagtailcore_page",
        "((id::varchar(50)))",
    ),
}


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, definition) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_site_names"),
    ]

    operations = [migrations.RunPython(drop_indexes, create_indexes, elidable=False)]
