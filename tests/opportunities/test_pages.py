"""Page-tree rules and creating an opportunity through the admin."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from opportunities.models import EngagementType, OpportunityIndexPage, OpportunityPage
from portal.demo import create_home_page, create_information_pages, create_site_settings
from portal.models import ContentPage, HomePage
from tests.factories.opportunities import (
    AreaFactory,
    OpportunityIndexPageFactory,
    OrganisingGroupFactory,
)


class CatalogueTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = create_home_page()
        create_site_settings(self.home, create_information_pages(self.home))
        self.catalogue = OpportunityIndexPageFactory(parent=self.home)

    def test_the_catalogue_sits_under_home_and_holds_opportunities(self):
        self.assertAllowedParentPageTypes(OpportunityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OpportunityIndexPage, {OpportunityPage})
        self.assertAllowedParentPageTypes(OpportunityPage, {OpportunityIndexPage})
        self.assertAllowedSubpageTypes(OpportunityPage, set())
        self.assertCanNotCreateAt(ContentPage, OpportunityPage)

    def test_there_is_only_one_catalogue(self):
        self.assertFalse(OpportunityIndexPage.can_create_at(self.home))

    def test_catalogue_and_chooser_render(self):
        self.assertPageIsRenderable(self.catalogue)
        self.assertPageIsRoutable(self.catalogue, "find/")
        self.assertPageIsRenderable(self.catalogue, "find/")

    def test_an_editor_can_create_an_opportunity_through_the_admin(self):
        area = AreaFactory(name="North Ayrshire", slug="north-ayrshire")
        group = OrganisingGroupFactory(name="Making A Difference", slug="mad")
        peer_led = EngagementType.objects.get(slug="peer-led")
        self.login()
        self.assertCanCreate(
            self.catalogue,
            OpportunityPage,
            nested_form_data(
                {
                    "title": "Saturday walking group",
                    "slug": "saturday-walking-group",
                    "summary": "An easy walk with others.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>We meet at the harbour at ten.</p>"))]
                    ),
                    "what_happens_next": "",
                    "level": "group",
                    "engagement_type": peer_led.pk,
                    "area": area.pk,
                    "organising_group": group.pk,
                    "who_can_take_part": "Anyone.",
                    "location": "Irvine harbour",
                    "payment": "none",
                    "payment_amount": "",
                    "format_in_person": "on",
                    "support_food": "on",
                    "motivation_belonging": "on",
                    "commitment": "drop-in",
                    "time_estimate": "2 hours",
                    "first_step": "on",
                    "status": "open",
                    "closing_date": "",
                    "contact_email": "",
                }
            ),
        )
        page = OpportunityPage.objects.get(slug="saturday-walking-group")
        self.assertEqual(page.get_parent().specific, self.catalogue)
        self.assertTrue(page.format_in_person and page.support_food and page.first_step)
        self.assertFalse(page.format_online)
        self.assertEqual(page.engagement_type, peer_led)


@pytest.mark.django_db
def test_opportunity_pages_cannot_go_anywhere_else(home_page):
    assert not OpportunityPage.can_create_at(home_page)
    assert not OpportunityPage.can_create_at(Page.get_first_root_node())
