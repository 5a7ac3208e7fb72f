"""The insights page: who may see it, what it counts, suppression, dates, CSV, queries."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opportunities.insights import suppression
from opportunities.insights.forms import DateRangeForm, default_range
from opportunities.insights.queries import working_days_between
from opportunities.models import SignUp, SignUpStatusChange
from opportunities.working_days import is_working_day
from tests.factories.events import EventIndexPageFactory, EventPageFactory

from .conftest import make_opportunity

URL = "/admin/insights/"
# A bare count from 1 to 4 in a table cell would let someone be identified.
SMALL_CELL = re.compile(r"<td>\s*[1-4]\s*</td>")


# Suppression, as pure functions --------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, "fewer than 5"), (4, "fewer than 5"), (5, 5), (7, 5), (8, 10), (12, 10)],
)
def test_counts_from_one_to_four_are_hidden_and_others_rounded_to_five(count, shown):
    assert suppression.safe_count(count) == shown


def test_a_hidden_cell_cannot_be_worked_out_from_the_total():
    # One hidden cell (3) beside a shown one (10): the total is rounded on its own.
    hidden, shown = 3, 10
    total = suppression.safe_count(hidden + shown)
    difference = total - suppression.safe_count(shown)
    assert suppression.safe_count(hidden) == "fewer than 5"
    assert difference != hidden


def test_every_small_hidden_value_is_consistent_with_what_is_shown():
    # Whatever the hidden value (1 to 4), the shown numbers could have come from another.
    for shown in range(5, 40):
        for hidden in range(1, 5):
            seen = (suppression.safe_count(shown), suppression.safe_count(shown + hidden))
            alternatives = [
                other
                for other in range(1, 5)
                for other_shown in range(shown - 2, shown + 3)
                if other != hidden
                and other_shown >= 5
                and (
                    suppression.safe_count(other_shown),
                    suppression.safe_count(other_shown + other),
                )
                == seen
            ]
            assert alternatives, (shown, hidden)


def test_shares_and_medians_need_five_records():
    assert suppression.safe_share(3, 4) == "too few to show"
    assert suppression.safe_share(4, 5) == "80%"
    assert suppression.safe_median([1, 2, 3, 4]) == "too few to show"
    assert suppression.safe_median([1, 2, 3, 4, 10]) == "3"
    assert suppression.safe_median([1, 2, 3, 4, 5, 6]) == "3.5"


def test_working_days_skip_weekends_and_bank_holidays(settings):
    settings.BANK_HOLIDAYS = "GB-SCT"
    monday = datetime.date(2026, 11, 30)  # St Andrew's Day
    assert working_days_between(monday - datetime.timedelta(days=3), monday) == 0


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, friday + datetime.timedelta(days=3)) == 1  # Monday
    assert working_days_between(friday, friday + datetime.timedelta(days=7)) == 5


# The date range ---------------------------------------------------------------------------


def test_the_default_range_is_the_last_twelve_months():
    start, end = default_range(datetime.date(2026, 11, 27))
    assert (start, end) == (datetime.date(2025, 12, 1), datetime.date(2026, 11, 27))


def test_a_range_over_five_years_is_refused():
    form = DateRangeForm({"from": "2020-01-01", "to": "2026-01-02"})
    assert not form.is_valid()
    assert "5 years or less" in str(form.errors["date_to"])
    assert form.date_range() == default_range()


# The page ---------------------------------------------------------------------------------


def add_sign_ups(page, count, when=None, contacted_after=None):
    when = when or timezone.now() - datetime.timedelta(days=20)
    made = []
    for number in range(count):
        sign_up = SignUp.objects.create(
            page=page,
            preferred_name=f"Person {number}",
            contact_method="email",
            contact_detail=f"person{number}@example.org",
            consent=True,
            created_at=when,
        )
        if contacted_after is not None:
            SignUpStatusChange.objects.create(
                sign_up=sign_up,
                changed_at=when + contacted_after,
                from_status="new",
                to_status="contacted",
            )
            SignUp.objects.filter(pk=sign_up.pk).update(status="contacted")
        made.append(sign_up)
    return made


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_coordinators_see_the_page_and_the_menu_item(admin_client, site, opportunity):
    response = admin_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sign-ups by level" in content
    assert "Sign-ups by organising group" in content
    assert "Outcomes by status" in content
    assert "<svg" in content
    assert "<script" not in content.split("<main")[1].split("</main>")[0]
    home = admin_client.get("/admin/").content.decode()
    assert URL in home


def test_superusers_see_the_page(client, make_user, site):
    client.force_login(make_user("boss", superuser=True))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_editors_and_moderators_are_refused_and_see_no_menu_item(client, request, site, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?format=csv").status_code == 403
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_people_are_sent_to_log_in(client, site):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_small_counts_show_as_fewer_than_five(admin_client, site, opportunity):
    add_sign_ups(opportunity, 3)
    content = admin_client.get(URL).content.decode()
    assert "fewer than 5" in content
    assert not SMALL_CELL.search(content)
    assert "Person 0" not in content
    assert "person0@example.org" not in content


def test_sign_ups_are_counted_by_level_area_and_group(admin_client, site, catalogue, opportunity):
    add_sign_ups(opportunity, 10)
    collective = make_opportunity(catalogue, "Service council", slug="council", level="collective")
    add_sign_ups(collective, 15)
    content = admin_client.get(URL).content.decode()
    level = content.split('id="heading-level"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">Group</th><td>10</td>", level)
    assert re.search(r"<th scope=\"row\">Collective</th><td>15</td>", level)
    area = content.split('id="heading-area"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">North</th><td>25</td>", area)
    group = content.split('id="heading-group"')[1].split("</section>")[0]
    assert "Probation Voices" in group
    assert 'aria-labelledby="chart-level-title"' in level


def test_sign_ups_for_events_are_counted_by_the_event_facts(admin_client, site, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Recovery walk", level="individual")
    add_sign_ups(event, 5)
    content = admin_client.get(URL).content.decode()
    level = content.split('id="heading-level"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">Individual</th><td>5</td>", level)
    area = content.split('id="heading-area"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">East Ayrshire</th><td>5</td>", area)
    assert "Not known" not in level


def test_outcomes_count_each_status(admin_client, site, opportunity):
    add_sign_ups(opportunity, 5)
    add_sign_ups(opportunity, 10, contacted_after=datetime.timedelta(days=1))
    content = admin_client.get(URL).content.decode()
    outcomes = content.split('id="heading-outcomes"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">New</th><td>5</td>", outcomes)
    assert re.search(r"<th scope=\"row\">Contacted</th><td>10</td>", outcomes)


def last_monday_before(days_ago):
    """A Monday at least ``days_ago`` days back with no bank holiday in the 3 weeks after."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    while day.weekday() != 0 or not all(
        is_working_day(day + datetime.timedelta(days=n)) for n in range(21) if n % 7 < 5
    ):
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_time_to_first_contact_against_the_promise(admin_client, site, opportunity):
    monday = last_monday_before(14)
    add_sign_ups(opportunity, 4, when=monday, contacted_after=datetime.timedelta(days=1))
    # Contacted on the Monday after: 5 working days, still within the promise of 5.
    add_sign_ups(opportunity, 2, when=monday, contacted_after=datetime.timedelta(days=7))
    # Contacted 9 working days later: late.
    add_sign_ups(opportunity, 1, when=monday, contacted_after=datetime.timedelta(days=11))
    content = admin_client.get(URL).content.decode()
    contact = content.split('id="heading-contact"')[1].split("</section>")[0]
    assert "<dd>1</dd>" in contact  # median working days
    assert "<dd>86%</dd>" in contact  # 6 of 7 on time


def test_time_to_first_contact_from_too_few_sign_ups_is_not_shown(admin_client, site, opportunity):
    add_sign_ups(opportunity, 4, contacted_after=datetime.timedelta(days=1))
    contact = admin_client.get(URL).content.decode().split('id="heading-contact"')[1]
    assert contact.split("</section>")[0].count("too few to show") == 2


def test_quiet_opportunities_are_listed_with_their_edit_link(
    admin_client, site, catalogue, opportunity
):
    quiet = make_opportunity(catalogue, "Quiet forum", slug="quiet-forum")
    add_sign_ups(opportunity, 1)
    content = admin_client.get(URL).content.decode()
    section = content.split('id="heading-quiet"')[1].split("</section>")[0]
    assert f'href="/admin/pages/{quiet.pk}/edit/">Quiet forum</a>' in section
    assert "Walking group" not in section


def test_a_bad_date_gets_a_message_and_the_default_range(admin_client, site, opportunity):
    response = admin_client.get(URL + "?from=not-a-date&to=2026-13-45")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a real date" in content
    start, end = default_range()
    assert f"{start:%-d %B %Y} to {end:%-d %B %Y}" in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2019-01-01&to=2026-01-01", "5 years or less"),
        ("?from=2026-05-01&to=2026-01-01", "must be the same as or after"),
        ("?from=1066-10-14&to=1067-01-01", "Enter a date between 2000 and 2099"),
        ("?from=2026-01-01&to=9999-12-31", "Enter a date between 2000 and 2099"),
    ],
)
def test_refused_ranges_get_a_message(admin_client, site, query, message):
    response = admin_client.get(URL + query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_chosen_range_counts_only_its_sign_ups(admin_client, site, opportunity):
    add_sign_ups(opportunity, 10, when=timezone.make_aware(datetime.datetime(2024, 3, 5, 12)))
    add_sign_ups(opportunity, 5)
    content = admin_client.get(URL + "?from=2024-01-01&to=2024-06-30").content.decode()
    assert "Mar 2024" in content
    level = content.split('id="heading-level"')[1].split("</section>")[0]
    assert re.search(r"<th scope=\"row\">Group</th><td>10</td>", level)


def test_the_csv_has_the_same_suppressed_numbers(admin_client, site, opportunity):
    add_sign_ups(opportunity, 3)
    response = admin_client.get(URL + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row[1:]]
    assert "fewer than 5" in cells
    assert not {"1", "2", "3", "4"} & set(cells)
    assert "Sign-ups by level" in [row[0] for row in rows if row]
    assert "person0@example.org" not in response.content.decode()


def page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
        assert client.get(URL + "?format=csv").status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_sign_ups(
    admin_client, site, catalogue, opportunity, django_assert_max_num_queries
):
    other = make_opportunity(catalogue, "Service council", slug="council", level="collective")
    add_sign_ups(opportunity, 3, contacted_after=datetime.timedelta(days=1))
    add_sign_ups(other, 2)
    with_five = page_queries(admin_client)
    add_sign_ups(opportunity, 25, contacted_after=datetime.timedelta(days=2))
    add_sign_ups(other, 20, when=timezone.now() - datetime.timedelta(days=100))
    assert SignUp.objects.count() == 50
    with django_assert_max_num_queries(with_five):
        admin_client.get(URL)
        admin_client.get(URL + "?format=csv")


def test_the_date_fields_show_the_range_in_use(admin_client, site):
    start, end = default_range()
    content = admin_client.get(URL).content.decode()
    assert f'name="from" value="{start:%Y-%m-%d}"' in content
    assert f'name="to" value="{end:%Y-%m-%d}"' in content
