from .conftest import assert_no_horizontal_scroll, axe_violations, screenshot


def test_home_page_is_accessible_at_phone_and_desktop_width(demo_site, phone_page, desktop_page):
    for width, page in (("phone", phone_page), ("desktop", desktop_page)):
        page.goto(demo_site.url + "/")

        assert page.locator("h1").first.is_visible(), width
        assert page.get_by_role("link", name="Individual").is_visible(), width
        assert axe_violations(page) == [], width
        assert_no_horizontal_scroll(page)
        screenshot(page, f"home-{width}")


def test_skip_link_is_the_first_thing_the_keyboard_reaches(demo_site, phone_page):
    phone_page.goto(demo_site.url + "/")
    phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("document.activeElement.id") == "main-content"


def test_content_page_works_without_javascript(browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site.url + "/how-involvement-works/")
    assert page.get_by_role("heading", level=1).inner_text() == "How involvement works"
    assert page.get_by_role("link", name="Privacy notice").is_visible()
    assert_no_horizontal_scroll(page)
    context.close()


def test_home_page_with_the_demo_content_is_light_on_a_phone_and_needs_no_script(
    demo_site, phone_page
):
    """Everything the home page makes a phone download (the page, the stylesheet and any
    images) stays under 60 KB, and the page loads no script at all."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_content", stdout=StringIO())
    downloads = []
    phone_page.on("requestfinished", lambda request: downloads.append(request))
    phone_page.goto(demo_site.url + "/")
    phone_page.wait_for_load_state("load")

    # The real sections are there, so this is the page people get.
    for section in ("Ways to take part now", "What's on next", "Stories from people who took part"):
        assert phone_page.get_by_role("heading", name=section).is_visible()
    assert phone_page.locator("script").count() == 0
    assert [request.url for request in downloads if request.resource_type == "script"] == []
    kinds = {request.resource_type for request in downloads}
    assert {"document", "stylesheet"} <= kinds
    transferred = sum(
        request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        for request in downloads
    )
    assert transferred < 60 * 1024, f"{transferred} bytes"
