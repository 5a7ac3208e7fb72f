"""What a sign-up coordinator sees: plain labels, contact links, the reply-by date and
the overdue flag, changing several sign-ups at once, and exports a person can read."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from opportunities.admin_inbox import LIST_EXPORT_ACTION
from opportunities.models import SignUp, SignUpStatusChange
from opportunities.models.signups import overdue_cutoff
from portal.models import SiteSettings

from .conftest import COORDINATORS

pytestmark = pytest.mark.django_db

LIST = reverse("opportunities_signup_modeladmin_index")
BULK = reverse("opportunities_signup_modeladmin_bulk_status")
# Friday 27 November 2026, in the afternoon.
NOW = "2026-11-27 14:00"


def inspect_url(sign_up):
    return reverse("opportunities_signup_modeladmin_inspect", args=[sign_up.pk])


def edit_url(sign_up):
    return reverse("opportunities_signup_modeladmin_edit", args=[sign_up.pk])


def make(opportunity, **fields):
    values = {
        "page": opportunity,
        "preferred_name": "Dee",
        "contact_method": "phone",
        "contact_detail": "0161 496 0000",
        "consent": True,
        "privacy_notice_version": "2",
    }
    values.update(fields)
    return SignUp.objects.create(**values)


def received(sign_up, when):
    SignUp.objects.filter(pk=sign_up.pk).update(created_at=when)
    sign_up.refresh_from_db()
    return sign_up


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


@pytest.fixture
def casey(make_user):
    user = make_user("casey", COORDINATORS)
    user.first_name, user.last_name = "Casey", "Jones"
    user.save()
    return user


def terms(html):
    return [
        re.sub(r"<[^>]+>", "", term).strip() for term in re.findall(r"<dt[^>]*>(.*?)</dt>", html)
    ]


def list_row(html, sign_up):
    """The list's row for one sign-up."""
    match = re.search(rf'<tr[^>]*data-object-pk="{sign_up.pk}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, sign_up.reference
    return match.group(1)


def rows_of(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


# The record page and the status page ----------------------------------------------------


@freeze_time(NOW)
def test_record_page_speaks_plainly(client, casey, opportunity, site):
    sign_up = make(opportunity, support_needs="A quiet room")
    client.force_login(casey)
    html = client.get(inspect_url(sign_up)).content.decode()

    assert "yes, 27 Nov 2026, privacy notice v2" in html
    labels = terms(html)
    assert "Agreed to be contacted" in labels
    # Every label starts with a capital letter, none is a raw field name.
    assert all(label[:1].isupper() for label in labels), labels
    for raw in ("consent", "privacy_notice_version", "contact_method", "True", "False"):
        assert f"<dd>{raw}</dd>" not in html and raw not in labels
    for label in ("Phone call", "Online form", "New", "A quiet room", "Walking group"):
        assert label in html


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"contact_method": "phone", "contact_detail": "0161 496 0000"},
            ["tel:+441614960000", "sms:+441614960000"],
        ),
        (
            {"contact_method": "text", "contact_detail": "07911 123456"},
            ["sms:+447911123456", "tel:+447911123456"],
        ),
        (
            {"contact_method": "email", "contact_detail": "sam@example.org"},
            ["mailto:sam@example.org"],
        ),
        (
            {
                "contact_method": "worker",
                "contact_detail": "",
                "worker_name": "Jo Keyworker",
                "worker_contact": "jo.keyworker@example.org",
            },
            ["mailto:jo.keyworker@example.org"],
        ),
        (
            {
                "contact_method": "worker",
                "contact_detail": "",
                "worker_name": "Jo Keyworker",
                "worker_contact": "0161 496 0999",
            },
            ["tel:+441614960999"],
        ),
    ],
    ids=["phone", "text", "email", "worker-email", "worker-phone"],
)
def test_contact_links_fit_the_contact_method(client, casey, opportunity, site, fields, expected):
    sign_up = make(opportunity, **fields)
    client.force_login(casey)
    for url in (inspect_url(sign_up), edit_url(sign_up)):
        html = client.get(url).content.decode()
        found = re.findall(r'href="((?:tel|sms|mailto):[^"]*)"', html)
        assert found == expected, url
        if fields.get("worker_name"):
            assert "Jo Keyworker" in html


def test_status_page_shows_who_to_contact_and_by_when(client, casey, opportunity, site):
    settings = SiteSettings.for_site(site)
    settings.response_days = 3
    settings.save()
    with freeze_time("2026-11-27 14:00"):  # a Friday
        sign_up = make(opportunity)
    with freeze_time("2026-11-30 09:00"):
        client.force_login(casey)
        html = client.get(edit_url(sign_up)).content.decode()
    assert "Dee" in html
    assert 'href="tel:+441614960000"' in html
    assert "Reply by" in html
    # Three working days after Friday, with Monday 30 November St Andrew's Day: Thursday.
    assert "Thursday 3 December 2026" in html
    assert "Overdue" not in html
    with freeze_time("2026-12-04 09:00"):
        client.force_login(casey)
        html = client.get(edit_url(sign_up)).content.decode()
    assert "Overdue" in html


# Overdue ------------------------------------------------------------------------------


def references_in_order(html, sign_ups):
    found = {sign_up.reference: html.index(sign_up.reference) for sign_up in sign_ups}
    return sorted(found, key=found.get)


@freeze_time(NOW)
def test_overdue_ones_come_first_are_flagged_and_can_be_filtered(client, casey, opportunity, site):
    settings = SiteSettings.for_site(site)
    settings.response_days = 5
    settings.save()
    old_overdue = received(make(opportunity), at("2026-11-02 10:00"))
    new_overdue = received(make(opportunity), at("2026-11-16 10:00"))
    # Reply by Friday 27 November, today: not overdue yet.
    due_today = received(make(opportunity), at("2026-11-20 10:00"))
    today = make(opportunity)
    answered = received(make(opportunity, status="contacted"), at("2026-10-01 10:00"))
    everyone = [old_overdue, new_overdue, due_today, today, answered]
    client.force_login(casey)

    html = client.get(LIST).content.decode()
    assert references_in_order(html, everyone) == [
        sign_up.reference for sign_up in (new_overdue, old_overdue, today, due_today, answered)
    ]
    rows = {s.reference: list_row(html, s) for s in everyone}
    assert {ref for ref, row in rows.items() if "Overdue" in row} == {
        old_overdue.reference,
        new_overdue.reference,
    }

    def listed(query):
        page = client.get(LIST + query).content.decode()
        return {s.reference for s in everyone if s.reference in page}

    assert listed("?overdue=yes") == {old_overdue.reference, new_overdue.reference}
    assert listed("?overdue=no") == {due_today.reference, today.reference, answered.reference}


def test_the_list_and_the_record_agree_on_overdue_every_day(opportunity):
    """The database filter and each record's reply-by date use the same working days."""
    sign_up = make(opportunity)
    for days in (1, 3, 5, 10):
        for offset in range(21):
            created = at("2026-11-02 23:30") + datetime.timedelta(days=offset)
            received(sign_up, created)
            for today in (datetime.date(2026, 11, 20), datetime.date(2026, 12, 7)):
                annotated = SignUp.objects.with_overdue(days, today).get(pk=sign_up.pk)
                assert annotated.overdue == sign_up.is_overdue(days, today), (days, created)
    # On Monday 7 December, five working days back in Scotland skips St Andrew's Day
    # (Monday 30 November): a sign-up from Thursday 26th was due on Friday 4th, one
    # from Friday 27th is due today.
    assert overdue_cutoff(5, datetime.date(2026, 12, 7)).date() == datetime.date(2026, 11, 27)


# Several at once ------------------------------------------------------------------------


def test_bulk_status_change_records_each_history(client, casey, opportunity, site):
    first, second, untouched = (make(opportunity, preferred_name=n) for n in "ABC")
    client.force_login(casey)
    html = client.get(LIST + "?status=new").content.decode()
    assert 'id="bulk-status"' in html
    assert f'name="sign_ups" value="{first.pk}"' in html

    response = client.post(
        BULK,
        {
            "sign_ups": [first.pk, second.pk],
            "status": "contacted",
            "note": "Invited to the May session",
            "return_query": "status=new&preferred_name__startswith=A",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == LIST + "?status=new"
    for sign_up in (first, second):
        sign_up.refresh_from_db()
        assert sign_up.status == "contacted"
        assert sign_up.handled_by == casey
        change = sign_up.status_changes.get()
        assert (change.from_status, change.to_status, change.note, change.changed_by) == (
            "new",
            "contacted",
            "Invited to the May session",
            casey,
        )
        assert ModelLogEntry.objects.filter(object_id=str(sign_up.pk), action="wagtail.edit")
    untouched.refresh_from_db()
    assert untouched.status == "new"
    assert not untouched.status_changes.exists()
    page = client.get(response["Location"]).content.decode()
    assert "2 sign-ups are now: Contacted." in page


def test_bulk_change_with_nothing_ticked_says_so(client, casey, opportunity):
    make(opportunity)
    client.force_login(casey)
    response = client.post(BULK, {"status": "contacted"}, follow=True)
    assert "Tick the sign-ups you want to change" in response.content.decode()
    assert SignUpStatusChange.objects.count() == 0


def test_bulk_change_needs_change_permission(client, make_user, access_admin, opportunity):
    sign_up = make(opportunity)
    viewer = make_user("viewer")
    viewer.user_permissions.add(access_admin, Permission.objects.get(codename="view_signup"))
    client.force_login(viewer)
    html = client.get(LIST).content.decode()
    assert sign_up.reference in html
    assert 'id="bulk-status"' not in html
    assert 'name="sign_ups"' not in html

    response = client.post(BULK, {"sign_ups": [sign_up.pk], "status": "withdrawn"})
    assert response.status_code in (302, 403)
    sign_up.refresh_from_db()
    assert sign_up.status == "new"
    assert not sign_up.status_changes.exists()


# Exports ------------------------------------------------------------------------------

HEADINGS = [
    "Reference",
    "Received",
    "Opportunity",
    "Name",
    "How to contact",
    "Contact detail",
    "Support or key worker's name",
    "Support or key worker's phone or e-mail",
    "Anything that would help them take part",
    "Status",
    "Reply by",
    "Overdue",
    "Staff notes",
    "Status history",
    "Last handled by",
    "Last handled",
    "How it was taken",
    "Agreed to be contacted",
    "How they agreed",
]


@pytest.fixture
def worked_on(opportunity, casey):
    with freeze_time(NOW):
        sign_up = make(
            opportunity,
            preferred_name="Alex",
            contact_method="worker",
            contact_detail="",
            worker_name="Jo Keyworker",
            worker_contact="jo.keyworker@example.org",
            staff_notes="Needs a lift from the station",
        )
    with freeze_time("2026-11-30 10:15"):
        sign_up.change_status("contacted", casey, "Spoke to Jo, Alex will come")
    return sign_up


def test_csv_export_has_readable_headings_labels_notes_and_history(client, casey, worked_on):
    client.force_login(casey)
    response = client.get(LIST + "?export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="sign-ups.csv"'
    rows = rows_of(response)
    assert rows[0] == HEADINGS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["How to contact"] == "Through my support or key worker"
    assert row["Status"] == "Contacted"
    assert row["How it was taken"] == "Online form"
    assert row["Staff notes"] == "Needs a lift from the station"
    assert row["Last handled by"] == "Casey Jones"
    assert row["Agreed to be contacted"] == "yes, 27 Nov 2026, privacy notice v2"
    assert row["Received"] == "2026-11-27 14:00"
    assert row["Status history"] == (
        "30 Nov 2026, 10:15, Casey Jones: New to Contacted. Note: Spoke to Jo, Alex will come"
    )
    for raw in ("worker", "contacted", "online"):
        assert raw not in rows[1]


def test_xlsx_export_has_the_same_headings_and_labels(client, casey, worked_on):
    from openpyxl import load_workbook

    worked_on.staff_notes = "=1+1"
    worked_on.save()
    client.force_login(casey)
    response = client.get(LIST + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    # A cell that looks like a formula is kept as text.
    notes = next(workbook.active.iter_rows(min_row=2, max_row=2))[HEADINGS.index("Staff notes")]
    assert (notes.value, notes.data_type) == ("=1+1", "s")
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["How to contact"] == "Through my support or key worker"
    assert row["Status"] == "Contacted"
    assert row["Last handled by"] == "Casey Jones"
    assert "Spoke to Jo" in row["Status history"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(client, casey, opportunity, start):
    payload = f'{start}HYPERLINK("http://example.com/x","Click")'
    make(opportunity, preferred_name=payload, staff_notes=payload, support_needs=payload)
    client.force_login(casey)
    rows = rows_of(client.get(LIST + "?export=csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    for column in ("Name", "Staff notes", "Anything that would help them take part"):
        assert row[column] == "'" + payload
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_each_export_is_in_the_audit_log_by_reference_only(client, casey, opportunity):
    kept = make(opportunity, preferred_name="Robin Quartz", contact_detail="0161 496 0123")
    make(opportunity, preferred_name="Filtered Out", status="withdrawn")
    client.force_login(casey)
    rows = rows_of(client.get(LIST + "?status=new&export=csv"))
    assert len(rows) == 2

    entries = ModelLogEntry.objects.filter(action=LIST_EXPORT_ACTION)
    assert [(entry.object_id, entry.label) for entry in entries] == [(str(kept.pk), kept.reference)]
    entry = entries.get()
    assert entry.user == casey
    assert entry.data == {"format": "csv", "rows": 1}
    text = f"{entry.label} {entry.data} {entry.uuid}"
    for personal in ("Robin", "Quartz", "0161"):
        assert personal not in text

    client.get(LIST + "?export=xlsx")
    assert ModelLogEntry.objects.filter(action=LIST_EXPORT_ACTION).count() == 1 + 2


# Staff names ---------------------------------------------------------------------------


def test_staff_are_named_by_full_name_or_else_user_name(client, casey, coordinator, opportunity):
    by_casey = make(opportunity, preferred_name="A")
    by_casey.change_status("contacted", casey, "Rang")
    by_nameless = make(opportunity, preferred_name="B")
    by_nameless.change_status("contacted", coordinator, "Rang too")
    client.force_login(casey)

    html = client.get(LIST).content.decode()
    assert "Casey Jones" in list_row(html, by_casey)
    assert "coordinator" in list_row(html, by_nameless)

    record = client.get(inspect_url(by_casey)).content.decode()
    assert record.count("Casey Jones") >= 2  # last handled by, and the history
    assert ">casey<" not in record
