"""A small, self-contained catalogue for the sign-up tests: one index, a few opportunities."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from wagtail.models import Page

from opportunities.models import (
    Area,
    EngagementType,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
)

COORDINATORS = "Sign-up coordinators"


@pytest.fixture(autouse=True)
def clear_cache():
    """The rate limit counts in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(home_page, information_pages):
    index = home_page.add_child(
        instance=OpportunityIndexPage(title="Opportunities", slug="opportunities")
    )
    return {
        "index": index,
        "type": EngagementType.objects.order_by("sort_order").first(),
        "area": Area.objects.create(name="North", slug="north"),
        "group": OrganisingGroup.objects.create(name="Probation Voices", slug="probation-voices"),
    }


def make_opportunity(catalogue, title, **fields):
    values = {
        "level": "group",
        "engagement_type": catalogue["type"],
        "area": catalogue["area"],
        "organising_group": catalogue["group"],
        "commitment": "one-off",
        "time_estimate": "About 2 hours",
        "summary": "A short summary.",
        "contact_email": "team@example.org",
    }
    values.update(fields)
    page = catalogue["index"].add_child(instance=OpportunityPage(title=title, **values))
    page.save_revision().publish()
    return page


@pytest.fixture
def opportunity(catalogue):
    return make_opportunity(catalogue, "Walking group", slug="walking-group")


@pytest.fixture
def closed_opportunity(catalogue):
    make_opportunity(catalogue, "Breakfast club", slug="breakfast-club")
    return make_opportunity(catalogue, "Old forum", slug="old-forum", status="closed")


@pytest.fixture
def sign_up_url(opportunity):
    return opportunity.url + "sign-up/"


VALID = {
    "email": {"contact_method": "email", "contact_detail": "sam@example.org"},
    "phone": {"contact_method": "phone", "contact_detail": "0161 496 0000"},
    "text": {"contact_method": "text", "contact_detail": "+44 7911 123456"},
    "worker": {
        "contact_method": "worker",
        "worker_name": "Jo Keyworker",
        "worker_contact": "jo.keyworker@example.org",
    },
}


def form_data(method="email", **overrides):
    data = {"preferred_name": "Sam", "consent": "on", **VALID[method]}
    data.update(overrides)
    return data


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups, superuser=False):
        user = django_user_model.objects.create_user(
            username=username, password="pw", email=f"{username}@example.org"
        )
        if superuser:
            user.is_superuser = user.is_staff = True
            user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinator", COORDINATORS)


@pytest.fixture
def editor(make_user):
    return make_user("editor", "Editors")


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", "Moderators")


@pytest.fixture
def access_admin():
    return Permission.objects.get(codename="access_admin")


@pytest.fixture
def root_page():
    return Page.get_first_root_node()
