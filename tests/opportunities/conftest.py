import pytest

from tests.factories.opportunities import (
    OpportunityIndexPageFactory,
    engagement_types,
    make_areas,
    make_groups,
    opportunity_maker,
)


@pytest.fixture
def catalogue(information_pages, home_page):
    """The /opportunities/ page under the home page, with site settings in place."""
    return OpportunityIndexPageFactory(parent=home_page)


@pytest.fixture
def areas(db):
    return make_areas()


@pytest.fixture
def groups(db):
    return make_groups()


@pytest.fixture
def types(db):
    return engagement_types()


@pytest.fixture
def make_opportunity(catalogue, areas, groups, types):
    """Add an opportunity to the catalogue; facts default to a plain individual survey."""
    return opportunity_maker(catalogue, areas, groups, types)
