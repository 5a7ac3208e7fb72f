"""Publishing many pages at once, for generated demo content and the benchmark.

Each page is added through the page tree (``add_child``), as an editor's page would
be, so the tree, URL paths, locale and validation are Wagtail's own; the batch is
written in one transaction and indexed for search in one go.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend


def add_live_children_in_bulk(parent, pages, related=()):
    """Add unsaved ``pages`` (all of one model) as the last, published children of ``parent``.

    ``related`` names foreign keys to load together when indexing them for search.
    """
    if not pages:
        return
    model = type(pages[0])
    now = timezone.now()
    # The tree columns are worked out from the parent's number of children.
    parent.refresh_from_db(fields=["numchild"])
    with transaction.atomic():
        for page in pages:
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.first_published_at
            parent.add_child(instance=page)
        # Saving a page only queues its indexing where tasks run in the background
        # (production settings); the search must find these pages straight away.
        get_search_backend().add_bulk(
            model,
            list(model.objects.filter(pk__in=[page.pk for page in pages]).select_related(*related)),
        )
