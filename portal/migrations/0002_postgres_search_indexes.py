"""Two PostgreSQL indexes that Wagtail's database search backend can use but does not make.

- The backend matches ``title || body`` against the query. Wagtail indexes ``title`` and
  ``body`` separately, so without an index on the combined expression every entry is
  read and combined for every search.
- It joins an entry to its page on ``page.id::varchar = entry.object_id``. An index on
  that expression lets PostgreSQL fetch just the ten pages shown instead of joining
  every match.

On SQLite (which uses its own full-text table) this migration does nothing.
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


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, definition) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
