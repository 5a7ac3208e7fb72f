"""Events: when they happen (worked out from the start in UK time), money, "Run by"
links, and odd months in the address that used to give a server error."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from freezegun import freeze_time

from opportunities.choices import Payment
from tests.factories.events import EventPageFactory, VenueFactory
from tests.pages import card_titles_in

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 6, 1, 9, 0, tzinfo=LONDON)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("information_pages")]


def make_event(index, title, start, **kwargs):
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + datetime.timedelta(hours=2), **kwargs
    )


@pytest.fixture
def week(event_index):
    with freeze_time(NOW):
        yield {
            # Wednesday 2 June 2027 (British Summer Time: UTC+1).
            "morning": make_event(
                event_index, "Morning forum", datetime.datetime(2027, 6, 2, 10, tzinfo=LONDON)
            ),
            # 17:30 in Ayr is 16:30 UTC: still an evening.
            "evening": make_event(
                event_index,
                "Evening feedback",
                datetime.datetime(2027, 6, 2, 17, 30, tzinfo=LONDON),
                payment=Payment.PAID,
                payment_amount="£15 an hour",
            ),
            # 16:30 in Ayr is 15:30 UTC: daytime.
            "afternoon": make_event(
                event_index, "Afternoon café", datetime.datetime(2027, 6, 3, 16, 30, tzinfo=LONDON)
            ),
            # Saturday 5 June.
            "saturday": make_event(
                event_index,
                "Saturday walk",
                datetime.datetime(2027, 6, 5, 10, tzinfo=LONDON),
                payment=Payment.EXPENSES,
                venue=VenueFactory(name="Riverside Library", address="Main Street\nAyr"),
            ),
        }


@freeze_time(NOW)
@pytest.mark.parametrize(
    "when, expected",
    [
        ("daytime", ["Morning forum", "Afternoon café"]),
        ("evening", ["Evening feedback"]),
        ("weekend", ["Saturday walk"]),
    ],
)
def test_when_comes_from_the_start_in_uk_time(client, week, when, expected):
    assert card_titles_in(client.get("/events/", {"when": when})) == expected


@freeze_time(NOW)
def test_money_filter_and_facts(client, week):
    assert card_titles_in(client.get("/events/", {"payment": "paid"})) == ["Evening feedback"]
    assert card_titles_in(client.get("/events/", {"payment": "expenses", "when": "weekend"})) == [
        "Saturday walk"
    ]
    html = client.get(week["evening"].url).content.decode()
    assert "Paid: £15 an hour" in html
    assert '<a href="/money-and-benefits/">' in html


@freeze_time(NOW)
def test_cards_show_the_day_when_and_town(client, week):
    html = client.get("/events/").content.decode()
    card = html.split(">Saturday walk</a>")[1].split("</li>\n    \n")[0]
    assert "<b>When:</b> Saturday (weekend)" in card
    assert "<b>Where:</b> Riverside Library, Ayr" in card
    evening = html.split(">Evening feedback</a>")[1].split("</ul>")[0]
    assert "Wednesday (weekday evening)" in evening
    assert "<b>Money:</b> Paid: £15 an hour" in evening


@freeze_time(NOW)
@pytest.mark.parametrize("path", ["/events/", "/events/past/"])
@pytest.mark.parametrize("month", ["0000-01", "0001-01", "9999-12", "2027-13"])
def test_an_impossible_month_is_dropped_with_a_message_never_a_server_error(week, path, month):
    client = Client(raise_request_exception=False)
    response = client.get(path, {"month": month, "when": "weekend"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a month from the list." in html
    if path == "/events/":
        # The other filters still apply.
        assert card_titles_in(response) == ["Saturday walk"]


@freeze_time(NOW)
@pytest.mark.parametrize("query", [{"when": "midnight"}, {"payment": "lots"}])
def test_bad_when_or_money_gets_a_message(client, week, query):
    response = client.get("/events/", query)
    assert response.status_code == 200
    assert "We showed every" in response.content.decode()
    assert len(card_titles_in(response)) == 4


@freeze_time(NOW)
def test_the_filter_form_sends_to_the_listing_it_is_on(client, week):
    html = client.get("/events/").content.decode()
    assert 'action=""' not in html
    assert 'class="filters" method="get" action="/events/"' in html
    past = client.get("/events/past/").content.decode()
    assert 'class="filters" method="get" action="/events/past/"' in past
