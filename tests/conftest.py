from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from portal.bulk_pages import index_at_the_end
from portal.demo import create_home_page, create_information_pages, create_site_settings

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Slow tests that use no test database go first.

    They are the benchmark's smoke test and the load and fault tests, which start
    servers and databases of their own. pytest-django puts tests without a database
    last, so a run used to end with one test process on a minute-long test while the
    other had nothing left to do. Every other test keeps pytest-django's order (those
    that empty the tables after those that roll back).
    """

    def slow_without_database(item):
        return (
            item.get_closest_marker("slow") is not None
            and item.get_closest_marker("django_db") is None
            and not DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        )

    items.sort(key=lambda item: not slow_without_database(item))  # stable: order kept


@pytest.fixture
def home_page(db):
    """The portal's home page as the default site's root, as the demo content sets it up."""
    # Indexed for search and references once, as load_demo_content does: nearly every
    # test starts here, and indexing each save on its own made this a third slower.
    with index_at_the_end():
        return create_home_page()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def information_pages(home_page):
    with index_at_the_end():
        pages = create_information_pages(home_page)
        create_site_settings(home_page, pages)
    return pages


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction open for the whole test module, rolled back after its last test.

    Data that a module-scoped fixture makes inside it is built once for the module; each
    test still runs in a savepoint of its own (pytest-django's ``db``), so what one test
    changes is undone before the next. Tests of the module that use the database without
    it must come before the first test that asks for it. Not for ``transactional_db``.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_once(module_db):
    """``load_demo_content``, run once for the module (see ``module_db``)."""
    call_command("load_demo_content", stdout=StringIO())


@pytest.fixture
def demo(demo_once, db):
    """The demo content: built once per test module, each test's changes rolled back."""


# A private redis-server for each test that asks for one (tests/redis_server.py).
from tests.redis_server import redis_cache_on, redis_server  # noqa: E402, F401
