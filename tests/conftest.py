import pytest
from wagtail.models import Site

from portal.demo import create_home_page, create_information_pages, create_site_settings


@pytest.fixture
def home_page(db):
    """The portal's home page as the default site's root, as the demo content sets it up."""
    return create_home_page()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def information_pages(home_page):
    pages = create_information_pages(home_page)
    create_site_settings(home_page, pages)
    return pages


# A private redis-server for each test that asks for one (tests/redis_server.py).
from tests.redis_server import redis_cache_on, redis_server  # noqa: E402, F401
