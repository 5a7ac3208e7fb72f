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
  under the parent, each given its first revision, and published together in one
  statement.
- Transactions: each batch is a transaction of its own. Adding a child updates the
  parent's row (its count of children); within one transaction PostgreSQL keeps every
  earlier version of that row and steps over them on each read, so a single transaction
  for thousands of children slows down as it grows (5,000 opportunities took 207 s in
  one, 1,000 took 28 s). Call it outside any transaction to keep batches separate.
- Planner statistics: a new database has none for the page table until autovacuum has
  run (never, where it is off), and PostgreSQL then reads a parent's last child by
  sorting all its children: each page added costs more than the one before.
  ``add_live_children_in_batches`` refreshes them (``ANALYZE``) after the first batch.

``index_at_the_end`` holds those updates for a whole block (the demo content, say) and
brings both indexes up to date for everything saved in it, once, when the block ends.
It switches the per-save updates off by disconnecting Wagtail's own signal receivers,
as Wagtail does during migrations. Signals belong to the whole process, so it is meant
for management commands, never for a web request.
"""

import contextlib
from collections import defaultdict

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

PUBLISHED_FIELDS = [
    "live",
    "live_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
]
# Objects indexed in one go; enough to make a round trip worth it, few enough to hold.
INDEX_CHUNK = 500
# Pages published in one transaction by ``add_live_children_in_batches``.
BATCH_SIZE = 250
HELD = "portal.bulk_pages.index_at_the_end"


class HeldSaves:
    """What was saved while index updates were held: {model: {primary key, ...}}.

    One per process, while the outermost ``index_at_the_end`` block is open.
    """

    current = None

    def __init__(self):
        self.keys = defaultdict(set)

    def note(self, sender, instance, raw=False, **kwargs):
        if not raw:
            self.keys[sender].add(instance.pk)


@contextlib.contextmanager
def index_at_the_end():
    """Within the block, a saved object updates neither the search index nor Wagtail's
    reference index; when the block ends without an error, both are brought up to date
    for everything saved in it. A block inside another waits for the outer one."""
    if HeldSaves.current is not None:
        yield
        return
    held = HeldSaves.current = HeldSaves()
    post_save.connect(held.note, weak=False, dispatch_uid=HELD)
    disconnected = [
        model
        for model in get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=HELD)
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
        HeldSaves.current = None
    index_saved(held.keys)


def index_saved(keys):
    """Index the objects with these keys ({model: keys}) for search and references."""
    searched = set(get_indexed_models())
    backend = get_search_backend()
    for model, pks in keys.items():
        in_search, in_references = model in searched, ReferenceIndex.is_indexed(model)
        if not (in_search or in_references):
            continue
        pks = sorted(pks)
        for start in range(0, len(pks), INDEX_CHUNK):
            chunk = pks[start : start + INDEX_CHUNK]
            if in_search:
                backend.add_bulk(model, list(model.get_indexed_objects().filter(pk__in=chunk)))
            if in_references:
                with transaction.atomic():
                    for instance in model.objects.filter(pk__in=chunk):
                        ReferenceIndex.create_or_update_for_object(instance)


def add_live_children_in_bulk(parent, pages):
    """Add unsaved ``pages`` (all of one model) as the last, published children of
    ``parent``, each with its first revision as its live one."""
    if not pages:
        return
    now = timezone.now()
    # The tree columns are worked out from the parent's number of children.
    parent.refresh_from_db(fields=["numchild"])
    with transaction.atomic(), index_at_the_end():
        for page in pages:
            page.live = False
            parent.add_child(instance=page)
        for page in pages:
            page.live = True
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.first_published_at
            page.has_unpublished_changes = False
            page.live_revision = page.save_revision(clean=False, changed=False)
        Page.objects.bulk_update(pages, PUBLISHED_FIELDS)


def add_live_children_in_batches(parent, pages, batch_size=BATCH_SIZE):
    """``add_live_children_in_bulk`` a batch at a time, each batch a transaction of its
    own when called outside one; the planner's statistics for the page table are
    refreshed after the first batch."""
    for start in range(0, len(pages), batch_size):
        add_live_children_in_bulk(parent, pages[start : start + batch_size])
        if start == 0:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Page._meta.db_table)}")
