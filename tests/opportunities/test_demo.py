"""Demo content for the catalogue: enough variety to try every filter, safe to rerun."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from opportunities.choices import Level, Status
from opportunities.models import (
    Area,
    EngagementType,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
)

pytestmark = pytest.mark.django_db


def test_demo_content_covers_every_level_type_area_and_group():
    call_command("load_demo_content", stdout=StringIO())
    index = OpportunityIndexPage.objects.get()
    assert index.url_path.endswith("/opportunities/") and index.show_in_menus
    pages = OpportunityPage.objects.live().child_of(index)
    # Every filter has something to find: each level, type, area and group is used.
    assert set(pages.values_list("level", flat=True)) == set(Level.values)
    for field, model in (
        ("engagement_type", EngagementType),
        ("area", Area),
        ("organising_group", OrganisingGroup),
    ):
        used = set(pages.values_list(field, flat=True))
        assert used == set(model.objects.values_list("pk", flat=True)), field
    assert pages.filter(first_step=True, status=Status.OPEN).count() >= 3
    assert pages.filter(status=Status.FULL).exists() and pages.filter(status=Status.CLOSED).exists()


def test_generated_opportunities_are_added_once_and_can_be_found(client):
    call_command("load_demo_content", opportunities=30, stdout=StringIO())
    generated = OpportunityPage.objects.filter(slug__startswith="generated-")
    assert generated.count() == 30
    call_command("load_demo_content", opportunities=30, stdout=StringIO())
    assert generated.count() == 30
    call_command("load_demo_content", opportunities=40, stdout=StringIO())
    assert generated.count() == 40
    assert set(generated.values_list("level", flat=True)) == set(Level.values)

    page = generated.get(slug="generated-7")
    assert client.get(page.url).status_code == 200
    # The search index knows about them too.
    response = client.get("/opportunities/?q=scale&show_closed=on")
    assert "40 opportunities found for “scale”" in response.content.decode()
    index = OpportunityIndexPage.objects.get()
    assert Page.objects.get(pk=index.pk).numchild == index.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])
