import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage
from stories.choices import NO_NAME_LABEL, THEMES
from stories.models import StoryIndexPage, StoryPage, YouSaidWeDidPage
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory


class TestPageTree(WagtailPageTestCase):
    def test_stories_index_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})

    def test_a_story_lives_under_the_stories_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_you_said_we_did_is_one_page_under_home(self):
        self.assertAllowedParentPageTypes(YouSaidWeDidPage, {HomePage})
        self.assertAllowedSubpageTypes(YouSaidWeDidPage, set())
        assert YouSaidWeDidPage.max_count == 1
        assert StoryIndexPage.max_count == 1


def test_story_themes_follow_the_catalogue_motivations():
    from opportunities.choices import MOTIVATIONS

    assert set(THEMES) == set(MOTIVATIONS)


def test_story_page_shows_name_content_note_and_live_opportunities_only(
    client, story_index, make_opportunity
):
    live = make_opportunity("Service-user council")
    draft = make_opportunity("Secret draft forum", live=False)
    story = StoryPageFactory(
        parent=story_index,
        title="Walking on a Tuesday",
        display_name="Ray",
        content_note="Talks about loneliness.",
        body=[("paragraph", "<p>The walking group gave my week a shape.</p>")],
        theme_belonging=True,
    )
    story.related_opportunities.set([live, draft])
    story.save()

    html = client.get(story.url).content.decode()

    assert "Told by Ray" in html
    assert html.index("Talks about loneliness.") < html.index("The walking group gave my week")
    assert "You could get involved too" in html
    assert "Service-user council" in html
    assert "Secret draft forum" not in html
    assert "Belonging and friendship" in html


@pytest.mark.django_db
def test_story_without_a_name_shows_no_name_anywhere(client, story_index):
    owner = get_user_model().objects.create_user(
        "owner-jh42", "jh42@example.org", "pw", first_name="Realfirst", last_name="Realsurname"
    )
    story = StoryPageFactory(
        parent=story_index,
        title="Why I keep going to breakfast club",
        teaser="A cup of tea and people who understand.",
        display_name="Jasmine Hiddenname",
        show_no_name=True,
        owner=owner,
        theme_belonging=True,
    )
    story.refresh_from_db()
    secrets = ["Jasmine", "Hiddenname", "Realfirst", "Realsurname", "owner-jh42", "jh42@"]

    assert story.display_name == ""  # the name is not kept at all
    assert story.byline == NO_NAME_LABEL
    responses = {
        "story": client.get(story.url),
        "listing": client.get(story_index.url),
        "filtered listing": client.get(story_index.url, {"theme": "belonging"}),
        "feed": client.get(story_index.url + "feed/"),
        "home": client.get("/"),
    }
    for where, response in responses.items():
        assert response.status_code == 200, where
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text, f"{secret!r} appears in the {where}"
    story_html = responses["story"].content.decode()
    assert NO_NAME_LABEL in story_html
    assert NO_NAME_LABEL in responses["listing"].content.decode()
    head = story_html[: story_html.index("</head>")]
    assert "<title>Why I keep going to breakfast club" in head
    assert 'property="og:title"' in head
    # The search index holds no name either.
    assert list(Page.objects.live().search("breakfast")) == [story.page_ptr]
    assert not Page.objects.live().search("Jasmine")
    assert not Page.objects.live().search("Hiddenname")


def test_theme_and_level_filters(client, story_index):
    StoryPageFactory(parent=story_index, title="About belonging", theme_belonging=True)
    StoryPageFactory(
        parent=story_index, title="About giving back", theme_giving_back=True, level="collective"
    )
    StoryPageFactory(parent=story_index, title="About a group", level="group")

    html = client.get(story_index.url, {"theme": "belonging"}).content.decode()
    assert "About belonging" in html
    assert "About giving back" not in html
    assert "1 story match your choices" in html

    html = client.get(
        story_index.url, {"theme": "giving-back", "level": "collective"}
    ).content.decode()
    assert "About giving back" in html
    assert "About belonging" not in html

    html = client.get(story_index.url, {"level": "group"}).content.decode()
    assert "About a group" in html
    assert "About belonging" not in html


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "nonsense"},
        {"level": "'; DROP TABLE wagtailcore_page; --"},
        {"theme": ["belonging", "purpose"], "level": "x" * 500},
    ],
)
def test_bad_filter_input_shows_a_message_and_all_stories(client, story_index, query):
    StoryPageFactory(parent=story_index, title="About belonging", theme_belonging=True)
    StoryPageFactory(parent=story_index, title="About purpose", theme_purpose=True)

    response = client.get(story_index.url, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some of your choices could not be used" in html
    assert "form-group--error" in html
    assert "About belonging" in html and "About purpose" in html


def test_listing_has_ten_per_page_and_out_of_range_pages_are_404(client, story_index):
    for number in range(12):
        StoryPageFactory(parent=story_index, title=f"Numbered story {number:02d}")

    first = client.get(story_index.url)
    second = client.get(story_index.url, {"page": 2})

    assert first.content.decode().count('class="card story-card"') == 10
    assert second.content.decode().count('class="card story-card"') == 2
    assert 'aria-label="Pages of results"' in first.content.decode()
    assert client.get(story_index.url, {"page": 3}).status_code == 404
    assert client.get(story_index.url, {"page": "last-one"}).status_code == 404


def test_pagination_links_keep_the_filters(client, story_index):
    for number in range(11):
        StoryPageFactory(parent=story_index, title=f"Belonging {number}", theme_belonging=True)

    html = client.get(story_index.url, {"theme": "belonging"}).content.decode()

    assert "?theme=belonging&amp;page=2" in html


def test_listing_and_feed_show_live_stories_only(client, story_index):
    StoryPageFactory(parent=story_index, title="A published story")
    StoryPageFactory(parent=story_index, title="A draft story", live=False)

    listing = client.get(story_index.url).content.decode()
    feed = client.get(story_index.url + "feed/")

    assert "A published story" in listing and "A draft story" not in listing
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(feed.content).find("channel")  # noqa: S314 - our own feed
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["A published story"]
    link = channel.find("item").findtext("link")
    assert link.startswith("http://") and link.endswith("/stories/a-published-story/")


def test_feed_names_the_teller_only_when_the_story_has_a_name(client, story_index):
    StoryPageFactory(parent=story_index, title="Named", display_name="Ray")
    StoryPageFactory(parent=story_index, title="Unnamed", display_name="Ray", show_no_name=True)

    feed = ET.fromstring(client.get(story_index.url + "feed/").content)  # noqa: S314 - our own feed

    creators = {
        item.findtext("title"): item.findtext("{http://purl.org/dc/elements/1.1/}creator")
        for item in feed.iter("item")
    }
    assert creators == {"Named": "Ray", "Unnamed": None}


# The site shell (site, routing, settings, menu, breadcrumbs) takes about ten queries;
# the listing itself adds a count and one query for the page of stories.
LISTING_QUERY_LIMIT = 14


def test_listing_query_count_does_not_grow_with_the_number_of_stories(
    client, story_index, django_assert_max_num_queries
):
    measured = []
    for total in (3, 30):
        while StoryPage.objects.count() < total:
            StoryPageFactory(parent=story_index, theme_belonging=True, level="group")
        client.get(story_index.url)  # warm the site and settings caches
        with django_assert_max_num_queries(LISTING_QUERY_LIMIT) as captured:
            response = client.get(story_index.url, {"theme": "belonging", "page": 1})
        assert response.status_code == 200
        measured.append(len(captured))
    assert measured[0] == measured[1]


def test_home_page_shows_the_three_latest_live_stories(client, story_index):
    for number in range(4):
        StoryPageFactory(parent=story_index, title=f"Home story {number}")
    StoryPageFactory(parent=story_index, title="Draft on home", live=False)

    html = client.get("/").content.decode()

    assert "Stories from people who took part" in html
    assert html.count('class="card story-card"') == 3
    assert "Draft on home" not in html


def test_home_page_has_no_story_section_without_stories(client, story_index):
    assert "Stories from people who took part" not in client.get("/").content.decode()


def test_index_creation_sets_up_storyteller_permissions_and_the_review_workflow(home_page):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    index = StoryIndexPageFactory(parent=home_page)

    permissions = GroupPagePermission.objects.filter(
        page=index, group=Group.objects.get(name="Storytellers")
    )
    assert [p.permission.codename for p in permissions] == ["add_page"]
    workflow = index.get_workflow()
    assert workflow.name == "Story review"
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Moderators"]
