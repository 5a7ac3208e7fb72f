"""Pages made in bulk (generated demo content, the benchmark) are the pages an editor's
would be: in the tree, published, in the search, counted where their snippets are used."""

import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from opportunities.models import OpportunityPage
from portal.bulk_pages import add_live_children_in_bulk
from tests.factories.opportunities import OpportunityPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(catalogue, areas, groups, types):
    pages = [
        OpportunityPageFactory.build(
            title=f"Harbour litter pick {number}",
            slug=f"harbour-litter-pick-{number}",
            summary="Tidy the harbour wall with others.",
            area=areas["east-ayrshire" if number % 2 else "north-ayrshire"],
            organising_group=groups["mad"],
            engagement_type=types["peer-led"],
        )
        for number in range(1, 13)
    ]
    add_live_children_in_bulk(catalogue, pages)
    return pages


def test_pages_made_in_bulk_are_published_where_an_editor_would_put_them(client, catalogue, built):
    assert Page.find_problems() == ([], [], [], [], [])
    catalogue.refresh_from_db()
    assert catalogue.numchild == 12
    page = OpportunityPage.objects.get(slug="harbour-litter-pick-3")
    assert page.live and not page.has_unpublished_changes and page.first_published_at
    # Its first revision is the live one, as after an editor's "Publish".
    assert page.live_revision_id and page.live_revision_id == page.latest_revision_id
    assert page.live_revision.as_object().title == "Harbour litter pick 3"
    assert page.url_path == f"{catalogue.url_path}harbour-litter-pick-3/"
    assert client.get(page.url).status_code == 200
    assert "Harbour litter pick 3" in client.get("/opportunities/").content.decode()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()


def test_pages_made_in_bulk_are_found_by_search_and_counted_as_uses(areas, built):
    found = OpportunityPage.objects.live().search("litter")
    assert len(found) == 12
    east = ReferenceIndex.get_references_to(areas["east-ayrshire"]).group_by_source_object()
    assert len(east) == 6


def test_pages_saved_after_a_bulk_build_are_indexed_as_usual(areas, built, make_opportunity):
    make_opportunity("Beach clean", summary="Litter on the sand.", area=areas["south-ayrshire"])
    assert len(OpportunityPage.objects.live().search("litter")) == 13
    assert len(ReferenceIndex.get_references_to(areas["south-ayrshire"])) == 1
