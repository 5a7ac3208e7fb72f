import io

import pytest

from .conftest import page_problems, screenshot


@pytest.fixture
def story_demo(demo_site):
    from stories.demo import create_demo_content

    create_demo_content(io.StringIO(), {})
    return demo_site


# Each page a storyteller's words reach: (path, its heading, the screenshot's name).
STORY_PAGES = [
    ("/stories/breakfast-club/", "Why I keep going to breakfast club", "story-unnamed"),
    ("/stories/walking-on-a-tuesday/", "Walking on a Tuesday", "story-named"),
    ("/stories/", "Stories", "story-index"),
    ("/stories/?theme=nonsense", "Stories", "story-index-bad-filter"),
    ("/you-said-we-did/", "You said, we did", "you-said-we-did"),
]


def test_story_pages_on_a_phone_have_no_axe_violations(story_demo, phone_page):
    """One test visits them all (one set-up); every page's problems are reported."""
    problems = {}
    for path, heading, name in STORY_PAGES:
        phone_page.goto(story_demo.url + path)
        found = phone_page.get_by_role("heading", level=1).inner_text()
        if found != heading:
            problems.setdefault(path, []).append(f"heading {found!r}")
        problems_here = page_problems(phone_page)
        if problems_here:
            problems.setdefault(path, []).extend(problems_here)
        screenshot(phone_page, f"{name}-phone")
    assert problems == {}


def test_content_note_comes_before_the_story_and_can_be_skipped(story_demo, phone_page):
    phone_page.goto(story_demo.url + "/stories/breakfast-club/")

    note = phone_page.get_by_role("heading", name="Before you read")
    assert note.is_visible()
    assert "Shared without a name" in phone_page.locator(".story__byline").inner_text()
    phone_page.get_by_role("link", name="skip to the end").click()
    assert phone_page.url.endswith("#after-the-story")


def test_story_filters_work_without_javascript(browser, story_demo):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(story_demo.url + "/stories/")
    page.get_by_text("Filter results (0 chosen)").click()  # results first on a phone
    page.get_by_label("What the story is about").select_option("giving-back")
    page.get_by_role("button", name="Show stories").click()

    assert "theme=giving-back" in page.url
    assert "match your choices" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="Sitting on the council").is_visible()
    assert page.get_by_role("link", name="Walking on a Tuesday").count() == 0
    context.close()
