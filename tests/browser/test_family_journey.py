"""A family member on a phone finds an evening group, sees what it pays and who runs
it, and signs up: the whole way through, in Chromium at 375 px."""

import io
import re

import pytest

from opportunities.models import SignUp

from .conftest import assert_no_horizontal_scroll, axe_violations, screenshot


@pytest.fixture
def catalogue(demo_site):
    from opportunities import demo as opportunities_demo
    from opportunities import event_demo

    opportunities_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    event_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    return demo_site


def test_a_family_member_finds_an_evening_group_sees_pay_and_group_and_signs_up(
    catalogue, phone_page
):
    page = phone_page
    page.goto(catalogue.url + "/opportunities/?level=group")

    page.get_by_text(re.compile(r"^Filter results \(\d+ chosen\)$")).click()
    page.get_by_label("Family and friends").check()
    page.get_by_label("Weekday evening").check()
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url(re.compile(r"who=families"))
    assert "when=evening" in page.url

    first = page.locator(".opportunity-card").first
    first.wait_for()
    assert first.bounding_box()["y"] < 812, "the first result is below the first screen"
    card_text = first.inner_text()
    assert "Money:" in card_text  # what it pays, before opening it
    title = first.get_by_role("link").first.inner_text()
    screenshot(page, "family-evening-results-phone")

    first.get_by_role("link").first.click()
    page.get_by_role("heading", level=1, name=title).wait_for()
    facts = page.locator("dl").filter(has_text="Money").first
    assert facts.get_by_role("link", name="What this means for your benefits").is_visible()
    group_link = page.locator("a[href^='/groups/']").first
    assert group_link.is_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name=re.compile("^Sign up")).first.click()
    page.wait_for_url(re.compile(r"/sign-up/$"))
    page.get_by_label("What should we call you?").fill("Pat")
    page.get_by_label("Text message").check()
    page.get_by_label("Your e-mail address or phone number").fill("07700 900123")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send my sign-up").click()
    page.wait_for_url(re.compile(r"/sign-up/thank-you/(#.*)?$"))

    sign_up = SignUp.objects.get(preferred_name="Pat")
    assert sign_up.page.title == title
    assert page.locator(".sign-up-done__reference").inner_text() == sign_up.reference
    screenshot(page, "family-signed-up-phone")
