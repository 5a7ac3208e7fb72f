"""On a phone the results come first: the count and the first cards, then the filters
behind one "Filter results (N chosen)" control that opens without script. Every page
this work changed is checked with axe."""

from io import StringIO

import pytest

from opportunities.demo import create_demo_content
from opportunities.event_demo import create_demo_content as create_demo_events

from .conftest import (
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    axe_violations,
    page_problems,
    screenshot,
)


@pytest.fixture
def catalogue(demo_site):
    create_demo_content(StringIO(), {"opportunities": 0})
    create_demo_events(StringIO(), {})
    return demo_site


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_first_result_is_on_the_first_screen_of_a_phone_from_the_list_or_the_chooser(
    catalogue, phone_page
):
    phone_page.goto(catalogue.url + "/opportunities/?level=group")
    card = phone_page.locator(".opportunity-card").first
    box = card.bounding_box()
    # The card's title and tags show without scrolling, below the count.
    assert box["y"] + 120 <= PHONE["height"]
    assert phone_page.locator(".result-count").bounding_box()["y"] < box["y"]
    # The filters wait, closed, behind one control that says how many are chosen.
    summary = phone_page.get_by_text("Filter results (1 chosen)")
    assert summary.is_visible()
    assert not phone_page.get_by_role("button", name="Show results").is_visible()
    assert_no_horizontal_scroll(phone_page)
    screenshot(phone_page, "results-first-phone")

    # The chooser's answers land on the same list, scrolled to the results.
    phone_page.goto(catalogue.url + "/opportunities/find/")
    phone_page.get_by_label("Weekend").check()
    phone_page.get_by_role("button", name="Show me what suits me").click()
    assert phone_page.url.endswith("#results")
    count = phone_page.locator(".result-count")
    assert "found with your choices" in count.inner_text()
    box = count.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]  # scrolled to the results, not the page top
    assert phone_page.locator(".opportunity-card").first.bounding_box()["y"] < PHONE["height"]


def test_the_filters_open_and_work_without_script(catalogue, phone_without_script):
    page = phone_without_script
    page.goto(catalogue.url + "/opportunities/?level=group")
    page.get_by_text("Filter results (1 chosen)").click()
    page.get_by_label("Weekday evening").check()
    page.get_by_role("button", name="Show results").click()
    assert "when=evening" in page.url and "level=group" in page.url
    assert page.get_by_text("Filter results (2 chosen)").is_visible()
    titles = page.locator(".opportunity-card .card__title").all_inner_texts()
    assert "Football on a Wednesday" in titles
    assert "Saturday walking group" not in titles


def test_open_the_filters_and_choose_a_level_with_the_keyboard_only(catalogue, phone_page):
    phone_page.goto(catalogue.url + "/opportunities/")
    for _ in range(60):
        phone_page.keyboard.press("Tab")
        if phone_page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert phone_page.evaluate("document.activeElement.textContent.trim()") == (
        "Filter results (0 chosen)"
    )
    phone_page.keyboard.press("Enter")  # opens the filters
    for _ in range(10):
        phone_page.keyboard.press("Tab")
        if phone_page.evaluate("document.activeElement.name") == "level":
            break
    assert phone_page.evaluate("[document.activeElement.name, document.activeElement.value]") == [
        "level",
        "",
    ]
    phone_page.keyboard.press("ArrowDown")  # "Just you"
    phone_page.keyboard.press("ArrowDown")  # "With others"
    assert phone_page.evaluate("document.activeElement.value") == "group"
    for _ in range(80):
        phone_page.keyboard.press("Tab")
        if phone_page.evaluate("document.activeElement.textContent.trim()") == "Show results":
            break
    with phone_page.expect_navigation():
        phone_page.keyboard.press("Enter")
    assert "level=group" in phone_page.url
    tags = phone_page.locator(".opportunity-card .tag--group, .opportunity-card .tag--individual")
    assert set(tags.all_inner_texts()) == {"With others"}
    assert "with your choices" in phone_page.get_by_role("status").first.inner_text()
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "catalogue-filtered-by-keyboard-phone")


def test_filters_sit_open_beside_the_results_on_a_wide_screen(catalogue, desktop_page):
    desktop_page.goto(catalogue.url + "/opportunities/")
    button = desktop_page.get_by_role("button", name="Show results")
    assert button.is_visible()
    filters = desktop_page.locator(".filters-toggle").bounding_box()
    results = desktop_page.locator(".results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert DESKTOP["width"] >= results["x"] + results["width"]


# Every page the results-first work changed.
CHANGED_PAGES = [
    "/",
    "/opportunities/?level=group",
    "/opportunities/find/",
    "/opportunities/help-choose-new-staff/",
    "/events/?when=evening",
    "/events/interview-panel-training/",
    "/groups/",
    "/groups/ping/",
    "/money-and-benefits/",
]


def test_changed_pages_have_no_axe_violations(catalogue, phone_page):
    """One test visits them all (one set-up); every page's problems are reported."""
    problems = {}
    for path in CHANGED_PAGES:
        response = phone_page.goto(catalogue.url + path)
        found = [] if response.status == 200 else [f"answered {response.status}"]
        found += page_problems(phone_page)
        if found:
            problems[path] = found
    assert problems == {}
