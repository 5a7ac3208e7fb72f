import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from opportunities.models import (
    Area,
    EngagementType,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
)
from stories.moderation import MODERATORS, STORYTELLERS
from tests.factories.stories import StoryIndexPageFactory, YouSaidWeDidPageFactory


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def changes_page(home_page):
    return YouSaidWeDidPageFactory(parent=home_page)


@pytest.fixture
def opportunity_index(home_page):
    index = OpportunityIndexPage(title="Opportunities", slug="opportunities")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def make_opportunity(opportunity_index):
    area = Area.objects.create(name="Northtown", slug="northtown")
    group = OrganisingGroup.objects.create(name="Probation service", slug="probation")
    forum = EngagementType.objects.get(slug="forums-councils-panels")

    def make(title, live=True, level="collective"):
        page = OpportunityPage(
            title=title,
            level=level,
            engagement_type=forum,
            area=area,
            organising_group=group,
            commitment="ongoing",
            time_estimate="Two hours a month",
            live=live,
        )
        opportunity_index.add_child(instance=page)
        return page

    return make


def _user(username, group_name):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "a-test-password", first_name="Realname"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def storyteller(db):
    return _user("storyteller", STORYTELLERS)


@pytest.fixture
def moderator(db):
    return _user("moderator", MODERATORS)
