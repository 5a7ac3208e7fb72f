"""The review path: storytellers write and submit, moderators approve, consent is checked."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from stories.models import StoryNotReadyToPublish, StoryPage
from tests.factories.stories import StoryPageFactory

# What only moderators see and fill in: how consent was taken, and the final check.
STAFF_CONSENT = {
    "consent_date": "2025-03-01",
    "consent_method": "written",
    "storyteller_approved": "on",
    "consent_review_date": "2026-03-01",
}


def story_form(title="My first council meeting", agrees=True, opportunities=(), **extra):
    """The story editor's form data, as a storyteller sends it: "I agree" ticked."""
    data = {
        "title": title,
        "slug": "my-first-council-meeting",
        "summary": "I was nervous, but people listened.",
        "display_name": "Ray",
        "body": streamfield([("paragraph", rich_text("<p>I spoke for the first time.</p>"))]),
        "comments": inline_formset([]),
        "opportunity_links": inline_formset(
            [{"opportunitypage": opportunity.pk} for opportunity in opportunities]
        ),
        **({"storyteller_agrees": "on"} if agrees else {}),
    }
    data.update(extra)
    return nested_form_data(data)


def staff_story_form(title="My first council meeting", consent=True, **extra):
    """The form as a moderator sends it, with the staff-only consent record."""
    return story_form(title=title, agrees=False, **(STAFF_CONSENT if consent else {}), **extra)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_storyteller_sees_the_story_editor_with_help_for_first_time_authors(
    client, story_index, storyteller
):
    client.force_login(storyteller)

    response = client.get(add_url(story_index))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you for sharing your story" in html
    assert "I agree this story can be published" in html
    assert "Show my story under this name" in html
    # The staff-only checks are for moderators.
    assert "Moderator checks" not in html
    assert "The storyteller approved this final text" not in html
    assert 'name="consent_method"' not in html


def test_moderator_sees_the_consent_checks_in_their_own_tab(client, story_index, moderator):
    client.force_login(moderator)

    html = client.get(add_url(story_index)).content.decode()

    assert "Moderator checks" in html
    assert "The storyteller approved this final text" in html
    assert 'name="consent_method"' in html
    assert "I agree this story can be published" in html


def test_name_is_not_kept_in_revisions_when_shared_without_a_name(client, story_index, storyteller):
    client.force_login(storyteller)

    client.post(
        add_url(story_index),
        story_form(agrees=False, display_name="Jasmine Hiddenname", show_no_name="on"),
    )

    story = StoryPage.objects.get(title="My first council meeting")
    assert story.display_name == ""
    assert "Hiddenname" not in str(story.get_latest_revision().content)


def test_storyteller_can_save_a_draft_without_consent(client, story_index, storyteller):
    client.force_login(storyteller)

    response = client.post(add_url(story_index), story_form(agrees=False))

    assert response.status_code == 302
    story = StoryPage.objects.get(title="My first council meeting")
    assert not story.live
    assert story.owner == storyteller


def test_storyteller_can_submit_a_story_but_it_does_not_go_live(client, story_index, storyteller):
    client.force_login(storyteller)

    response = client.post(add_url(story_index), {**story_form(), "action-submit": "Submit"})

    assert response.status_code == 302
    story = StoryPage.objects.get(title="My first council meeting")
    assert not story.live
    assert story.workflow_in_progress
    assert story.current_workflow_task.name == "Moderators check the story"
    assert client.get(story_index.url).content.decode().count("My first council meeting") == 0


def test_storyteller_cannot_publish(client, story_index, storyteller):
    client.force_login(storyteller)

    client.post(add_url(story_index), {**story_form(), "action-publish": "Publish"})

    story = StoryPage.objects.get(title="My first council meeting")
    assert not story.live
    assert not story.permissions_for_user(storyteller).can_publish()


def test_storyteller_can_only_write_under_the_stories_index(
    client, home_page, story_index, storyteller
):
    client.force_login(storyteller)

    elsewhere = reverse("wagtailadmin_pages:add", args=("portal", "contentpage", home_page.pk))
    response = client.get(elsewhere)

    assert response.status_code in (302, 403)
    assert not home_page.permissions_for_user(storyteller).can_add_subpage()
    assert story_index.permissions_for_user(storyteller).can_add_subpage()


def test_storyteller_cannot_edit_someone_elses_story(client, story_index, storyteller):
    other = StoryPageFactory(parent=story_index, title="Someone else's story", live=False)
    client.force_login(storyteller)

    assert not other.permissions_for_user(storyteller).can_edit()
    assert client.get(edit_url(other)).status_code in (302, 403)


def test_submitting_without_consent_is_refused_with_a_clear_message(
    client, story_index, storyteller
):
    client.force_login(storyteller)

    response = client.post(
        add_url(story_index), {**story_form(agrees=False), "action-submit": "Submit"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "This story cannot go live yet" in html
    assert "Tick this box if you agree your story can be published" in html
    assert not StoryPage.objects.filter(title="My first council meeting").exists()


def test_a_storytellers_tick_records_consent_and_approval_of_their_words(
    client, story_index, storyteller
):
    client.force_login(storyteller)

    client.post(add_url(story_index), {**story_form(), "action-submit": "Submit"})

    story = StoryPage.objects.get(title="My first council meeting")
    draft = story.get_latest_revision().as_object()
    assert draft.consent_date == datetime.date.today()
    assert draft.consent_method == "ticked"
    assert draft.storyteller_approved
    assert draft.consent_problems() == []


def test_a_storyteller_cannot_set_the_moderator_checks(client, story_index, storyteller):
    client.force_login(storyteller)

    client.post(
        add_url(story_index),
        story_form(agrees=False, consent_method="written", storyteller_approved="on"),
    )

    story = StoryPage.objects.get(title="My first council meeting")
    assert story.consent_method == ""
    assert not story.storyteller_approved


def test_unticking_i_agree_takes_back_consent_given_by_the_tick(client, story_index, storyteller):
    client.force_login(storyteller)
    client.post(add_url(story_index), story_form())
    story = StoryPage.objects.get(title="My first council meeting")

    response = client.post(edit_url(story), story_form(agrees=False, slug=story.slug))

    assert response.status_code == 302
    story.refresh_from_db()
    draft = story.get_latest_revision().as_object()
    assert (draft.consent_date, draft.consent_method, draft.storyteller_approved) == (
        None,
        "",
        False,
    )


def test_moderator_approves_and_the_story_goes_live(
    client, story_index, storyteller, moderator, make_opportunity
):
    council = make_opportunity("Service-user council")
    client.force_login(storyteller)
    client.post(
        add_url(story_index),
        {**story_form(opportunities=[council]), "action-submit": "Submit"},
    )
    story = StoryPage.objects.get(title="My first council meeting")
    task_state = story.current_workflow_task_state

    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task_state.pk)
    )
    response = client.post(approve, {"comment": "Thank you, this is lovely."})

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    assert "My first council meeting" in client.get(story_index.url).content.decode()
    assert "My first council meeting" in client.get(story_index.url + "feed/").content.decode()
    assert list(council.stories.live()) == [story.page_ptr.specific]


def test_moderator_can_send_a_story_back_with_comments(client, story_index, storyteller, moderator):
    client.force_login(storyteller)
    client.post(add_url(story_index), {**story_form(), "action-submit": "Submit"})
    story = StoryPage.objects.get(title="My first council meeting")
    task_state = story.current_workflow_task_state

    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(story.pk, "reject", task_state.pk)),
        {"comment": "Please take out the name of the prison."},
    )

    task_state.refresh_from_db()
    story.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Please take out the name of the prison."
    assert not story.live


def test_publishing_without_consent_is_refused_in_the_editor(client, story_index, moderator):
    story = StoryPageFactory(
        parent=story_index,
        title="Not ready yet",
        live=False,
        consent_date=None,
        consent_method="",
        storyteller_approved=False,
    )
    client.force_login(moderator)
    assert story.permissions_for_user(moderator).can_publish()

    response = client.post(
        edit_url(story),
        {
            **staff_story_form(title="Not ready yet", consent=False, slug=story.slug),
            "action-publish": "1",
        },
    )

    assert response.status_code == 200
    assert "This story cannot go live yet" in response.content.decode()
    story.refresh_from_db()
    assert not story.live


@pytest.mark.parametrize(
    "missing",
    [
        {"consent_date": ""},
        {"consent_method": ""},
        {"storyteller_approved": ""},
    ],
)
def test_each_consent_item_is_needed_to_publish(client, story_index, moderator, missing):
    story = StoryPageFactory(parent=story_index, title="Almost ready", live=False)
    client.force_login(moderator)
    data = {
        **staff_story_form(title="Almost ready", slug=story.slug),
        **missing,
        "action-publish": "1",
    }
    if missing.get("storyteller_approved") == "":
        del data["storyteller_approved"]

    response = client.post(edit_url(story), data)

    assert response.status_code == 200
    story.refresh_from_db()
    assert not story.live


def test_moderator_can_publish_a_story_with_consent(client, story_index, moderator):
    story = StoryPageFactory(parent=story_index, title="Ready", live=False)
    client.force_login(moderator)

    response = client.post(
        edit_url(story),
        {**staff_story_form(title="Ready", slug=story.slug), "action-publish": "1"},
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live


def test_publishing_without_consent_is_refused_outside_the_editor_too(story_index):
    story = StoryPageFactory(
        parent=story_index, title="Shell publish", live=False, storyteller_approved=False
    )

    with pytest.raises(StoryNotReadyToPublish, match="approval of the final text"):
        story.save_revision().publish()

    story.refresh_from_db()
    assert not story.live


def test_a_story_without_a_name_choice_cannot_go_live(client, story_index, moderator):
    story = StoryPageFactory(parent=story_index, title="Who told it", live=False)
    client.force_login(moderator)

    response = client.post(
        edit_url(story),
        {
            **staff_story_form(title="Who told it", slug=story.slug, display_name=""),
            "action-publish": "1",
        },
    )

    assert response.status_code == 200
    assert "tick &#x27;Do not show any name&#x27;" in response.content.decode()


def test_picture_in_a_story_needs_a_description(story_index):
    from django.core.files.images import ImageFile
    from wagtail.blocks import StructBlockValidationError
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from stories.blocks import StoryImageBlock

    image = Image.objects.create(title="Canal", file=ImageFile(get_test_image_file().file, "c.png"))
    block = StoryImageBlock()

    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"image": image.pk, "decorative": False, "alt_text": ""}))
    assert "alt text" in str(caught.value.block_errors["alt_text"])
    # Wagtail lets a picture be marked as decorative; in a story it may not be.
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"image": image.pk, "decorative": True, "alt_text": ""}))
    assert "Describe the picture" in str(caught.value.block_errors["alt_text"])

    described = block.to_python(
        {"image": image.pk, "decorative": False, "alt_text": "A canal path"}
    )
    assert block.clean(described).contextual_alt_text == "A canal path"


def test_consent_review_report_lists_stories_past_their_review_date(
    client, story_index, moderator, storyteller
):
    today = datetime.date.today()
    StoryPageFactory(
        parent=story_index,
        title="Overdue story",
        consent_review_date=today - datetime.timedelta(days=2),
    )
    StoryPageFactory(
        parent=story_index,
        title="Fine story",
        consent_review_date=today + datetime.timedelta(days=200),
    )
    url = reverse("stories_consent_review_report")

    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "Overdue story" in html
    assert "Fine story" not in html

    client.force_login(storyteller)
    assert client.get(url).status_code in (302, 403)


def test_page_is_not_shown_to_anonymous_visitors_while_in_review(client, story_index, storyteller):
    client.force_login(storyteller)
    client.post(add_url(story_index), {**story_form(), "action-submit": "Submit"})
    client.logout()
    story = Page.objects.get(title="My first council meeting")

    assert client.get(story.url or "/stories/my-first-council-meeting/").status_code == 404


def test_moderator_cannot_approve_in_the_editor_after_removing_consent(
    client, story_index, storyteller, moderator
):
    client.force_login(storyteller)
    client.post(add_url(story_index), {**story_form(), "action-submit": "Submit"})
    story = StoryPage.objects.get(title="My first council meeting")

    client.force_login(moderator)
    data = staff_story_form(consent=False)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(edit_url(story), data)

    assert response.status_code == 200
    assert "This story cannot go live yet" in response.content.decode()
    story.refresh_from_db()
    assert not story.live
    assert story.workflow_in_progress


def test_someone_elses_tick_does_not_count_as_the_storytellers_approval(
    client, story_index, storyteller
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    story = StoryPageFactory(
        parent=story_index,
        title="Told to an editor",
        owner=storyteller,
        live=False,
        storyteller_approved=False,
    )
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.post(edit_url(story), story_form(title="Told to an editor", slug=story.slug))

    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.get_latest_revision().as_object().storyteller_approved
