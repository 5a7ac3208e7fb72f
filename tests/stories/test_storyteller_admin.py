"""What storytellers see in the admin: their dashboard panel, the story form, and only
their own drafts in listings, search and choosers."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from stories.models import StoryPage
from stories.moderation import STORYTELLERS
from tests.factories.stories import ChangeRecordFactory, StoryPageFactory

from .test_moderation import add_url, story_form


@pytest.fixture
def other_storyteller(db):
    user = get_user_model().objects.create_user("other", "other@example.org", "pw")
    user.groups.add(Group.objects.get(name=STORYTELLERS))
    return user


@pytest.fixture
def stories_of_two_people(story_index, storyteller, other_storyteller):
    mine = StoryPageFactory(
        parent=story_index, title="My own unfinished draft", owner=storyteller, live=False
    )
    theirs = StoryPageFactory(
        parent=story_index,
        title="Somebody else's secret draft",
        owner=other_storyteller,
        live=False,
    )
    published = StoryPageFactory(
        parent=story_index, title="A published story", owner=other_storyteller
    )
    return mine, theirs, published


def submit(client, story_index, user, **extra):
    client.force_login(user)
    client.post(add_url(story_index), {**story_form(**extra), "action-submit": "Submit"})
    return StoryPage.objects.get(title=extra.get("title", "My first council meeting"))


def workflow_action(client, moderator, story, action, comment):
    client.force_login(moderator)
    task_state = story.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(story.pk, action, task_state.pk)),
        {"comment": comment},
    )


# The dashboard panel


def test_storyteller_dashboard_has_a_write_a_story_button(client, story_index, storyteller):
    client.force_login(storyteller)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Write a story" in html
    assert f'href="{add_url(story_index)}"' in html
    assert "You have not written a story yet." in html


def test_dashboard_panel_is_only_for_storytellers(client, story_index, moderator):
    client.force_login(moderator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="write-a-story' not in html


def test_dashboard_lists_own_stories_with_their_review_state_in_plain_words(
    client, story_index, storyteller, moderator, stories_of_two_people
):
    waiting = submit(client, story_index, storyteller, title="Waiting story", slug="waiting")
    sent_back = submit(client, story_index, storyteller, title="Sent back story", slug="back")
    workflow_action(client, moderator, sent_back, "reject", "Please take out the prison's name.")
    approved = submit(client, story_index, storyteller, title="Approved story", slug="approved")
    workflow_action(client, moderator, approved, "approve", "")
    client.force_login(storyteller)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="write-a-story') :]
    rows = [row[: row.index("</tr>")] for row in panel.split("storyteller-panel__story")[1:]]

    def state_of(title):
        (row,) = [row for row in rows if title in row]
        return row

    assert "draft" in state_of("My own unfinished draft")
    assert "waiting for review" in state_of("Waiting story")
    assert "changes asked for" in state_of("Sent back story")
    assert "Please take out the prison&#x27;s name." in state_of("Sent back story")
    assert "published" in state_of("Approved story")
    assert "Somebody else" not in panel
    assert waiting.workflow_in_progress


def test_storyteller_is_emailed_the_comment_when_changes_are_asked_for(
    client, story_index, storyteller, moderator
):
    story = submit(client, story_index, storyteller)
    mail.outbox.clear()

    workflow_action(client, moderator, story, "reject", "Please take out the prison's name.")

    to_storyteller = [message for message in mail.outbox if storyteller.email in message.to]
    assert len(to_storyteller) == 1
    assert "My first council meeting" in to_storyteller[0].subject
    assert "Please take out the prison's name." in to_storyteller[0].body


def test_storyteller_resubmits_and_the_moderator_approves(
    client, story_index, storyteller, moderator
):
    story = submit(client, story_index, storyteller)
    workflow_action(client, moderator, story, "reject", "Please shorten it.")
    client.force_login(storyteller)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        {**story_form(slug=story.slug), "action-submit": "Submit"},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.current_workflow_state.status == "in_progress"
    mail.outbox.clear()
    workflow_action(client, moderator, story, "approve", "")

    story.refresh_from_db()
    assert story.live
    assert any(storyteller.email in message.to for message in mail.outbox)


# The story form


def test_story_form_has_one_short_summary_and_keeps_the_teaser_in_step(
    client, story_index, storyteller
):
    client.force_login(storyteller)
    html = client.get(add_url(story_index)).content.decode()

    assert "Short summary" in html
    assert 'name="summary"' in html
    assert 'name="teaser"' not in html

    client.post(add_url(story_index), story_form(summary="People listened to me."))
    story = StoryPage.objects.get(title="My first council meeting")
    assert story.summary == story.teaser == "People listened to me."


def test_a_summary_is_needed_before_review(client, story_index, storyteller):
    client.force_login(storyteller)

    response = client.post(
        add_url(story_index), {**story_form(summary=""), "action-submit": "Submit"}
    )

    assert response.status_code == 200
    assert "Write one or two sentences about the story." in response.content.decode()


def test_public_story_page_and_feed_show_the_summary(client, story_index):
    story = StoryPageFactory(parent=story_index, summary="A cup of tea and people who listen.")

    assert "A cup of tea and people who listen." in client.get(story.url).content.decode()
    assert "A cup of tea and people who listen." in client.get(story_index.url).content.decode()
    feed = client.get(story_index.url + "feed/").content.decode()
    assert "A cup of tea and people who listen." in feed


def test_opportunities_are_chosen_with_a_chooser_not_a_list_of_tick_boxes(
    client, story_index, storyteller, make_opportunity
):
    for number in range(5):
        make_opportunity(f"Forum number {number}")
    client.force_login(storyteller)

    html = client.get(add_url(story_index)).content.decode()

    assert "Opportunities your story is about" in html
    assert 'name="opportunity_links-TOTAL_FORMS"' in html
    assert "Forum number" not in html
    assert 'name="related_opportunities"' not in html


def test_change_records_choose_opportunities_with_a_chooser(admin_client, make_opportunity):
    council = make_opportunity("Service-user council")
    record = ChangeRecordFactory(opportunities=[council])

    html = admin_client.get(
        reverse("wagtailsnippets_stories_changerecord:edit", args=(record.pk,))
    ).content.decode()

    assert 'name="opportunity_links-TOTAL_FORMS"' in html
    assert '<select name="opportunities"' not in html
    assert "Service-user council" in html
    assert list(council.change_records.all()) == [record]


# Only their own drafts


def test_explorer_shows_a_storyteller_only_their_own_drafts(
    client, story_index, storyteller, stories_of_two_people
):
    client.force_login(storyteller)

    html = client.get(reverse("wagtailadmin_explore", args=(story_index.pk,))).content.decode()

    assert "My own unfinished draft" in html
    assert "A published story" in html
    assert "Somebody else" not in html


def test_admin_page_search_shows_a_storyteller_only_their_own_drafts(
    client, storyteller, stories_of_two_people
):
    client.force_login(storyteller)

    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "draft"}).content.decode()

    assert "My own unfinished draft" in html
    assert "Somebody else" not in html
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "story"}).content.decode()
    assert "A published story" in html


def test_page_chooser_shows_a_storyteller_only_their_own_drafts(
    client, story_index, storyteller, stories_of_two_people
):
    client.force_login(storyteller)

    browse = client.get(reverse("wagtailadmin_choose_page_child", args=(story_index.pk,)))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "draft"})

    for response in (browse, search):
        html = response.content.decode()
        assert "My own unfinished draft" in html
        assert "Somebody else" not in html


def test_admin_api_shows_a_storyteller_only_their_own_drafts(
    client, story_index, storyteller, stories_of_two_people
):
    client.force_login(storyteller)

    response = client.get("/admin/api/main/pages/", {"child_of": story_index.pk})

    titles = {item["admin_display_title"] for item in response.json()["items"]}
    assert "My own unfinished draft" in titles
    assert "A published story" in titles
    assert "Somebody else's secret draft" not in titles


def test_moderators_still_see_every_draft(client, story_index, moderator, stories_of_two_people):
    client.force_login(moderator)

    explorer = client.get(reverse("wagtailadmin_explore", args=(story_index.pk,)))
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "draft"})

    assert "Somebody else" in explorer.content.decode()
    assert "Somebody else" in search.content.decode()
