"""Publishing many pages at once, for generated demo content and the benchmark.

Each page is added through the page tree (``add_child``), as an editor's page would
be, so the tree, URL paths, locale and the creation in the page's history are
Wagtail's own. What Wagtail does after each save, one page at a time, is done once per
batch instead:

- Search: saving a page queues its indexing (run at once under the development and
  test settings, stored for a worker under the production ones). While a batch is
  built that is switched off, and the batch is indexed in one go (``add_bulk``).
- References: Wagtail's reference index (behind the admin's usage counts) is updated
  after each save; while a batch is built that is switched off
  (``disable_reference_index_auto_update``), and each page's references are recorded
  once the batch is in.
- Validation: a live page is validated in full on every save, one query per foreign
  key. The pages are added as drafts, which Wagtail checks for a title and a slug free
  under the parent, and published together in one statement.

``hold_index_updates`` switches the per-save updates off by disconnecting Wagtail's own
signal receivers, as Wagtail does during migrations. Signals belong to the whole
process, so it is meant for management commands, never for a web request.
"""

import contextlib

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

PUBLISHED_FIELDS = ["live", "has_unpublished_changes", "first_published_at", "last_published_at"]


@contextlib.contextmanager
def hold_index_updates():
    """Within the block, a saved object updates neither the search index nor the
    reference index; whoever saves them indexes them afterwards (``index_pages``)."""
    disconnected = [
        model
        for model in get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_pages(model, pks, related=()):
    """Put the pages of ``model`` with these keys in the search index, in one go, and
    record what they refer to in Wagtail's reference index.

    ``related`` names foreign keys to load together when indexing them for search.
    """
    pages = list(model.objects.filter(pk__in=pks).select_related(*related))
    get_search_backend().add_bulk(model, pages)
    with transaction.atomic():
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)


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
        with hold_index_updates():
            for page in pages:
                page.live = False
                parent.add_child(instance=page)
            for page in pages:
                page.live = True
                page.has_unpublished_changes = False
                page.first_published_at = page.first_published_at or now
                page.last_published_at = page.first_published_at
            Page.objects.bulk_update(pages, PUBLISHED_FIELDS)
        index_pages(model, [page.pk for page in pages], related)
