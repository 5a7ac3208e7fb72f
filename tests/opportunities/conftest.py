import pytest

from opportunities.models import EngagementType
from tests.factories.opportunities import (
    AreaFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
    OrganisingGroupFactory,
)


@pytest.fixture
def catalogue(information_pages, home_page):
    """The /opportunities/ page under the home page, with site settings in place."""
    return OpportunityIndexPageFactory(parent=home_page)


@pytest.fixture
def areas(db):
    return {
        slug: AreaFactory(name=name, slug=slug, sort_order=order)
        for order, (slug, name) in enumerate(
            [
                ("north-ayrshire", "North Ayrshire"),
                ("east-ayrshire", "East Ayrshire"),
                ("south-ayrshire", "South Ayrshire"),
            ]
        )
    }


@pytest.fixture
def groups(db):
    return {
        "mad": OrganisingGroupFactory(name="Making A Difference", slug="mad"),
        "cvn": OrganisingGroupFactory(name="Community Voices Network", slug="cvn"),
    }


@pytest.fixture
def types(db):
    return {
        engagement_type.slug: engagement_type for engagement_type in EngagementType.objects.all()
    }


@pytest.fixture
def make_opportunity(catalogue, areas, groups, types):
    """Add an opportunity to the catalogue; facts default to a plain individual survey."""

    def make(title, **facts):
        facts.setdefault("area", areas["north-ayrshire"])
        facts.setdefault("organising_group", groups["mad"])
        if isinstance(facts.get("engagement_type"), str):
            facts["engagement_type"] = types[facts["engagement_type"]]
        facts.setdefault("engagement_type", types["consultation-feedback"])
        if isinstance(facts["area"], str):
            facts["area"] = areas[facts["area"]]
        return OpportunityPageFactory(parent=catalogue, title=title, **facts)

    return make
