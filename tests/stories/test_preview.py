"""A story's draft and preview show what the draft holds, for every role that may see it.

The related opportunities in a draft or an unsaved preview exist only in memory (in the
revision or the form), not in the database, so the page must read them from there.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from stories.models import StoryOpportunity
from tests.factories.stories import StoryPageFactory

from .test_moderation import add_url, story_form


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")


@pytest.fixture
def reader(request, storyteller, moderator, superuser):
    return {"storyteller": storyteller, "moderator": moderator, "superuser": superuser}[
        request.param
    ]


ROLES = ["storyteller", "moderator", "superuser"]


@pytest.fixture
def story_with_draft_link(story_index, storyteller, make_opportunity):
    """A published story with no links, and a newer draft linking to an opportunity."""
    council = make_opportunity("Service-user council")
    story = StoryPageFactory(parent=story_index, title="Sitting on the council", owner=storyteller)
    story.opportunity_links = [StoryOpportunity(opportunitypage=council)]
    story.save_revision(user=storyteller)
    assert not StoryOpportunity.objects.filter(storypage=story).exists()
    return story


def assert_shows_the_link(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert "You could get involved too" in html
    assert "Service-user council" in html


@pytest.mark.parametrize("reader", ROLES, indirect=True)
def test_view_draft_shows_links_that_exist_only_in_the_draft(client, story_with_draft_link, reader):
    client.force_login(reader)

    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=(story_with_draft_link.pk,))
    )

    assert_shows_the_link(response)


@pytest.mark.parametrize("reader", ROLES, indirect=True)
def test_preview_while_editing_shows_links_chosen_in_the_form(
    client, story_with_draft_link, reader, make_opportunity
):
    walk = make_opportunity("Saturday walking group")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story_with_draft_link.pk,))
    client.force_login(reader)

    response = client.post(
        url,
        story_form(
            title="Sitting on the council",
            slug=story_with_draft_link.slug,
            opportunities=[walk],
        ),
    )
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)

    assert response.status_code == 200
    assert "Saturday walking group" in response.content.decode()


@pytest.mark.parametrize("reader", ROLES, indirect=True)
def test_preview_of_a_new_story_shows_the_chosen_opportunities(
    client, story_index, reader, make_opportunity
):
    council = make_opportunity("Service-user council")
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("stories", "storypage", story_index.pk)
    )
    client.force_login(reader)

    response = client.post(url, story_form(opportunities=[council]))
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)

    assert_shows_the_link(response)
    assert client.get(add_url(story_index)).status_code == 200


def test_preview_leaves_out_opportunities_that_are_not_live(
    client, story_index, storyteller, make_opportunity
):
    hidden = make_opportunity("Secret draft forum", live=False)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("stories", "storypage", story_index.pk)
    )
    client.force_login(storyteller)

    client.post(url, story_form(opportunities=[hidden]))
    html = client.get(url).content.decode()

    assert "Secret draft forum" not in html


def test_what_came_of_it_and_related_stories_render_for_an_unsaved_opportunity(
    make_opportunity,
):
    from django.template.loader import render_to_string

    from opportunities.models import OpportunityPage

    unsaved = OpportunityPage(title="Not saved yet")

    for template in ("what_came_of_it", "related_stories"):
        html = render_to_string(f"stories/includes/{template}.html", {"page": unsaved})
        assert html.strip() == ""
