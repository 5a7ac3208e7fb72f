"""The staff inbox: who can see it, the list, a sign-up, status changes, CSV, phone sign-ups."""

import csv
import io

import pytest
from django.urls import reverse

from opportunities.models import SignUp, SignUpStatusChange

pytestmark = pytest.mark.django_db

LIST = "opportunities_signup_modeladmin_index"


@pytest.fixture
def sign_up(opportunity):
    return SignUp.objects.create(
        page=opportunity,
        preferred_name="Robin Quartz",
        contact_method="email",
        contact_detail="robin@example.org",
        consent=True,
        privacy_notice_version="1",
    )


def urls(sign_up):
    return {
        "list": reverse(LIST),
        "inspect": reverse("opportunities_signup_modeladmin_inspect", args=[sign_up.pk]),
        "edit": reverse("opportunities_signup_modeladmin_edit", args=[sign_up.pk]),
        "export": reverse(LIST) + "?export=csv",
        "create": reverse("opportunities_signup_modeladmin_create"),
        "person": reverse("opportunities_signup_modeladmin_person"),
    }


@pytest.mark.parametrize("view", ["list", "inspect", "edit", "export", "create", "person"])
def test_coordinator_can_open_every_inbox_view(client, coordinator, sign_up, view):
    client.force_login(coordinator)
    response = client.get(urls(sign_up)[view])
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["editor", "moderator"])
@pytest.mark.parametrize("view", ["list", "inspect", "edit", "export", "create", "person"])
def test_editors_and_moderators_are_refused(client, request, sign_up, who, view):
    client.force_login(request.getfixturevalue(who))
    response = client.get(urls(sign_up)[view])
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert b"Robin" not in response.content
    assert b"robin@example.org" not in response.content


@pytest.mark.parametrize("view", ["list", "inspect", "edit", "export", "person"])
def test_anonymous_people_are_sent_to_log_in(client, sign_up, view):
    response = client.get(urls(sign_up)[view])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_menu_item_shows_new_count_to_coordinators_only(client, coordinator, editor, sign_up):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sign-ups (1 new)" in html

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sign-ups" not in html


def test_list_shows_newest_first_with_the_columns_staff_need(
    client, coordinator, sign_up, opportunity, django_assert_max_num_queries
):
    older = SignUp.objects.create(
        page=opportunity,
        preferred_name="Older",
        contact_method="phone",
        consent=True,
        status="contacted",
    )
    SignUp.objects.filter(pk=older.pk).update(created_at=sign_up.created_at.replace(year=2020))
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(reverse(LIST))
    html = response.content.decode()
    assert html.index(sign_up.reference) < html.index(older.reference)
    for text in ("Walking group", "Robin Quartz", "E-mail", "New", "Received"):
        assert text in html
    # The page title carries no personal data.
    title = html.split("<title>")[1].split("</title>")[0]
    assert "Robin" not in title


def test_list_filters_and_search(client, coordinator, sign_up, catalogue, opportunity):
    from .conftest import make_opportunity

    other_page = make_opportunity(catalogue, "Council", slug="council", level="collective")
    other = SignUp.objects.create(
        page=other_page, preferred_name="Kim", contact_method="phone", consent=True
    )
    client.force_login(coordinator)

    def listed(query):
        html = client.get(reverse(LIST) + query).content.decode()
        return {ref for ref in (sign_up.reference, other.reference) if ref in html}

    assert listed("?level=collective") == {other.reference}
    assert listed("?level=group") == {sign_up.reference}
    assert listed(f"?opportunity={opportunity.pk}") == {sign_up.reference}
    assert listed(f"?area={catalogue['area'].pk}") == {sign_up.reference, other.reference}
    assert listed("?status=new") == {sign_up.reference, other.reference}
    assert listed("?status=contacted") == set()
    assert listed("?q=Kim") == {other.reference}
    assert listed(f"?q={sign_up.reference}") == {sign_up.reference}


def test_inspect_uses_the_pk_in_its_url_and_the_reference_in_its_title(
    client, coordinator, sign_up
):
    client.force_login(coordinator)
    url = urls(sign_up)["inspect"]
    assert str(sign_up.pk) in url and "Robin" not in url
    html = client.get(url).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert sign_up.reference in title
    assert "Robin" not in title
    assert "robin@example.org" in html  # shown to the coordinator in the page itself


def test_status_change_in_one_step_records_history(client, coordinator, sign_up):
    client.force_login(coordinator)
    response = client.post(
        urls(sign_up)["edit"],
        {"status": "contacted", "note": "Phoned, coming Tuesday", "staff_notes": "Needs lift"},
    )
    assert response.status_code == 302
    sign_up.refresh_from_db()
    assert sign_up.status == "contacted"
    assert sign_up.handled_by == coordinator
    assert sign_up.handled_at is not None
    assert sign_up.staff_notes == "Needs lift"
    change = SignUpStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.note) == (
        "new",
        "contacted",
        "Phoned, coming Tuesday",
    )
    assert change.changed_by == coordinator
    inspect = client.get(urls(sign_up)["inspect"]).content.decode()
    assert "Phoned, coming Tuesday" in inspect


def test_editor_cannot_change_status(client, editor, sign_up):
    client.force_login(editor)
    client.post(urls(sign_up)["edit"], {"status": "withdrawn"})
    sign_up.refresh_from_db()
    assert sign_up.status == "new"


def test_csv_export_of_the_filtered_list(client, coordinator, sign_up, opportunity):
    SignUp.objects.create(
        page=opportunity,
        preferred_name="Withdrawn Person",
        contact_method="phone",
        contact_detail="0161 496 0000",
        status="withdrawn",
        consent=True,
    )
    client.force_login(coordinator)
    response = client.get(reverse(LIST) + "?status=new&export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:6] == [
        "Reference",
        "Received",
        "Opportunity",
        "Name",
        "How to contact",
        "Contact detail",
    ]
    assert len(rows) == 2
    assert rows[1][0] == sign_up.reference
    assert rows[1][2] == "Walking group"
    assert rows[1][3] == "Robin Quartz"
    assert rows[1][5] == "robin@example.org"


def test_coordinator_adds_a_sign_up_taken_by_phone(client, coordinator, opportunity):
    client.force_login(coordinator)
    response = client.post(
        reverse("opportunities_signup_modeladmin_create"),
        {
            "page": opportunity.pk,
            "preferred_name": "Lee",
            "contact_method": "phone",
            "contact_detail": "01614960000",
            "source": "phone",
            "consent": "on",
            "consent_method": "Agreed on the phone after hearing the privacy notice",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    sign_up = SignUp.objects.get()
    assert sign_up.source == "phone"
    assert sign_up.contact_detail == "0161 496 0000"
    assert sign_up.consent_method.startswith("Agreed on the phone")
    assert sign_up.handled_by == coordinator


def test_phone_sign_up_needs_how_consent_was_given(client, coordinator, opportunity):
    client.force_login(coordinator)
    response = client.post(
        reverse("opportunities_signup_modeladmin_create"),
        {
            "page": opportunity.pk,
            "preferred_name": "Lee",
            "contact_method": "phone",
            "contact_detail": "01614960000",
            "source": "paper",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert SignUp.objects.count() == 0


def test_migration_creates_the_coordinators_group_with_admin_access():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Sign-up coordinators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames >= {
        "access_admin",
        "view_signup",
        "add_signup",
        "change_signup",
        "delete_signup",
    }
    assert not any(code.endswith("_page") for code in codenames)


def test_searching_by_name_keeps_the_name_out_of_every_address(
    client, coordinator, sign_up, catalogue, opportunity
):
    from .conftest import make_opportunity

    other_page = make_opportunity(catalogue, "Council", slug="council", level="collective")
    other = SignUp.objects.create(
        page=other_page, preferred_name="Kimberley", contact_method="phone", consent=True
    )
    client.force_login(coordinator)
    page = client.get(reverse(LIST)).content.decode()
    assert 'id="changelist-search"' in page
    assert 'method="post"' in page.split('id="changelist-search"')[1].split(">")[0]

    response = client.post(reverse(LIST), {"q": "Kimberley", "status": "new"})
    assert response.status_code == 302
    assert "Kimberley" not in response["Location"]
    assert response["Location"].endswith("?status=new")
    html = client.get(response["Location"]).content.decode()
    assert other.reference in html
    assert sign_up.reference not in html
    # The export follows the same search, still with no name in its address.
    export = client.get(reverse(LIST) + "?export=csv")
    csv_text = b"".join(export.streaming_content).decode()
    assert "Kimberley" in csv_text
    assert sign_up.reference not in csv_text

    cleared = client.post(reverse(LIST), {"q": ""})
    html = client.get(cleared["Location"]).content.decode()
    assert sign_up.reference in html and other.reference in html
