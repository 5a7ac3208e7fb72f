"""Full-text search helpers shared by the site search and the catalogue."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def planned_for_full_text():
    """Run a search's queries so PostgreSQL plans them around the full-text index.

    Wagtail matches ``title || body`` against the words. PostgreSQL takes joining two
    word lists for every entry to be nearly free, so for a word found on most pages it
    walks the index of content types and joins the lists for every entry (about 40 ms
    at 6,500 pages) rather than reading the matches from the full-text index (about 10
    ms). With plain index scans off for these queries only, it reads the full-text and
    key indexes as bitmaps. ``SET LOCAL`` ends with the transaction; other databases
    are left as they are.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
        yield
