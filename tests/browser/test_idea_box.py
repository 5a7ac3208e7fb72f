"""The idea box in Chromium: someone sends an idea on a phone with the keyboard (and is
paused, kindly, when they send too many), and a coordinator turns it into a "you said, we
did" record, which tells the person by text; another marks an idea and tells a person."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from portal import texts
from stories.demo_ideas import create_idea_box
from stories.models import ChangeRecord, Idea, IdeaStatus, YouSaidWeDidPage

from .conftest import ConsoleWatch, assert_no_horizontal_scroll, axe_violations, screenshot


@pytest.fixture
def idea_box(demo_site):
    home = Site.objects.get(is_default_site=True).root_page
    changes = home.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )
    changes.save_revision().publish()
    texts.outbox.clear()
    return create_idea_box(home)


def test_an_idea_sent_from_a_phone_becomes_a_change_and_the_sender_gets_a_text(
    demo_site, idea_box, phone_page, log_in, staff_user, settings
):
    # One idea an hour from each address; the rate limit counts in the cache.
    settings.SIGNUP_RATE_LIMIT = "1/h"
    cache.clear()
    page = phone_page
    watch = ConsoleWatch(page)
    page.goto(demo_site.url + "/ideas/")
    expect(page.get_by_role("heading", name="Idea box")).to_be_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)

    # A first try with the box left unticked: the summary says what to fix.
    page.get_by_label("What should change?").fill("Print the group times so we can take them.")
    page.get_by_label("Yes, by text message").check()
    page.get_by_label("Your e-mail address or phone number").fill("07700 900123")
    page.get_by_label("What should we call you? (optional)").fill("Dee")
    page.get_by_role("button", name="Send my idea").click()
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link", name=re.compile("Tick the box"))).to_be_visible()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []

    page.get_by_label(re.compile("I agree that you can keep these details")).check()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Send my idea").press("Enter")
    page.wait_for_url("**/ideas/thank-you/")
    idea = Idea.objects.get()
    expect(page.get_by_text(idea.reference)).to_be_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, "idea-box-thank-you-phone")

    # A second idea straight away is one too many from this address: it waits, kindly.
    page.goto(demo_site.url + "/ideas/")
    page.get_by_label("What should change?").fill("Longer opening hours on Saturdays.")
    page.get_by_label("No, I want to stay anonymous").check()
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.get_by_role("button", name="Send my idea").click()
    assert sent.value.status == 429
    expect(
        page.get_by_role("heading", name="Please wait before sending another idea")
    ).to_be_visible()
    expect(page.get_by_text("Please try again later.")).to_be_visible()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    assert Idea.objects.count() == 1
    # The refused idea (its 429, which Chromium also logs) is all that went wrong.
    assert f"429 POST {demo_site.url}/ideas/" in watch.problems
    assert [problem for problem in watch.problems if "429" not in problem] == []

    coordinator = staff_user("casey", "Sign-up coordinators")
    admin = log_in(coordinator)
    admin.get_by_role("link", name="Ideas").click()
    admin.wait_for_url("**/admin/snippets/stories/idea/")
    row = admin.locator("tr", has_text=idea.reference)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Turn into 'you said, we did'").click()
    admin.wait_for_url(re.compile(r"/turn-into-change/\d+/$"))
    assert admin.get_by_label("What people said").input_value().startswith("Print the group")
    admin.get_by_label("What we did, or are going to do").fill(
        "Every group now hands out its times on paper."
    )
    admin.get_by_label("Done").check()
    admin.get_by_role("button", name="Save the record").click()
    admin.wait_for_url("**/admin/snippets/stories/idea/")
    expect(admin.get_by_text(re.compile(r"is now on the 'you said, we did' page"))).to_be_visible()
    admin.watch.assert_clean()

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.CHANGED
    assert [message["phone_number"] for message in texts.outbox] == ["07700 900123"]
    assert idea.reference in texts.outbox[0]["body"]

    page.goto(demo_site.url + "/you-said-we-did/")
    expect(page.get_by_text("Every group now hands out its times on paper.")).to_be_visible()


def test_a_coordinator_filters_marks_an_idea_and_tells_a_person_by_phone(
    demo_site, idea_box, log_in, staff_user
):
    record = ChangeRecord.objects.create(
        you_said="Chairs, please.",
        we_did="There are now ten more chairs.",
        status="done",
        date=timezone.localdate(),
    )
    phoned = Idea.objects.create(
        idea="More chairs in the waiting room.",
        contact_method="phone",
        contact_detail="0161 496 0000",
        consent=True,
        status=IdeaStatus.CHANGED,
        change_record=record,
    )
    looked_at = Idea.objects.create(idea="Softer lights.", status=IdeaStatus.LOOKING)

    admin = log_in(staff_user("casey", "Sign-up coordinators"))
    admin.goto("/admin/snippets/stories/idea/")
    admin.get_by_role("button", name="Show filters").click()
    admin.locator("#filters-drilldown").get_by_role("button", name="Status").click()
    if admin.locator("select[name=status]").count():
        admin.locator("select[name=status]").select_option("looking")
    else:
        admin.locator("#filters-drilldown").get_by_label("Being looked at").check()
    admin.wait_for_url(re.compile(r"status=looking"))
    admin.locator("tbody tr").filter(has_text=looked_at.reference).wait_for()
    assert admin.locator("tbody tr").filter(has_text=phoned.reference).count() == 0

    # The coordinator opens the idea, marks it passed to a service, and the list says so.
    admin.get_by_role("link", name=looked_at.reference, exact=True).click()
    admin.wait_for_url(f"**/admin/snippets/stories/idea/edit/{looked_at.pk}/")
    admin.get_by_label(re.compile(r"^Status")).select_option(label="Passed to a service")
    admin.get_by_label(re.compile(r"^Passed to")).fill("The probation office's reception team")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url("**/admin/snippets/stories/idea/")
    row = admin.locator("tbody tr").filter(has_text=looked_at.reference)
    expect(row).to_contain_text("Passed to a service")
    assert "Being looked at" not in row.inner_text()

    admin.get_by_role("button", name="Reports").click()
    admin.get_by_role("link", name="People to tell").click()
    admin.wait_for_url("**/admin/reports/people-to-tell/")
    admin.get_by_role("link", name=phoned.reference).click()
    admin.wait_for_url(re.compile(r"/people-to-tell/\d+/$"))
    expect(admin.get_by_text("0161 496 0000")).to_be_visible()
    expect(admin.get_by_text("There are now ten more chairs.")).to_be_visible()
    admin.get_by_role("button", name="I have told them").click()
    admin.wait_for_url("**/admin/reports/people-to-tell/")
    expect(admin.get_by_text(f"{phoned.reference}: marked as told.")).to_be_visible()
    admin.watch.assert_clean()
