from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.demo import create_home_page, create_information_pages, create_site_settings
from portal.models import ContentPage, HomePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_content_pages_go_under_home_or_other_content_pages(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_there_is_only_one_home_page(self):
        home = create_home_page()
        root = home.get_parent()
        self.assertFalse(HomePage.can_create_at(root))

    def test_an_editor_can_create_a_content_page_through_the_admin(self):
        home = create_home_page()
        self.login()
        self.assertCanCreate(
            home,
            ContentPage,
            nested_form_data(
                {
                    "title": "Getting here",
                    "slug": "getting-here",
                    "summary": "Buses, trains and parking.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>The number 4 bus stops outside.</p>"))]
                    ),
                }
            ),
        )
        page = ContentPage.objects.get(slug="getting-here")
        self.assertEqual(page.get_parent().specific, home)


class PageRenderingTests(WagtailPageTestCase):
    def setUp(self):
        self.home = create_home_page()
        self.pages = create_information_pages(self.home)
        create_site_settings(self.home, self.pages)

    def test_home_and_content_pages_render(self):
        self.assertPageIsRenderable(self.home)
        for page in self.pages.values():
            self.assertPageIsRenderable(page)

    def test_home_page_explains_each_level_and_links_to_the_filtered_catalogue(self):
        response = self.client.get("/")
        self.assertContains(response, "Three ways to get involved")
        for level in ("individual", "group", "collective"):
            self.assertContains(response, f'href="/opportunities/?level={level}"')

    def test_layout_has_skip_link_main_landmark_and_footer_links(self):
        response = self.client.get("/how-involvement-works/")
        self.assertContains(response, '<a class="skip-link" href="#main-content">')
        self.assertContains(response, '<main id="main-content"')
        self.assertContains(response, '<html lang="en-GB">')
        self.assertContains(response, 'href="/privacy-notice/">Privacy notice</a>')
        self.assertContains(
            response, 'href="/accessibility-statement/">Accessibility statement</a>'
        )

    def test_menu_lists_pages_marked_show_in_menus_and_marks_the_current_one(self):
        response = self.client.get("/how-involvement-works/")
        self.assertContains(
            response,
            '<a class="main-menu__link" href="/how-involvement-works/" aria-current="page">',
        )
        self.assertNotContains(response, 'class="main-menu__link" href="/privacy-notice/"')

    def test_breadcrumbs_lead_back_home(self):
        response = self.client.get("/privacy-notice/")
        self.assertContains(response, '<nav class="breadcrumbs" aria-label="Breadcrumb">')
        self.assertContains(response, '<a href="/">Home</a>')

    def test_unknown_address_gives_a_friendly_404(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)

    def test_the_page_title_names_the_organisation(self):
        response = self.client.get("/privacy-notice/")
        self.assertContains(
            response, "<title>Privacy notice – Community Justice Partnership</title>"
        )
