from io import StringIO

from django.core.management import call_command

from opportunities.models import EventPage

from .conftest import assert_no_horizontal_scroll, axe_violations, screenshot


def _demo_events():
    call_command("load_demo_content", stdout=StringIO())
    upcoming = EventPage.objects.live().upcoming()
    full = next(event for event in upcoming if event.capacity and event.places_left() == 0)
    return upcoming.first(), full


def test_whats_on_and_an_event_page_work_on_a_phone(demo_site, phone_page):
    first, _ = _demo_events()
    phone_page.goto(demo_site.url + "/events/")
    assert phone_page.get_by_role("status").inner_text().endswith("coming up")
    assert axe_violations(phone_page) == []
    assert_no_horizontal_scroll(phone_page)
    screenshot(phone_page, "events-phone")

    phone_page.goto(demo_site.url + first.url)
    assert phone_page.get_by_role("heading", level=1).inner_text() == first.title
    assert phone_page.get_by_role("link", name="Add to your calendar").is_visible()
    assert axe_violations(phone_page) == []
    assert_no_horizontal_scroll(phone_page)
    screenshot(phone_page, "event-phone")


def test_a_full_event_offers_the_waiting_list(demo_site, phone_page):
    _, full = _demo_events()
    phone_page.goto(demo_site.url + full.url)
    assert phone_page.get_by_text("Full – you can join the waiting list").is_visible()
    phone_page.get_by_role("link", name="Join the waiting list").click()
    assert phone_page.get_by_text("All the places are taken.").is_visible()
    phone_page.get_by_label("What should we call you?").fill("Robin")
    phone_page.locator("input[name=contact_method][value=email]").check()
    phone_page.get_by_label("Your e-mail address or phone number").fill("robin@example.org")
    phone_page.locator("#id_consent").check()
    phone_page.get_by_role("button", name="Send my sign-up").click()
    assert phone_page.get_by_role("heading", level=1).inner_text() == (
        "Thank you, you are on the waiting list"
    )
    assert axe_violations(phone_page) == []
    screenshot(phone_page, "event-waiting-list-phone")
