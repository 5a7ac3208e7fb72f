"""An editor keeps the catalogue current, in Chromium, under the admin's policy: every
chooser a catalogue page uses (snippets, pages, images, documents), the block editor,
rich text, the date pickers and the preview, then publishing."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image

from opportunities.models import EventIndexPage, EventPage, OpportunityIndexPage, OpportunityPage

from .conftest import screenshot


@pytest.fixture
def catalogue(demo_site):
    from opportunities import demo as opportunities_demo
    from opportunities import event_demo

    opportunities_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    event_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    return OpportunityIndexPage.objects.get(), EventIndexPage.objects.get()


def picture(tmp_path):
    path = tmp_path / "paint-pots.png"
    Image.new("RGB", (80, 60), (200, 100, 50)).save(path)
    return path


def leaflet(tmp_path):
    path = tmp_path / "art-group-leaflet.pdf"
    path.write_bytes(b"%PDF-1.4\n% a one-line leaflet\n%%EOF\n")
    return path


def choose_in_modal(page, opener, item):
    """Open a chooser, wait for its modal and pick ``item`` by its visible name."""
    page.get_by_role("button", name=opener).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=item, exact=True).click()
    modal.wait_for(state="detached")


def search_and_choose(modal, title):
    """Find a page by its title in the page chooser's search and pick it."""
    modal.get_by_role("textbox", name="Search term").fill(title)
    modal.get_by_role("link", name=title, exact=True).click()
    modal.wait_for(state="detached")


def publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def test_an_editor_publishes_an_opportunity_and_an_event_with_two_places(
    catalogue, staff_user, log_in, tmp_path, live_server
):
    opportunities, events = catalogue
    editor = staff_user("editor", "Editors", first_name="Eddie", last_name="Stone")
    page = log_in(editor)

    # The opportunity ---------------------------------------------------------------
    page.goto(f"/admin/pages/add/opportunities/opportunitypage/{opportunities.pk}/")
    page.fill("#id_title", "Thursday evening art group")
    page.fill("#id_summary", "Paint and talk with others at the library.")

    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator(".Draftail-Editor [contenteditable=true]").first
    paragraph.fill("Read the leaflet first.")
    # A document link on the word "leaflet": upload it in the document chooser.
    paragraph.press("End")
    for _ in range(len("leaflet.")):
        paragraph.press("Shift+ArrowLeft")
    page.get_by_role("button", name="Document").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(leaflet(tmp_path))
    modal.locator("input[name$='title']").fill("Art group leaflet")
    modal.locator("[type=submit]").last.click()
    modal.wait_for(state="detached")

    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Image").click()
    page.get_by_role("button", name="Choose an image").click()
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(picture(tmp_path))
    modal.locator("input[name='image-chooser-upload-title']").fill("Paint pots")
    modal.locator("input[name='image-chooser-upload-description']").fill("Pots of paint")
    modal.locator("[type=submit]").last.click()
    modal.wait_for(state="detached")

    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Call to action").click()
    page.locator("input[name$='-value-text']").last.fill("See what's on")
    page.get_by_role("button", name="Choose a page").last.click()
    search_and_choose(modal, "What's on")

    page.get_by_role("tab", name="Facts for choosing").click()
    page.select_option("#id_level", "group")
    choose_in_modal(page, "Choose type of engagement", "Peer-led work")
    choose_in_modal(page, "Choose area", "North Ayrshire")
    choose_in_modal(page, "Choose organising group", "Making A Difference (M.A.D.)")
    page.fill("#id_who_can_take_part", "Anyone who has been in prison, and their families.")
    page.fill("#id_location", "Saltcoats library")
    page.check("#id_format_in_person")
    page.check("#id_support_food")
    page.select_option("#id_commitment", "ongoing")
    page.fill("#id_time_estimate", "2 hours a week")

    page.get_by_role("tab", name="Sign-ups").click()
    page.fill("#id_contact_email", "art@example.org")

    # Once every required field is filled in, the editor saves a draft by itself.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_text("Saved", exact=True).wait_for()

    # The preview panel shows the page as it would look, before it is published.
    with page.expect_response(
        lambda response: "/preview/" in response.url and response.request.method == "GET"
    ) as shown:
        page.get_by_role("button", name="Toggle preview").click()
    assert shown.value.status == 200
    assert "Thursday evening art group" in shown.value.text()
    page.get_by_role("button", name="Toggle preview").click()

    screenshot(page, "admin-editor-opportunity")
    publish(page)

    opportunity = OpportunityPage.objects.get(title="Thursday evening art group")
    assert opportunity.live
    assert opportunity.engagement_type.name == "Peer-led work"
    assert opportunity.area.name == "North Ayrshire"
    assert opportunity.organising_group.name == "Making A Difference (M.A.D.)"
    blocks = [block.block_type for block in opportunity.body]
    assert blocks == ["paragraph", "image", "call_to_action"]
    assert opportunity.body[1].value.contextual_alt_text or opportunity.body[1].value.title
    assert 'linktype="document"' in opportunity.body[0].value.source
    assert opportunity.body[2].value["page"].specific == events

    # The event, two places, tied to the opportunity --------------------------------
    start = timezone.localtime() + datetime.timedelta(days=14)
    start = start.replace(hour=18, minute=0, second=0, microsecond=0)
    page.goto(f"/admin/pages/add/opportunities/eventpage/{events.pk}/")
    page.fill("#id_title", "Art group taster evening")
    page.fill("#id_summary", "Come and try the art group. Tea and biscuits.")
    page.get_by_role("tab", name="When and where").click()
    page.fill("#id_start", start.strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_end", (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")
    choose_in_modal(page, "Choose venue", page_first_venue_name(page))
    page.get_by_role("tab", name="Facts for choosing").click()
    page.select_option("#id_level", "group")
    choose_in_modal(page, "Choose type of engagement", "Peer-led work")
    choose_in_modal(page, "Choose area", "North Ayrshire")
    choose_in_modal(page, "Choose organising group", "Making A Difference (M.A.D.)")
    page.fill("#id_location", "Saltcoats library")
    page.get_by_role("tab", name="Sign-ups").click()
    page.fill("#id_capacity", "2")
    page.get_by_role("button", name="Choose a page (Opportunity)").click()
    search_and_choose(modal, "Thursday evening art group")
    screenshot(page, "admin-editor-event")
    publish(page)

    event = EventPage.objects.get(title="Art group taster evening")
    assert event.live
    assert event.capacity == 2
    assert event.related_opportunity.specific == opportunity
    assert timezone.localtime(event.start) == start

    # What the public sees.
    page.goto(event.get_url())
    assert page.get_by_text("2 of 2 places left").is_visible()
    page.goto(opportunity.get_url())
    assert page.get_by_role("link", name="Art group taster evening").first.is_visible()

    page.watch.assert_clean()


def page_first_venue_name(page):
    from opportunities.models import Venue

    return Venue.objects.order_by("name").first().name
