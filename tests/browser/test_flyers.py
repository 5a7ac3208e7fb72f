"""Flyers on paper: each prints on one A4 sheet, its QR code opens the page's sign-up
form, and the screen view passes axe. Chromium prints them as PDF."""

import io
import re

import pytest
from PIL import Image

from opportunities import demo as opportunities_demo
from opportunities import event_demo
from opportunities.choices import FORMATS, MOTIVATIONS, SUPPORT, WHEN, WHO
from opportunities.models import EventPage, OpportunityIndexPage, OpportunityPage
from opportunities.printing import sign_up_url
from tests.factories.opportunities import OpportunityPageFactory

from .conftest import assert_no_horizontal_scroll, axe_violations, screenshot


@pytest.fixture
def catalogue(demo_site):
    opportunities_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    event_demo.create_demo_content(io.StringIO(), {"opportunities": 0})
    return demo_site


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def demo_flyer_pages():
    pages = [*OpportunityPage.objects.live(), *EventPage.objects.live().upcoming()]
    return [page for page in pages if page.is_taking_sign_ups]


def test_every_flyer_prints_on_one_a4_sheet_even_with_every_fact_filled(catalogue, desktop_page):
    ticks = {
        field: True
        for spec in (FORMATS, SUPPORT, MOTIVATIONS, WHEN, WHO)
        for field, _ in spec.values()
    }
    long_words = " ".join(["Come along and talk with us about what would make things better."] * 5)
    crowded = OpportunityPageFactory(
        parent=OpportunityIndexPage.objects.get(),
        title="A very long name for a group that meets often to talk about how prison and probation could work better",
        summary=long_words[:255],
        location="The community centre on the High Street, next to the library, first floor",
        payment="paid",
        payment_amount="£15 an hour, paid into your bank account within two weeks",
        disclosure_check=True,
        what_you_get="\n".join(f"Something good number {n}" for n in range(10)),
        time_estimate="Two hours a week for twelve weeks, then once a month for as long as you like",
        **ticks,
    )
    flyers = demo_flyer_pages()
    assert len(flyers) > 5
    sheets = {}
    for flyer in flyers:
        desktop_page.goto(catalogue.url + flyer.url + "print/")
        sheets[flyer.title] = pdf_pages(desktop_page.pdf(format="A4"))

    assert crowded.title in sheets
    assert sheets == dict.fromkeys(sheets, 1)


def test_flyer_qr_code_opens_the_sign_up_form(catalogue, desktop_page):
    import zxingcpp

    flyer = OpportunityPage.objects.live().filter(status="open").order_by("title").first()
    page = desktop_page
    page.goto(catalogue.url + flyer.url + "print/")

    image = Image.open(io.BytesIO(page.locator("svg.qr").screenshot()))
    results = zxingcpp.read_barcodes(image)

    assert [result.text for result in results] == [sign_up_url(flyer)]
    assert results[0].text.startswith("http")
    assert results[0].text.endswith(flyer.url + "sign-up/")
    screenshot(page, "flyer-screen")
    assert axe_violations(page) == []


def test_printed_list_keeps_the_filters_and_passes_axe(catalogue, desktop_page):
    page = desktop_page
    page.goto(catalogue.url + "/opportunities/?format=in-custody")
    found = int(re.match(r"\d+", page.get_by_role("status").inner_text()).group())
    page.get_by_role("link", name="Print this list").click()
    page.wait_for_url(re.compile(r"/opportunities/print/\?format=in-custody$"))

    entries = page.locator(".entry")
    assert 0 < entries.count() == found
    assert entries.filter(has_text="In prison").count() == found
    assert axe_violations(page) == []
    screenshot(page, "printed-list-in-custody")


def test_flyer_and_printed_list_fit_a_small_phone_screen(catalogue, browser):
    flyer = OpportunityPage.objects.live().filter(status="open").order_by("title").first()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in (flyer.url + "print/", "/opportunities/print/"):
            page.goto(catalogue.url + path)
            assert_no_horizontal_scroll(page)
        screenshot(page, "printed-list-phone")
    finally:
        context.close()
