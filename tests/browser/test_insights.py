"""A sign-up coordinator reads the insights page in Chromium: from the Reports menu,
tables and bar charts with no small counts, a different date range, and the CSV."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opportunities.models import (
    SignUp,
)

from .conftest import axe_violations, publish_opportunity, screenshot

SMALL_CELL = re.compile(r"^\s*[1-4]\s*$")


@pytest.fixture
def opportunities(demo_site):
    return [
        publish_opportunity(
            title, slug=f"insights-{level}", level=level, summary="A short summary."
        )
        for title, level in (("Walking group", "group"), ("Service council", "collective"))
    ]


def add_sign_ups(page, count, when):
    for number in range(count):
        record = SignUp.objects.create(
            page=page,
            preferred_name=f"Person {number}",
            contact_method="email",
            contact_detail=f"person{number}@example.org",
            consent=True,
        )
        SignUp.objects.filter(pk=record.pk).update(created_at=when)


def test_a_coordinator_reads_the_insights(log_in, staff_user, opportunities):
    walking, council = opportunities
    recent = timezone.now() - datetime.timedelta(days=10)
    add_sign_ups(walking, 12, recent)
    add_sign_ups(council, 3, recent)
    add_sign_ups(walking, 6, timezone.make_aware(datetime.datetime(2024, 3, 5, 12)))
    casey = staff_user("casey", "Sign-up coordinators")

    page = log_in(casey)
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Insights").click()
    page.wait_for_url("**/admin/insights/")

    assert page.get_by_role("heading", name="Sign-ups by level").is_visible()
    assert page.locator("main svg[role=img]").count() >= 5
    assert page.get_by_role("img", name=re.compile(r"Sign-ups by level, whole range")).count()
    cells = page.locator("main td").all_inner_texts()
    assert cells, "the page shows tables"
    assert not [cell for cell in cells if SMALL_CELL.match(cell)]
    assert "fewer than 5" in cells
    assert "person0@example.org" not in page.content()
    screenshot(page, "insights")
    assert axe_violations(page) == []

    page.fill("input[name=from]", "2024-01-01")
    page.fill("input[name=to]", "2024-12-31")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/admin/insights/?from=2024-01-01&to=2024-12-31")
    assert page.get_by_text("Mar 2024").first.is_visible()
    level = page.locator("section", has=page.get_by_role("heading", name="Sign-ups by level"))
    assert level.locator("tr", has_text="Group").first.locator("td").inner_text() == "5"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "insights-2024-01-01-to-2024-12-31.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "Sign-ups by level" in text
    assert "Mar 2024,0,5,0,5" in text
    assert "person0@example.org" not in text

    page.fill("input[name=from]", "2019-01-01")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/admin/insights/?from=2019-01-01&to=2024-12-31")
    expect(page.get_by_text("Choose a range of 5 years or less.")).to_be_visible()
    page.watch.assert_clean()
