import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search.models import IndexEntry

from opportunities.models import Area, EngagementType, OrganisingGroup, SignUp, Venue
from portal.models import ContentPage, HomePage, SiteSettings
from stories.models import Idea, StoryPage


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live")),
        "users": get_user_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "settings": list(SiteSettings.objects.values_list("phone", "privacy_page_id")),
        "snippets": [
            sorted(model.objects.values_list("name", flat=True))
            for model in (Area, OrganisingGroup, EngagementType, Venue)
        ],
        "sign-ups": SignUp.objects.count(),
        "ideas": Idea.objects.count(),
    }


@pytest.mark.django_db
def test_demo_content_builds_the_page_tree_and_prints_how_to_log_in():
    out = StringIO()
    call_command("load_demo_content", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    slugs = set(site.root_page.get_children().values_list("slug", flat=True))
    assert {"how-involvement-works", "privacy-notice", "accessibility-statement"} <= slugs
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert "log in at /admin/ as 'admin'" in out.getvalue()
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_running_demo_content_twice_changes_nothing():
    call_command("load_demo_content", stdout=StringIO())
    before = _snapshot()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert _snapshot() == before
    assert "already exists" in out.getvalue()


@pytest.mark.django_db
def test_demo_content_refuses_a_negative_number_of_opportunities():
    with pytest.raises(CommandError, match="zero or more"):
        call_command("load_demo_content", opportunities=-1, stdout=StringIO())


# The tests below only read the demo content, so they share one copy (tests/conftest.py);
# the tests above run the command themselves and come first.


def test_the_admin_greets_staff_with_the_sites_name_not_its_host(client, demo):
    client.force_login(get_user_model().objects.get(username="storyteller"))

    dashboard = client.get("/admin/").content.decode()

    assert "Have your say in justice services" in dashboard
    assert "localhost" not in dashboard


def test_a_change_scheduled_on_a_demo_page_leaves_the_page_online_until_then(client, demo):
    page = ContentPage.objects.get(slug="how-involvement-works")
    page.title = "How involvement works, from next week"
    page.go_live_at = timezone.now() + datetime.timedelta(days=7)
    page.save_revision().publish()

    response = client.get("/how-involvement-works/")

    assert response.status_code == 200
    assert "How involvement works, from next week" not in response.content.decode()


def test_the_demo_s_pages_are_found_by_search_and_counted_where_snippets_are_used(client, demo):
    """The demo fills the search and reference indexes once, at the end: every page it
    made is in both, as if an editor had saved it."""
    indexed = set(IndexEntry.objects.values_list("content_type", "object_id"))
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert (page.content_type_id, str(page.pk)) in indexed, page.title
    found = StoryPage.objects.live().search("breakfast club")
    assert "Why I keep going to breakfast club" in [story.title for story in found]
    for area in Area.objects.all():
        uses = ReferenceIndex.get_references_to(area).group_by_source_object()
        assert len(uses) > 0, area.name
