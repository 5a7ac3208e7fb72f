"""Signing up in a real browser: keyboard only, on a 375px phone, with an error fixed on the way."""

import re

from opportunities.models import SignUp

from .conftest import (
    assert_no_horizontal_scroll,
    axe_violations,
    publish_opportunity,
    screenshot,
)


def make_opportunity():
    return publish_opportunity(slug="walking-group-sign-up-test")


def tab_to(page, name=None, text=None, limit=60):
    """Press Tab until the focused element has this name (or link/button text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "({name: document.activeElement.name || '', "
            "text: (document.activeElement.innerText || '').trim()})"
        )
        if (name and active["name"] == name) or (text and active["text"].startswith(text)):
            return
    raise AssertionError(f"Tab never reached {name or text!r}")


def test_sign_up_with_the_keyboard_only_on_a_phone(demo_site, phone_page):
    opportunity = make_opportunity()
    page = phone_page
    page.goto(demo_site.url + opportunity.url)

    tab_to(page, text="Sign up")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sign-up/$"))
    assert page.title().startswith("Sign up: Walking group")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, "sign-up-form-phone")

    tab_to(page, name="preferred_name")
    page.keyboard.type("Sam")
    tab_to(page, name="contact_method")
    page.keyboard.press("Space")  # the first choice: e-mail
    tab_to(page, name="contact_detail")
    page.keyboard.type("sam@")  # not a full address yet
    tab_to(page, text="Send my sign-up")  # the consent box is left unticked
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith("Error: ")
    summary = page.locator(".error-summary")
    assert summary.get_by_role("link", name=re.compile("right format")).is_visible()
    assert summary.get_by_role("link", name=re.compile("Tick the box")).is_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, "sign-up-error-phone")

    # Follow the summary link to the field, then put it right.
    tab_to(page, text="Enter an e-mail address")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "contact_detail"
    page.keyboard.press("End")
    page.keyboard.type("example.org")
    tab_to(page, name="consent")
    page.keyboard.press("Space")
    tab_to(page, text="Send my sign-up")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/sign-up/thank-you/(#.*)?$"))
    sign_up = SignUp.objects.get()
    assert sign_up.contact_detail == "sam@example.org"
    assert page.locator(".sign-up-done__reference").inner_text() == sign_up.reference
    assert page.get_by_role("heading", name="What happens next").is_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, "sign-up-thank-you-phone")


def test_sign_up_form_works_without_javascript(browser, demo_site):
    opportunity = make_opportunity()
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site.url + opportunity.url + "sign-up/")
    page.get_by_label("What should we call you?").fill("Alex")
    page.get_by_label("Phone call").check()
    page.get_by_label("Your e-mail address or phone number").fill("0161 496 0000")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send my sign-up").click()
    page.wait_for_url(re.compile(r"/sign-up/thank-you/(#.*)?$"))
    assert SignUp.objects.get().contact_detail == "0161 496 0000"
    assert_no_horizontal_scroll(page)
    context.close()
