"""Publishing many pages at once, for generated demo content and the benchmark.

Creating pages one by one through the page tree costs dozens of queries each; this
adds a batch of new, live pages of one model under one parent in a handful of queries
and indexes them for search. It relies on Django's internal ``_insert`` for the child
table (Django cannot bulk-create rows of a multi-table-inherited model), so it is kept
to this one place.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend


def add_live_children_in_bulk(parent, pages, related=()):
    """Add unsaved ``pages`` (all of one model) as the last, published children of ``parent``.

    ``related`` names foreign keys to load together when indexing them for search.
    """
    if not pages:
        return
    model = type(pages[0])
    parent.refresh_from_db(fields=["numchild"])
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.first_published_at
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [
            Page(**{field.attname: getattr(page, field.attname) for field in page_fields})
            for page in pages
        ]
    )
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)  # noqa: SLF001
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    get_search_backend().add_bulk(
        model,
        list(model.objects.filter(pk__in=[page.pk for page in pages]).select_related(*related)),
    )
