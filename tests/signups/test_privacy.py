"""Privacy operations: retention, one person's data (export and erase), the audit log."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from opportunities.models import SignUp, SignUpStatusChange
from portal.models import SiteSettings

pytestmark = pytest.mark.django_db

PERSON = reverse("opportunities_signup_modeladmin_person")


def make(opportunity, **fields):
    values = {
        "page": opportunity,
        "preferred_name": "Ash",
        "contact_method": "email",
        "contact_detail": "ash@example.org",
        "consent": True,
    }
    values.update(fields)
    return SignUp.objects.create(**values)


def test_purge_deletes_only_sign_ups_past_the_retention_period(opportunity, site, capsys):
    with freeze_time("2025-01-01 12:00"):
        old = make(opportunity, preferred_name="Old Person")
        old.change_status("contacted", None, "Rang them")
    with freeze_time("2025-06-01 12:00"):
        recent = make(opportunity, preferred_name="Recent Person")
    with freeze_time("2025-12-01 12:00"):
        # Changed recently, so kept even though it arrived long ago.
        touched = make(opportunity, preferred_name="Touched Person")
    SignUp.objects.filter(pk=touched.pk).update(
        created_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )

    with freeze_time("2026-01-10 12:00"):
        call_command("purge_expired_signups")

    assert set(SignUp.objects.values_list("pk", flat=True)) == {recent.pk, touched.pk}
    assert SignUpStatusChange.objects.count() == 0
    output = capsys.readouterr().out
    assert "Deleted 1 sign-up(s)" in output
    assert "365 days" in output
    for personal in ("Old Person", "ash@example.org", old.reference):
        assert personal not in output


def test_purge_uses_the_site_setting_and_has_a_dry_run(opportunity, site, capsys):
    settings = SiteSettings.for_site(site)
    settings.retention_days = 30
    settings.save()
    with freeze_time("2025-01-01"):
        make(opportunity)
    with freeze_time("2025-02-15"):
        call_command("purge_expired_signups", "--dry-run")
        assert SignUp.objects.count() == 1
        assert "1 sign-up(s) older than 30 days would be deleted" in capsys.readouterr().out
        call_command("purge_expired_signups")
    assert SignUp.objects.count() == 0


@pytest.fixture
def held(opportunity):
    first = make(opportunity, support_needs="Large print")
    first.change_status("contacted", None, "Sent details")
    second = make(opportunity, contact_detail="ASH@example.org")
    other = make(opportunity, preferred_name="Someone Else", contact_detail="else@example.org")
    return first, second, other


def test_coordinator_finds_one_persons_data_by_contact_detail_without_it_in_the_url(
    client, coordinator, held
):
    first, second, other = held
    client.force_login(coordinator)
    response = client.post(PERSON, {"term": "ash@example.org", "action": "find"})
    html = response.content.decode()
    assert response.status_code == 200
    assert first.reference in html
    assert other.reference not in html
    assert "ash@example.org" not in response.request["PATH_INFO"]


def test_export_as_json_is_complete_and_audited_without_personal_data(client, coordinator, held):
    first, _, other = held
    client.force_login(coordinator)
    response = client.post(PERSON, {"term": first.reference, "action": "export"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    [exported] = data["sign_ups"]
    assert exported["reference"] == first.reference
    assert exported["preferred_name"] == "Ash"
    assert exported["contact_detail"] == "ash@example.org"
    assert exported["support_needs"] == "Large print"
    assert exported["opportunity"] == "Walking group"
    assert exported["status_history"][0]["note"] == "Sent details"

    [entry] = ModelLogEntry.objects.filter(action="opportunities.sign_up.export")
    assert entry.user == coordinator
    assert entry.label == first.reference
    logged = json.dumps(entry.data) + entry.label
    assert "Ash" not in logged and "ash@example.org" not in logged


def test_erase_removes_everything_about_the_person_and_is_audited(client, coordinator, held):
    first, second, other = held
    client.force_login(coordinator)

    unconfirmed = client.post(PERSON, {"term": "ash@example.org", "action": "erase"})
    assert unconfirmed.status_code == 200
    assert "Tick the box" in unconfirmed.content.decode()
    assert SignUp.objects.count() == 3

    response = client.post(PERSON, {"term": "ash@example.org", "action": "erase", "confirm": "yes"})
    assert response.status_code == 302
    assert list(SignUp.objects.all()) == [other]
    assert SignUpStatusChange.objects.count() == 0
    entries = ModelLogEntry.objects.filter(action="opportunities.sign_up.erase")
    assert {entry.label for entry in entries} == {first.reference, second.reference}
    for entry in entries:
        assert "Ash" not in entry.label + json.dumps(entry.data)


def test_editor_cannot_export_or_erase(client, editor, held):
    client.force_login(editor)
    client.post(PERSON, {"term": "ash@example.org", "action": "erase", "confirm": "yes"})
    response = client.post(PERSON, {"term": "ash@example.org", "action": "export"})
    assert b"ash@example.org" not in response.content
    assert SignUp.objects.count() == 3


def test_audit_log_actions_are_registered():
    from wagtail.log_actions import registry

    assert registry.get_action_label("opportunities.sign_up.export") == "Export sign-up data"
    assert registry.get_action_label("opportunities.sign_up.erase") == "Erase sign-up"
