"""The catalogue in a real browser: phone layout, keyboard-only filtering, accessibility."""

from io import StringIO

import pytest

from opportunities.demo import create_demo_content

from .conftest import assert_no_horizontal_scroll, axe_violations, screenshot


@pytest.fixture
def catalogue(demo_site):
    create_demo_content(StringIO(), {"opportunities": 0})
    return demo_site


def test_listing_on_a_phone_is_accessible(catalogue, phone_page):
    phone_page.goto(catalogue.url + "/opportunities/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Opportunities"
    assert "opportunities found" in phone_page.get_by_role("status").first.inner_text()
    assert phone_page.locator(".opportunity-card").count() == 12
    assert_no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "catalogue-listing-phone")


def test_detail_page_on_a_phone_is_accessible(catalogue, phone_page):
    phone_page.goto(catalogue.url + "/opportunities/saturday-walking-group/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Saturday walking group"
    assert phone_page.get_by_role("heading", name="What happens after you sign up").is_visible()
    assert_no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "catalogue-detail-phone")


def test_chooser_on_a_phone_is_accessible(catalogue, phone_page):
    phone_page.goto(catalogue.url + "/opportunities/find/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Find what suits you"
    assert_no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "catalogue-chooser-phone")


def test_search_page_on_a_phone_is_accessible(catalogue, phone_page):
    phone_page.goto(catalogue.url + "/search/?q=walking")
    assert "for “walking”" in phone_page.get_by_role("status").inner_text()
    assert_no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "site-search-phone")
