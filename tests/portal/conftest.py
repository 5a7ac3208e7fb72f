import pytest

from opportunities.models import Area, EngagementType, OpportunityIndexPage, OrganisingGroup
from tests.signups.conftest import make_opportunity


@pytest.fixture
def sign_up_url(home_page, information_pages):
    """The sign-up form of one live opportunity, with the site settings it needs."""
    index = home_page.add_child(
        instance=OpportunityIndexPage(title="Opportunities", slug="opportunities")
    )
    catalogue = {
        "index": index,
        "type": EngagementType.objects.order_by("sort_order").first(),
        "area": Area.objects.create(name="North", slug="north"),
        "group": OrganisingGroup.objects.create(name="Probation Voices", slug="probation-voices"),
    }
    return make_opportunity(catalogue, "Walking group", slug="walking-group").url + "sign-up/"
