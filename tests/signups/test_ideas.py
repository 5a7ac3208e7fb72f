"""The idea box at /ideas/: the public form, the coordinators' list, and one step to a
"you said, we did" record."""

import datetime
import io
import re
from html import escape

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from opportunities.models import SignUp
from portal import texts
from stories.choices import ChangeStatus
from stories.demo_ideas import create_idea_box
from stories.models import ChangeRecord, Idea, IdeaStatus, OutcomeNotice, YouSaidWeDidPage

from .conftest import form_data

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/stories/idea/"


@pytest.fixture
def idea_box(home_page, information_pages):
    return create_idea_box(home_page)


@pytest.fixture
def ideas_url(idea_box):
    return idea_box.url


@pytest.fixture
def changes_page(home_page):
    page = home_page.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def empty_text_outbox():
    texts.outbox.clear()
    yield
    texts.outbox.clear()


def idea_data(reply="none", **overrides):
    data = {"idea": "Put the group times on paper we can take away.", "reply": reply}
    if reply == "text":
        data.update(contact_detail="07700 900123", consent="on", preferred_name="Dee Jones")
    elif reply == "email":
        data.update(contact_detail="dee@example.org", consent="on")
    elif reply == "phone":
        data.update(contact_detail="0161 496 0000", consent="on")
    data.update(overrides)
    return data


@pytest.fixture
def send_idea(client, ideas_url, django_capture_on_commit_callbacks):
    def send(reply="none", **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(ideas_url, idea_data(reply, **overrides))
        assert response.status_code == 302, response.content.decode()[:500]
        return Idea.objects.latest("created_at")

    return send


# The public form ----------------------------------------------------------------------


def test_the_idea_box_page_shows_the_form_with_no_sign_up_needed(client, ideas_url):
    response = client.get(ideas_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "What should change?" in content
    assert "No, I want to stay anonymous" in content
    assert "private" in response["Cache-Control"]


def test_an_anonymous_idea_keeps_nothing_that_could_identify_the_person(client, send_idea):
    idea = send_idea(
        "none", preferred_name="Sam Smith", contact_detail="sam@example.org", consent="on"
    )
    assert idea.idea == "Put the group times on paper we can take away."
    assert (idea.preferred_name, idea.contact_method, idea.contact_detail) == ("", "", "")
    assert idea.consent is False
    assert idea.status == IdeaStatus.NEW
    thanks = client.get("/ideas/thank-you/")
    assert idea.reference in thanks.content.decode()
    assert "cannot tell you ourselves" in thanks.content.decode()


def test_the_reference_is_never_in_the_address(client, ideas_url):
    response = client.post(ideas_url, idea_data("text"))
    idea = Idea.objects.get()
    assert idea.reference not in response["Location"]
    assert response["Location"] == ideas_url + "thank-you/"


def test_an_idea_whose_reference_is_taken_gets_another(send_idea, monkeypatch):
    first = send_idea()
    choices = iter([first.reference, first.reference, "ABC-DEF"])
    monkeypatch.setattr("opportunities.models.signups.new_reference", lambda: next(choices))
    assert send_idea().reference == "ABC-DEF"
    assert Idea.objects.count() == 2


def test_a_person_who_wants_to_hear_by_text_is_kept_with_a_tidy_number(send_idea):
    idea = send_idea("text", contact_detail="+44 7700 900123")
    assert idea.contact_method == "text"
    assert idea.contact_detail == "07700 900123"
    assert idea.consent is True


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"idea": "   "}, "idea", "Tell us what should change"),
        ({"idea": "x" * 2001}, "idea", "2000 characters or fewer"),
        ({"reply": "carrier pigeon"}, "reply", "Choose whether you want to hear"),
        (
            {"reply": "text", "contact_detail": "0161 496 0000", "consent": "on"},
            "contact_detail",
            "Enter a mobile number for text messages",
        ),
        (
            {"reply": "email", "contact_detail": "not-an-address", "consent": "on"},
            "contact_detail",
            "right format",
        ),
        ({"reply": "email", "contact_detail": "a@example.org"}, "consent", "Tick the box"),
        ({"reply": "worker", "consent": "on"}, "worker_name", "Enter your worker's name"),
        ({"area": "99999999999999999999999"}, "area", "Choose an area from the list"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_in_the_summary(
    client, ideas_url, data, field, message
):
    response = client.post(ideas_url, {**idea_data(), **data})
    assert response.status_code == 200
    content = response.content.decode()
    message = escape(message)
    summary = content.split('class="error-summary"')[1].split("</div>")[0]
    assert message in summary
    assert f'id="id_{field}_error"' in content or f'id="id_{field}_0_error"' in content
    assert content.count(message) >= 2
    assert not Idea.objects.exists()


def test_the_honeypot_looks_like_success_and_keeps_nothing(client, ideas_url):
    response = client.post(ideas_url, {**idea_data(), "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Idea.objects.exists()


def test_too_many_ideas_from_one_address_are_paused_with_a_retry_time(client, ideas_url, settings):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    client.post(ideas_url, {**idea_data(), "idea": ""})  # a mistake does not count
    for _ in range(2):
        assert client.post(ideas_url, idea_data()).status_code == 302
    response = client.post(ideas_url, idea_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Please wait before sending another idea" in response.content.decode()
    assert Idea.objects.count() == 2


def test_the_thank_you_page_without_an_idea_goes_back_to_the_form(client, ideas_url):
    response = client.get(ideas_url + "thank-you/")
    assert response.status_code == 302
    assert response["Location"] == ideas_url


# The coordinators' list ------------------------------------------------------------------


def make_idea(**fields):
    values = {"idea": "More chairs in the waiting room.", "status": IdeaStatus.NEW}
    values.update(fields)
    return Idea.objects.create(**values)


def test_coordinators_see_ideas_and_the_contact_details_people_left(client, coordinator):
    idea = make_idea(
        preferred_name="Dee", contact_method="text", contact_detail="07700 900123", consent=True
    )
    client.force_login(coordinator)
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert idea.reference in listing.content.decode()
    inspect = client.get(f"{LIST_URL}inspect/{idea.pk}/")
    assert inspect.status_code == 200
    assert "07700 900123" in inspect.content.decode()


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_other_staff_cannot_see_ideas(client, request, who):
    idea = make_idea(contact_method="text", contact_detail="07700 900123", consent=True)
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST_URL).status_code in (302, 403)
    response = client.get(f"{LIST_URL}inspect/{idea.pk}/")
    assert response.status_code in (302, 403)
    assert "07700 900123" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_list_filters_by_status_area_wanting_to_hear_and_date(client, coordinator, catalogue):
    looked_at = make_idea(status=IdeaStatus.LOOKING, area=catalogue["area"])
    anonymous = make_idea()
    told = make_idea(contact_method="email", contact_detail="a@example.org", consent=True)
    last_year = make_idea(created_at=timezone.now() - datetime.timedelta(days=400))
    client.force_login(coordinator)

    def shown(query):
        content = client.get(LIST_URL + query).content.decode()
        ideas = (looked_at, anonymous, told, last_year)
        return {idea for idea in ideas if idea.reference in content}

    assert shown("?status=looking") == {looked_at}
    assert shown(f"?area={catalogue['area'].pk}") == {looked_at}
    assert shown("?hear=yes") == {told}
    assert shown("?hear=no") == {looked_at, anonymous, last_year}
    assert shown(f"?q={told.reference}") == {told}
    assert shown("?received=week") == {looked_at, anonymous, told}
    assert shown("?received=year") == {looked_at, anonymous, told}
    assert shown("") == {looked_at, anonymous, told, last_year}


@pytest.mark.parametrize(
    "query",
    [
        "?status=bogus",
        "?area=99999999999999999999999",
        "?area=abc",
        "?received=forever",
        "?to_tell=maybe",
        "?idea__contains=chairs",
        "?contact_detail__startswith=07",
        "?ordering=contact_detail",
    ],
)
def test_values_that_are_not_a_filter_s_choices_never_filter_or_fail(client, coordinator, query):
    ideas = [make_idea(), make_idea(contact_method="email", contact_detail="b@example.org")]
    client.force_login(coordinator)
    response = client.get(LIST_URL + query)
    assert response.status_code == 200
    content = response.content.decode()
    assert all(idea.reference in content for idea in ideas)


def test_a_coordinator_records_why_an_idea_was_not_taken_forward(client, coordinator):
    idea = make_idea()
    client.force_login(coordinator)
    response = client.post(
        f"{LIST_URL}edit/{idea.pk}/",
        {"status": "not-taken-forward", "reason_not_taken_forward": "", "staff_notes": ""},
    )
    assert response.status_code == 200
    assert "Say why it was not taken forward." in response.content.decode()
    response = client.post(
        f"{LIST_URL}edit/{idea.pk}/",
        {
            "status": "not-taken-forward",
            "reason_not_taken_forward": "The building is closed at weekends.",
            "staff_notes": "",
        },
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NOT_TAKEN_FORWARD


# One step to "you said, we did", and telling people once -----------------------------------


def turn_into_change(client, idea, capture, **data):
    values = {"you_said": idea.idea, "we_did": "Times are now printed.", "status": "done"}
    values.update(data)
    with capture(execute=True):
        return client.post(f"{LIST_URL}turn-into-change/{idea.pk}/", values)


def test_an_anonymous_idea_becomes_a_public_record_in_one_step(
    client, coordinator, send_idea, django_capture_on_commit_callbacks, changes_page
):
    idea = send_idea("none")
    client.force_login(coordinator)
    form = client.get(f"{LIST_URL}turn-into-change/{idea.pk}/")
    assert idea.idea in form.content.decode()
    response = turn_into_change(
        client, idea, django_capture_on_commit_callbacks, you_said="Times on paper, please."
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.CHANGED
    record = idea.change_record
    assert (record.you_said, record.status) == ("Times on paper, please.", ChangeStatus.DONE)
    public = client.get(changes_page.url).content.decode()
    assert "Times on paper, please." in public
    assert f'id="change-{record.pk}"' in public
    assert texts.outbox == []
    assert mail.outbox == []


def test_the_person_who_left_a_mobile_number_gets_one_text(
    client, coordinator, send_idea, django_capture_on_commit_callbacks, changes_page
):
    idea = send_idea("text")
    texts.outbox.clear()
    client.force_login(coordinator)
    turn_into_change(client, idea, django_capture_on_commit_callbacks)
    assert len(texts.outbox) == 1
    message = texts.outbox[0]
    assert message["phone_number"] == "07700 900123"
    assert message["template"] == "what_came_of_it"
    assert "Hello Dee," in message["body"]
    assert idea.reference in message["body"]
    assert "Times are now printed." in message["body"]
    idea.refresh_from_db()
    assert message["personalisation"]["url"].endswith(f"#change-{idea.change_record_id}")
    assert "Jones" not in message["body"]  # the first name only: anyone may hold the phone
    # Saving the record again, or the idea, tells no one a second time.
    with django_capture_on_commit_callbacks(execute=True):
        idea.change_record.we_did = "Times are printed and on the website."
        idea.change_record.save()
        idea.save()
    assert len(texts.outbox) == 1
    assert OutcomeNotice.objects.get().sent_at is not None


def test_an_idea_that_is_already_a_record_cannot_be_turned_twice(
    client, coordinator, send_idea, django_capture_on_commit_callbacks
):
    idea = send_idea("none")
    client.force_login(coordinator)
    turn_into_change(client, idea, django_capture_on_commit_callbacks)
    response = turn_into_change(client, idea, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ChangeRecord.objects.count() == 1


def test_turning_an_idea_into_a_record_needs_what_we_did(
    client, coordinator, send_idea, django_capture_on_commit_callbacks
):
    idea = send_idea("text")
    client.force_login(coordinator)
    response = turn_into_change(client, idea, django_capture_on_commit_callbacks, we_did="")
    assert response.status_code == 200
    assert "Say what changed or what we are going to change" in response.content.decode()
    assert not ChangeRecord.objects.exists()


def test_editors_cannot_turn_ideas_into_records(
    client, editor, send_idea, django_capture_on_commit_callbacks
):
    idea = send_idea("none")
    client.force_login(editor)
    response = turn_into_change(client, idea, django_capture_on_commit_callbacks)
    assert response.status_code in (302, 403)
    assert not ChangeRecord.objects.exists()


def test_people_who_asked_to_hear_by_phone_wait_for_a_coordinator_s_call(
    client, coordinator, send_idea, opportunity, django_capture_on_commit_callbacks
):
    idea = send_idea("phone")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            opportunity.url + "sign-up/",
            form_data("worker", wants_outcome="on"),
        )
    sign_up = SignUp.objects.get()
    client.force_login(coordinator)
    turn_into_change(client, idea, django_capture_on_commit_callbacks)
    record = ChangeRecord.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.opportunity_links.add(record.opportunity_links.model(opportunitypage=opportunity))
        record.save()
    assert texts.outbox == []
    assert mail.outbox == [] or all("What came of it" not in m.subject for m in mail.outbox)

    waiting = client.get(LIST_URL + "?to_tell=yes").content.decode()
    assert idea.reference in waiting
    assert "Tell them what came of it" in waiting
    report = client.get("/admin/reports/people-to-tell/").content.decode()
    assert idea.reference in report and sign_up.reference in report

    notice = OutcomeNotice.objects.get(idea=idea)
    page = client.get(f"/admin/reports/people-to-tell/{notice.pk}/").content.decode()
    assert "0161 496 0000" in page
    assert "Times are now printed." in page
    worker_notice = OutcomeNotice.objects.get(sign_up=sign_up)
    page = client.get(f"/admin/reports/people-to-tell/{worker_notice.pk}/").content.decode()
    assert "jo.keyworker@example.org" in page

    client.post(f"/admin/reports/people-to-tell/{notice.pk}/")
    assert "marked as told" in client.get("/admin/reports/people-to-tell/").content.decode()
    assert idea.reference not in client.get(LIST_URL + "?to_tell=yes").content.decode()
    report = client.get("/admin/reports/people-to-tell/").content.decode()
    assert idea.reference not in report and sign_up.reference in report


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_only_coordinators_see_who_is_waiting_to_be_told(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/reports/people-to-tell/")
    assert response.status_code in (302, 403)


def test_sign_ups_that_asked_to_hear_are_told_once_by_e_mail_when_the_record_has_its_we_did(
    client, opportunity, django_capture_on_commit_callbacks, changes_page
):
    sign_up_url = opportunity.url + "sign-up/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            sign_up_url, form_data("email", contact_detail="hear@example.org", wants_outcome="on")
        )
        client.post(sign_up_url, form_data("email", contact_detail="quiet@example.org"))
    assert SignUp.objects.filter(wants_outcome=True).count() == 1
    mail.outbox.clear()

    record = ChangeRecord(
        you_said="Walks are too early.",
        we_did="",
        reason_not_doing="No staff before ten.",
        status=ChangeStatus.NOT_DOING,
        date=timezone.localdate(),
    )
    record.opportunity_links.add(record.opportunity_links.model(opportunitypage=opportunity))
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    assert mail.outbox == []  # "not doing" is not a "we did"

    with django_capture_on_commit_callbacks(execute=True):
        record.status = ChangeStatus.DONE
        record.we_did = "Walks now start at eleven."
        record.save()
        record.save()
    assert [message.to for message in mail.outbox] == [["hear@example.org"]]
    body = mail.outbox[0].body
    assert "Walks now start at eleven." in body
    assert f"#change-{record.pk}" in body


# Insights --------------------------------------------------------------------------------


def test_insights_count_ideas_received_and_acted_on_without_showing_small_numbers(
    client, coordinator, site, django_assert_max_num_queries
):
    for _ in range(7):
        make_idea()
    for _ in range(3):
        make_idea(status=IdeaStatus.PASSED_ON, passed_to="Job centre")
    client.force_login(coordinator)
    content = client.get("/admin/insights/").content.decode()
    section = content.split('id="heading-ideas"')[1].split("</section>")[0]
    assert timezone.localdate().strftime("%b %Y") in section
    row = re.search(r"<th scope=\"row\">Total</th>(.*?)</tr>", section, re.S).group(1)
    assert "10" in row and "fewer than 5" in row
    assert not re.search(r"<td>[1-4]</td>", content)

    with django_assert_max_num_queries(60) as few:
        client.get("/admin/insights/")
    for _ in range(20):
        make_idea(created_at=timezone.now() - datetime.timedelta(days=40))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/insights/")


def test_the_daily_retention_job_deletes_old_ideas_and_prints_only_counts(site):
    old = make_idea(contact_method="email", contact_detail="old@example.org", consent=True)
    kept = make_idea()
    Idea.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=400))
    out = io.StringIO()
    call_command("purge_expired_signups", "--dry-run", stdout=out)
    assert "1 idea(s) older than 365 days would be deleted." in out.getvalue()
    assert Idea.objects.count() == 2
    out = io.StringIO()
    call_command("purge_expired_signups", stdout=out)
    assert list(Idea.objects.all()) == [kept]
    assert "Deleted 1 idea(s)" in out.getvalue()
    assert old.reference not in out.getvalue() and "old@example.org" not in out.getvalue()
