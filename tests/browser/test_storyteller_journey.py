"""A storyteller's first story, in Chromium under the admin's Content Security Policy:
from the dashboard's "Write a story" button to "waiting for review"."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

TITLE = "Cooking at the recovery café"


@pytest.fixture
def story_site(demo_site):
    """The stories index (with its review workflow) and a few opportunities to choose."""
    from portal.models import HomePage
    from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory
    from tests.factories.stories import StoryIndexPageFactory

    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    opportunities = OpportunityIndexPageFactory(parent=home)
    for title in ("Saturday walking group", "Service-user council", "Breakfast club"):
        OpportunityPageFactory(parent=opportunities, title=title)
    return index


def test_storyteller_writes_a_story_and_sends_it_for_review(story_site, staff_user, log_in):
    from stories.models import StoryPage
    from stories.moderation import STORYTELLERS

    storyteller = staff_user("jo", STORYTELLERS, first_name="Joanna", last_name="Realname")
    page = log_in(storyteller)

    panel = page.locator("#write-a-story-section")
    expect(panel.get_by_role("heading", name="Write a story")).to_be_visible()
    expect(panel).to_contain_text("You have not written a story yet.")
    screenshot(page, "storyteller-dashboard")
    panel.locator("#write-a-story-content").get_by_role("link", name="Write a story").click()
    page.wait_for_url(f"**/admin/pages/add/stories/storypage/{story_site.pk}/")

    # The story tab: title, one short summary and a paragraph of the story.
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "I learned to cook for thirty people, and made friends.")
    page.locator("#body-root").get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator("#body-root [contenteditable=true]").first.click()
    page.keyboard.type("The first day I burned the toast. By Friday I made soup for everyone.")
    screenshot(page, "storyteller-story-tab")

    # About the story: the opportunity is found by searching in the chooser.
    page.get_by_role("tab", name="About the story").click()
    page.get_by_role("button", name="Add opportunity").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_placeholder("Search…").fill("walking")
    walking = modal.get_by_role("row", name="Saturday walking group")
    walking.wait_for()
    expect(modal.get_by_role("row", name="Service-user council")).to_have_count(0)
    screenshot(page, "storyteller-opportunity-chooser")
    walking.get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirm selection").click()
    expect(modal).to_be_hidden()
    expect(page.locator("[data-chooser-title]", has_text="Saturday walking group")).to_be_visible()

    # Consent, in the storyteller's own words, under a pseudonym.
    page.get_by_role("tab", name="Consent").click()
    expect(page.get_by_role("tab", name="Moderator checks")).to_have_count(0)
    page.get_by_role("textbox", name="Show my story under this name").fill("J.")
    page.get_by_role("checkbox", name="I agree this story can be published").check()
    screenshot(page, "storyteller-consent-tab")
    # The editor has saved the story as a draft by itself, as it does once the required
    # fields are filled in; submitting before that first save is back would post the new
    # story a second time (on a slow connection, so would a person).
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Story review").click()
    page.wait_for_url("**/admin/pages/**")
    expect(page.get_by_text("submitted for moderation")).to_be_visible()

    page.goto("/admin/")
    row = page.locator(".storyteller-panel__story", has_text=TITLE)
    expect(row).to_contain_text("waiting for review")
    screenshot(page, "storyteller-dashboard-waiting")
    page.watch.assert_clean()

    story = StoryPage.objects.get(title=TITLE)
    assert story.owner == storyteller
    assert not story.live
    assert story.workflow_in_progress
    assert story.current_workflow_state.status == "in_progress"
    assert story.current_workflow_state.requested_by == storyteller
    draft = story.get_latest_revision().as_object()
    assert draft.display_name == "J."
    assert draft.storyteller_agrees
    assert not draft.consent_problems()
    assert [link.opportunitypage.title for link in draft.opportunity_links.all()] == [
        "Saturday walking group"
    ]
    assert "burned the toast" in str(draft.body)
