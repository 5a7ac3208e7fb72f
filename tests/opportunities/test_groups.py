"""Groups as pages: /groups/ and one page per group, linked from every "Run by"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from opportunities.choices import Status
from opportunities.models import (
    EventPage,
    GroupIndexPage,
    GroupPage,
    OpportunityPage,
)
from portal.models import HomePage
from tests.factories.opportunities import AreaFactory, OrganisingGroupFactory


class GroupPageTreeTests(WagtailPageTestCase):
    def test_groups_live_under_the_single_group_index(self):
        self.assertAllowedParentPageTypes(GroupIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GroupIndexPage, {GroupPage})
        self.assertAllowedParentPageTypes(GroupPage, {GroupIndexPage})
        self.assertAllowedSubpageTypes(GroupPage, set())
        self.assertEqual(GroupIndexPage.max_count, 1)
        self.assertNotIn(GroupPage, Page.allowed_subpage_models())

    def test_an_editor_can_add_a_group_page(self):
        from portal.demo import create_home_page

        home = create_home_page()
        index = home.add_child(instance=GroupIndexPage(title="Groups", slug="groups"))
        group = OrganisingGroupFactory(name="PING", slug="ping")
        area = AreaFactory(name="South Ayrshire", slug="south-ayrshire")
        self.login()
        self.assertCanCreate(
            index,
            GroupPage,
            nested_form_data(
                {
                    "title": "PING",
                    "slug": "ping",
                    "summary": "People in South Ayrshire.",
                    "group": group.pk,
                    "area": area.pk,
                    "who_we_are": "People who have been through it.",
                    "meets": "Thursdays at the library.",
                    "how_to_join": "Just come along.",
                    "body": streamfield([]),
                }
            ),
        )
        page = GroupPage.objects.get(slug="ping")
        self.assertEqual(group.page, page)
        self.assertEqual(page.url, "/groups/ping/")


@pytest.mark.django_db
def test_the_group_link_costs_no_extra_query(client, make_opportunity, home_page, groups, areas):
    opportunity = make_opportunity("Walking group")
    client.get(opportunity.url)
    with CaptureQueriesContext(connection) as without_page:
        client.get(opportunity.url)
    index = home_page.add_child(instance=GroupIndexPage(title="Groups", slug="groups"))
    index.add_child(
        instance=GroupPage(
            title="M.A.D",
            slug="mad",
            group=groups["mad"],
            area=areas["north-ayrshire"],
            who_we_are="People who have been through it.",
        )
    )
    with CaptureQueriesContext(connection) as with_page:
        html = client.get(opportunity.url).content.decode()
    assert 'href="/groups/mad/"' in html
    assert len(with_page) <= len(without_page)


@pytest.mark.django_db
def test_the_three_groups_each_have_a_page_in_their_own_area(client, demo):
    html = client.get("/groups/").content.decode()
    for path, name, area in [
        ("/groups/ping/", "PING", "South Ayrshire"),
        ("/groups/mad/", "M.A.D", "North Ayrshire"),
        ("/groups/cvn/", "CVN", "East Ayrshire"),
    ]:
        assert f'href="{path}"' in html
        page = client.get(path)
        assert page.status_code == 200
        text = page.content.decode()
        assert name in text and f"<dt>Area</dt><dd>{area}</dd>" in text
        for heading in ("Who we are", "When and where we meet", "How to join"):
            assert heading in text


@pytest.mark.django_db
def test_everything_a_group_runs_is_in_the_group_s_area(demo):
    for group_page in GroupPage.objects.select_related("group", "area"):
        for model in (OpportunityPage, EventPage):
            areas = set(
                model.objects.filter(organising_group=group_page.group).values_list(
                    "area__name", flat=True
                )
            )
            assert areas == {group_page.area.name}, (group_page.title, model.__name__, areas)


@pytest.mark.django_db
def test_a_group_page_shows_what_the_group_runs_and_nothing_else(client, demo):
    cvn = GroupPage.objects.get(slug="cvn")
    html = client.get("/groups/cvn/").content.decode()
    ours = OpportunityPage.objects.live().filter(organising_group=cvn.group, status=Status.OPEN)
    theirs = OpportunityPage.objects.live().exclude(organising_group=cvn.group)
    opportunities = html.split('id="open-heading"')[1].split("</section>")[0]
    for page in ours:
        assert f'href="{page.url}"' in opportunities
    for page in theirs:
        assert f'href="{page.url}"' not in opportunities
    events = html.split('id="events-heading"')[1].split("</section>")[0]
    assert "Football and lunch" in events or "Peer research: first meeting" in events
    assert "Interview panel training" not in events


@pytest.mark.django_db
def test_stories_and_you_said_we_did_about_the_group_s_opportunities(client, demo):
    from stories.models import ChangeRecord, StoryPage

    for group_page in GroupPage.objects.all():
        html = client.get(group_page.url).content.decode()
        stories = StoryPage.objects.live().filter(
            related_opportunities__organising_group=group_page.group
        )
        others = StoryPage.objects.live().exclude(
            related_opportunities__organising_group=group_page.group
        )
        for story in stories[:1]:
            assert story.title in html
        for story in others:
            assert f'href="{story.url}"' not in html
        if ChangeRecord.objects.filter(opportunities__organising_group=group_page.group):
            assert 'id="changes-heading"' in html


@pytest.mark.django_db
def test_run_by_links_to_the_group_page(client, demo):
    opportunity = OpportunityPage.objects.get(slug="help-choose-new-staff")
    html = client.get(opportunity.url).content.decode()
    assert '<dt>Run by</dt><dd><a href="/groups/mad/">Making A Difference (M.A.D.)</a>' in html
    event = EventPage.objects.get(slug="interview-panel-training")
    html = client.get(event.url).content.decode()
    assert '<a href="/groups/mad/">Making A Difference (M.A.D.)</a>, North Ayrshire' in html

    GroupPage.objects.get(slug="mad").unpublish()
    html = client.get(opportunity.url).content.decode()
    assert "/groups/mad/" not in html
    assert "<dt>Run by</dt><dd>Making A Difference (M.A.D.)" in html
