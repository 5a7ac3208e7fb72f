"""The catalogue in a real browser: phone layout, keyboard-only filtering, accessibility."""

from io import StringIO

import pytest

from opportunities.demo import create_demo_content

from .conftest import page_problems, screenshot


@pytest.fixture
def catalogue(demo_site):
    create_demo_content(StringIO(), {"opportunities": 0})
    return demo_site


def test_catalogue_pages_on_a_phone_are_accessible(catalogue, phone_page):
    """The listing, an opportunity, the chooser and site search, visited in one test (one
    set-up); every page's problems are reported together."""
    problems = {}

    def visit(path, shot, **expected):
        phone_page.goto(catalogue.url + path)
        found = page_problems(phone_page)
        heading = phone_page.get_by_role("heading", level=1).first.inner_text()
        if "heading" in expected and heading != expected["heading"]:
            found.append(f"heading {heading!r}")
        if "status" in expected:
            status = phone_page.get_by_role("status").first.inner_text()
            if expected["status"] not in status:
                found.append(f"status {status!r}")
        screenshot(phone_page, shot)
        if found:
            problems[path] = found

    visit(
        "/opportunities/",
        "catalogue-listing-phone",
        heading="Opportunities",
        status="opportunities found",
    )
    cards = phone_page.locator(".opportunity-card").count()
    visit(
        "/opportunities/saturday-walking-group/",
        "catalogue-detail-phone",
        heading="Saturday walking group",
    )
    after_sign_up = phone_page.get_by_role("heading", name="What happens after you sign up")
    detail_explains_what_happens = after_sign_up.is_visible()
    visit("/opportunities/find/", "catalogue-chooser-phone", heading="Find what suits you")
    visit("/search/?q=walking", "site-search-phone", status="for “walking”")

    assert problems == {}
    assert cards == 12
    assert detail_explains_what_happens
