"""A moderator reviews a story in Chromium under the admin's Content Security Policy:
preview, ask for changes with a comment (the storyteller is e-mailed and sees it on
their dashboard), then approve the resubmitted story, which goes live under its
pseudonym only."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from .conftest import screenshot

TITLE = "Walking on a Tuesday"
COMMENT = "Please take out the name of the prison in the second sentence."


def story_form_data(opportunity, paragraph):
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "walking-on-a-tuesday",
            "summary": "The walking group gave my week a shape.",
            "body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
            "display_name": "J.",
            "storyteller_agrees": "on",
            "comments": inline_formset([]),
            "opportunity_links": inline_formset([{"opportunitypage": opportunity.pk}]),
            "action-submit": "Submit",
        }
    )


@pytest.fixture
def review(demo_site, staff_user):
    """A storyteller's story, sent for review through the editor as they would send it."""
    from portal.models import HomePage
    from stories.models import StoryPage
    from stories.moderation import MODERATORS, STORYTELLERS
    from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory
    from tests.factories.stories import StoryIndexPageFactory

    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    walking = OpportunityPageFactory(
        parent=OpportunityIndexPageFactory(parent=home), title="Saturday walking group"
    )
    storyteller = staff_user(
        "storyteller-jr", STORYTELLERS, first_name="Joanna", last_name="Realname"
    )
    moderator = staff_user("morgan", MODERATORS)
    client = Client()
    client.force_login(storyteller)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk)),
        story_form_data(walking, "I walked past HMP Somewhere every Tuesday."),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title=TITLE)
    assert story.workflow_in_progress
    return {
        "story": story,
        "storyteller": storyteller,
        "moderator": moderator,
        "client": client,
        "opportunity": walking,
    }


def test_moderator_asks_for_changes_then_approves_the_resubmitted_story(review, log_in, demo_site):
    from stories.models import StoryPage

    story = review["story"]
    storyteller = review["storyteller"]
    moderator_page = log_in(review["moderator"])

    # The story waits on the moderator's dashboard; the preview shows the draft.
    moderator_page.get_by_role("link", name=TITLE).first.click()
    moderator_page.wait_for_url(f"**/admin/pages/{story.pk}/edit/")
    moderator_page.get_by_role("button", name="Toggle preview").click()
    preview = moderator_page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(preview.get_by_text("Told by J.")).to_be_visible()
    expect(preview.get_by_role("link", name="Saturday walking group")).to_be_visible()
    screenshot(moderator_page, "moderator-preview")

    # Ask for changes, with a comment.
    mail.outbox.clear()
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Request changes").click()
    modal = moderator_page.locator(".modal-dialog")
    modal.get_by_label("Comment").fill(COMMENT)
    screenshot(moderator_page, "moderator-request-changes")
    modal.get_by_role("button", name="Request changes").click()
    expect(moderator_page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
    story.refresh_from_db()
    assert story.current_workflow_state.status == "needs_changes"

    # The storyteller is told by e-mail and on their dashboard.
    emails = [message for message in mail.outbox if storyteller.email in message.to]
    assert len(emails) == 1
    assert COMMENT in emails[0].body
    storyteller_page = log_in(storyteller)
    row = storyteller_page.locator(".storyteller-panel__story", has_text=TITLE)
    expect(row).to_contain_text("changes asked for")
    expect(row.locator(".storyteller-panel__comment")).to_have_text(COMMENT)
    screenshot(storyteller_page, "storyteller-dashboard-changes-asked-for")
    storyteller_page.watch.assert_clean()

    # The storyteller sends it again; the moderator approves it.
    response = review["client"].post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        story_form_data(review["opportunity"], "I walked by the river every Tuesday."),
    )
    assert response.status_code == 302
    moderator_page.goto(f"/admin/pages/{story.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Approve and Publish").click()
    expect(moderator_page.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()
    moderator_page.watch.assert_clean()

    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    moderator_page.goto(demo_site.url + story.url)
    expect(moderator_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    html = moderator_page.content()
    assert "Told by J." in html
    assert "I walked by the river" in html
    assert "HMP Somewhere" not in html
    for secret in ("Joanna", "Realname", "storyteller-jr"):
        assert secret not in html
    screenshot(moderator_page, "moderator-approved-story-live")
