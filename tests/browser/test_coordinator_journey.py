"""A sign-up coordinator's morning, in real Chromium under the admin's Content Security
Policy: find an overdue sign-up, call them, record it, move two more on at once, and
export the list."""

import csv
import datetime
import re

import pytest
from django.utils import timezone

from opportunities.admin_inbox import LIST_EXPORT_ACTION
from opportunities.models import (
    SignUp,
    SignUpStatusChange,
)

from .conftest import publish_opportunity, screenshot

INBOX = "/admin/opportunities/signup/"


@pytest.fixture
def opportunity(demo_site):
    return publish_opportunity(slug="walking-group-coordinator-test")


def sign_up(opportunity, name, days_ago, **fields):
    values = {
        "page": opportunity,
        "preferred_name": name,
        "contact_method": "email",
        "contact_detail": f"{name.lower()}@example.org",
        "consent": True,
        "privacy_notice_version": "2",
    }
    values.update(fields)
    record = SignUp.objects.create(**values)
    SignUp.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return record


def test_a_coordinator_works_through_the_inbox(log_in, staff_user, opportunity, tmp_path):
    casey = staff_user("casey", "Sign-up coordinators", first_name="Casey", last_name="Jones")
    # Two weeks old and still new: past the promised reply date.
    dee = sign_up(opportunity, "Dee", 14, contact_method="phone", contact_detail="0161 496 0000")
    sam = sign_up(opportunity, "Sam", 1)
    robin = sign_up(opportunity, "Robin", 0, contact_method="text", contact_detail="07911 123456")

    page = log_in(casey)
    page.get_by_role("link", name=re.compile(r"Sign-ups")).first.click()
    page.wait_for_url(f"**{INBOX}")

    # The overdue sign-up comes first and says so.
    first_row = page.locator("table.listing tbody tr").first
    assert dee.reference in first_row.inner_text()
    assert "Overdue" in first_row.inner_text()
    screenshot(page, "coordinator-inbox-list")

    first_row.get_by_role("link", name="Open").click()
    page.wait_for_url(f"**{INBOX}inspect/{dee.pk}/")
    assert page.get_by_role("link", name="Call 0161 496 0000").get_attribute("href") == (
        "tel:+441614960000"
    )
    assert page.get_by_role("link", name="Text 0161 496 0000").get_attribute("href") == (
        "sms:+441614960000"
    )
    assert page.get_by_text("yes, ", exact=False).first.is_visible()
    screenshot(page, "coordinator-record")

    page.get_by_role("link", name="Change status").click()
    page.wait_for_url(f"**{INBOX}edit/{dee.pk}/")
    assert page.locator('a[href="tel:+441614960000"]').is_visible()
    page.get_by_label("Contacted").check()
    page.get_by_label("Note (optional)").fill("Phoned, coming on Tuesday")
    page.get_by_role("button", name="Save the change").click()
    page.wait_for_url(f"**{INBOX}")
    assert page.get_by_text(f"Sign-up {dee.reference} is now: Contacted.").is_visible()

    # Two more at once.
    page.get_by_label(f"Select sign-up {sam.reference}").check()
    page.get_by_label(f"Select sign-up {robin.reference}").check()
    page.get_by_label("New status").select_option("contacted")
    page.get_by_label("Note for each history (optional)").fill("Invited to the May walk")
    page.get_by_role("button", name="Change status of ticked sign-ups").click()
    page.wait_for_load_state()
    assert page.get_by_text("2 sign-ups are now: Contacted.").is_visible()

    # Export the list as CSV.
    page.get_by_role("button", name="More actions").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "sign-ups.csv"
    path = tmp_path / "sign-ups.csv"
    download.save_as(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:6] == [
        "Reference",
        "Received",
        "Opportunity",
        "Name",
        "How to contact",
        "Contact detail",
    ]
    by_reference = {row["Reference"]: row for row in rows}
    assert by_reference[dee.reference]["How to contact"] == "Phone call"
    assert by_reference[dee.reference]["Status"] == "Contacted"
    assert by_reference[dee.reference]["Last handled by"] == "Casey Jones"
    assert (
        "Casey Jones: New to Contacted. Note: Phoned, coming on Tuesday"
        in (by_reference[dee.reference]["Status history"])
    )
    assert by_reference[robin.reference]["How to contact"] == "Text message"

    page.watch.assert_clean()

    # What the database holds afterwards.
    for record in (dee, sam, robin):
        record.refresh_from_db()
        assert record.status == "contacted"
        assert record.handled_by == casey
    notes = dict(SignUpStatusChange.objects.values_list("sign_up__reference", "note"))
    assert notes == {
        dee.reference: "Phoned, coming on Tuesday",
        sam.reference: "Invited to the May walk",
        robin.reference: "Invited to the May walk",
    }
    assert set(SignUpStatusChange.objects.values_list("changed_by", flat=True)) == {casey.pk}
    from wagtail.models import ModelLogEntry

    exported = ModelLogEntry.objects.filter(action=LIST_EXPORT_ACTION, user=casey)
    assert sorted(exported.values_list("label", flat=True)) == sorted(
        [dee.reference, sam.reference, robin.reference]
    )
