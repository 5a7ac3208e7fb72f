"""Paper for people who are not online: a one-page flyer for each opportunity and
event at <page URL>print/, and the printed catalogue at /opportunities/print/."""

import re

import pytest
from django.test import Client

from opportunities.choices import Level, Status
from opportunities.models import SignUp
from opportunities.printing import CATALOGUE_LIMIT
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

SITE_MENU = 'class="site-header'


@pytest.fixture
def survey(make_opportunity):
    return make_opportunity(
        "Probation survey",
        level=Level.INDIVIDUAL,
        payment="voucher",
        payment_amount="A £20 voucher",
        what_you_get="A certificate\nLunch",
        support_travel=True,
        format_in_custody=True,
        when_evening=True,
        time_estimate="About 20 minutes",
    )


def text_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_flyer_is_a_plain_sheet_with_the_facts_and_an_absolute_sign_up_address(client, survey):
    response = client.get(survey.url + "print/")

    assert response.status_code == 200
    html = response.content.decode()
    assert SITE_MENU not in html
    assert "portal.css" not in html
    assert "print.css" in html
    assert "<script" not in html
    text = text_of(response)
    assert "Probation survey" in text
    assert "A voucher: A £20 voucher" in text
    assert "Weekday evening. About 20 minutes" in text
    assert "Making A Difference" in text  # who runs it
    assert "A certificate" in text and "Lunch" in text
    assert "Bus fares paid" in text
    assert "0300 123 4567" in text  # the phone number in site settings
    assert "http://localhost/opportunities/probation-survey/sign-up/" in html
    assert "<svg" in html and 'class="qr"' in html


def test_flyer_slip_asks_what_a_paper_sign_up_needs(client, survey):
    text = text_of(client.get(survey.url + "print/"))

    assert "Cut here" in text
    assert "Sign-up slip: Probation survey" in text
    assert f"code P{survey.pk}" in text
    assert "What should we call you?" in text
    for method in ("E-mail", "Phone call", "Text message", "Through my support or key worker"):
        assert method in text
    assert "Your phone number or e-mail" in text
    assert "Tick to say yes" in text


def test_flyer_for_a_closed_opportunity_says_so_and_has_no_slip(client, make_opportunity):
    closed = make_opportunity("Old forum", status=Status.CLOSED)

    response = client.get(closed.url + "print/")

    assert response.status_code == 200
    text = text_of(response)
    assert "You cannot sign up for this right now" in text
    assert "Cut here" not in text
    assert "<svg" not in response.content.decode()


def test_event_flyer_says_when_and_where(client, home_page, information_pages):
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=events, title="Forum meeting")

    response = client.get(event.url + "print/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Forum meeting" in text
    assert event.venue.name in text
    assert f"code E{event.pk}" in text
    assert f"http://localhost{event.url}sign-up/" in response.content.decode()


def test_flyer_shows_no_one_s_details_and_sets_no_cookie(client, survey):
    SignUp.objects.create(
        page=survey, preferred_name="Zebedee", contact_method="phone", contact_detail="07700 900123"
    )

    response = client.get(survey.url + "print/")

    assert "Zebedee" not in response.content.decode()
    assert "07700 900123" not in response.content.decode()
    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


def test_listing_links_to_the_printed_list_with_the_same_filters(client, catalogue, survey):
    response = client.get(catalogue.url + "?format=in-custody&page=1")

    assert 'href="/opportunities/print/?format=in-custody">Print this list</a>' in (
        response.content.decode()
    )


def test_printed_list_honours_the_filters_and_is_not_paged(
    client, catalogue, survey, make_opportunity
):
    make_opportunity("Walking group", level=Level.GROUP, format_in_person=True)
    for number in range(14):
        make_opportunity(f"Survey {number:02}", format_in_custody=True)

    everything = client.get(catalogue.url + "print/")
    in_custody = client.get(catalogue.url + "print/?format=in-custody")
    groups = client.get(catalogue.url + "print/?level=group")

    assert everything.status_code == 200
    assert SITE_MENU not in everything.content.decode()
    assert text_of(everything).count("Code P") == 16  # more than a listing page of 12
    assert "Walking group" not in text_of(in_custody)
    assert text_of(in_custody).count("Code P") == 15
    assert "Probation survey" in text_of(in_custody)
    assert text_of(groups).count("Code P") == 1
    assert "http://localhost/opportunities/walking-group/sign-up/" in groups.content.decode()
    assert groups.content.decode().count("<svg") == 1


def test_printed_list_stops_at_its_limit_and_says_so(client, catalogue, make_opportunity, settings):
    import opportunities.printing

    for number in range(3):
        make_opportunity(f"Survey {number}")
    limit = CATALOGUE_LIMIT
    opportunities.printing.CATALOGUE_LIMIT = 2
    try:
        text = text_of(client.get(catalogue.url + "print/"))
    finally:
        opportunities.printing.CATALOGUE_LIMIT = limit

    assert text.count("Code P") == 2
    assert "3 things you can do" in text
    assert "This list shows the first 2" in text


@pytest.mark.parametrize(
    "query",
    [
        "?area=nowhere&level=<script>",
        "?format=moon&support=x&support=travel&when=never",
        "?page=abc",
        "?page=9999",
        "?q=%22%28*&type=%00",
        "?first_step=maybe&payment=lots&who=everyone",
    ],
)
def test_printed_list_never_fails_on_bad_filters(catalogue, survey, query):
    response = Client(raise_request_exception=False).get(catalogue.url + "print/" + query)

    assert response.status_code == 200


def test_an_open_opportunity_offers_its_flyer(client, survey):
    html = client.get(survey.url).content.decode()

    assert f'href="{survey.url}print/">Print a flyer</a>' in html
