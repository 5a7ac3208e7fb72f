"""The demo content agrees with itself and with the source documents: links go to
live pages, groups work in their own areas, events belong to the right opportunity,
and what the listing promises matches what the chooser asks."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import Page

from opportunities.choices import Level
from opportunities.models import EventPage, OpportunityPage

pytestmark = pytest.mark.django_db

NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def test_every_internal_link_in_the_demo_s_page_bodies_opens_a_live_page(client, demo):
    links = set()
    for page in Page.objects.live().specific():
        body = getattr(page, "body", None)
        if body is None:
            continue
        html = body.render_as_block()
        for href in re.findall(r'href="([^"]+)"', str(html)):
            if href.startswith("/") and not href.startswith("//"):
                links.add((href, page.url))
    assert any(href == "/money-and-benefits/" for href, _ in links)
    broken = [
        (href, where)
        for href, where in sorted(links)
        if client.get(href.split("#")[0]).status_code != 200
    ]
    assert broken == []


def test_events_belong_to_an_opportunity_of_their_own_group(demo):
    for event in EventPage.objects.live().select_related(
        "related_opportunity", "organising_group", "area"
    ):
        related = event.related_opportunity
        if related is None:
            continue
        assert related.organising_group_id == event.organising_group_id, event.title
        assert related.area_id == event.area_id, event.title


def test_events_say_what_they_are_part_of_truthfully(demo):
    def part_of(slug):
        related = EventPage.objects.get(slug=slug).related_opportunity
        return related.title if related else None

    assert part_of("peer-research-first-meeting") == "Peer research: ask others about housing"
    assert part_of("recovery-walk-along-the-coast") != "Football on a Wednesday"
    assert part_of("recovery-walk-along-the-coast") == "Organise the recovery walk"
    families = EventPage.objects.get(slug="families-evening")
    assert families.level != Level.INDIVIDUAL
    assert families.who_families
    panel = EventPage.objects.get(slug="interview-panel-training")
    assert panel.payment == "paid" and panel.payment_amount


def test_the_listing_promises_as_many_questions_as_the_chooser_asks(client, demo):
    listing = client.get("/opportunities/").content.decode()
    promised = re.search(r"Answer (\w+) short questions", listing).group(1)
    chooser = client.get("/opportunities/find/").content.decode()
    form = chooser.split('class="chooser-form"')[1].split("</form>")[0]
    asked = len(re.findall(r"<legend>", form))
    assert NUMBER_WORDS[promised] == asked
    assert f"Answer {promised} short questions" in chooser


def test_ready_for_more_never_offers_what_people_cannot_join(client, demo):
    family_group = OpportunityPage.objects.get(slug="family-support-group")
    html = client.get(family_group.url).content.decode()
    assert "Become a peer mentor" not in html.split('id="more-heading"')[-1]
    for page in OpportunityPage.objects.live():
        context = page.get_context(_request(page))
        for other in context["ready_for_more"]:
            if page.who_anyone or other.who_anyone:
                continue
            assert page.who_values & other.who_values, (page.title, other.title)


def _request(page):
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    return request


def test_plain_words_replace_research_words_in_demo_opportunities(demo):
    for page in OpportunityPage.objects.live():
        text = " ".join([page.title, page.summary, str(page.body), page.who_can_take_part])
        assert "mutual aid" not in text.lower() and "mutual-aid" not in text.lower(), page.title
        assert "in custody" not in text.lower(), page.title
