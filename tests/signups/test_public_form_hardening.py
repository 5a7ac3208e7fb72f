"""The public sign-up form: names with nothing to see, copied hints and pasted details."""

import re

import pytest

from opportunities.models import SignUp

from .conftest import form_data

pytestmark = pytest.mark.django_db


def error_next_to(html, field):
    """The error shown at ``field`` (without the hidden "Error:"), or None."""
    found = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
    if found is None:
        return None
    return re.sub(r"<[^>]+>|Error:", "", found.group(1)).strip()


@pytest.mark.parametrize(
    "name",
    [
        "\u200b\u200b",  # zero-width spaces
        "\ufeff",  # byte-order mark
        "\u200c\u200d",  # joiners with nothing to join
        "\u3164",  # Hangul filler: a "letter" that shows nothing
        "\u202e \u2066",  # direction marks and a space
        "...",
    ],
)
def test_a_name_with_no_letter_to_see_is_refused_at_the_field(client, sign_up_url, name):
    response = client.post(sign_up_url, form_data(preferred_name=name))

    assert response.status_code == 200
    html = response.content.decode()
    assert error_next_to(html, "preferred_name") in (
        "Enter a name with at least one letter in it",
        "Enter the name you want us to use",
    )
    assert not SignUp.objects.exists()


def test_invisible_marks_around_a_name_are_dropped_and_the_name_kept(client, sign_up_url):
    response = client.post(sign_up_url, form_data(preferred_name="\u200bSam\u202e \ufeff"))

    assert response.status_code == 302
    assert SignUp.objects.get().preferred_name == "Sam"


@pytest.mark.parametrize("name", ["Jo", "Zoë", "Nguyễn", "محمد", "李", "Ji-woo", "Mi\u200cnoo"])
def test_names_in_any_alphabet_are_still_welcome(client, sign_up_url, name):
    response = client.post(sign_up_url, form_data(preferred_name=name))

    assert response.status_code == 302, error_next_to(response.content.decode(), "preferred_name")
    assert SignUp.objects.get().preferred_name == name


@pytest.mark.parametrize("method", ["phone", "text"])
def test_the_example_number_in_the_hint_is_accepted_when_copied(client, sign_up_url, method):
    # A wrong number shows the hint with its example.
    response = client.post(sign_up_url, form_data(method, contact_detail="12345"))
    hint = error_next_to(response.content.decode(), "contact_detail")
    examples = re.findall(r"0\d{3,4} \d{3} ?\d{3,4}", hint)
    assert examples, hint

    for example in examples:
        if method == "text" and not example.startswith("07"):
            continue  # "0161 496 0000" is offered for a phone call, not for texts
        SignUp.objects.all().delete()
        response = client.post(sign_up_url, form_data(method, contact_detail=example))
        assert response.status_code == 302, (
            example,
            error_next_to(response.content.decode(), "contact_detail"),
        )
        assert SignUp.objects.get().contact_detail == example


def test_a_landline_is_still_refused_for_text_messages(client, sign_up_url):
    response = client.post(sign_up_url, form_data("text", contact_detail="0161 496 0000"))

    assert error_next_to(response.content.decode(), "contact_detail") == (
        "Enter a mobile number for text messages, like 07700 900123"
    )


def test_an_email_address_pasted_with_invisible_marks_is_taken_as_it_looks(client, sign_up_url):
    response = client.post(
        sign_up_url, form_data(contact_detail="\u200bsam@exa\u200bmple.org\u2060")
    )

    assert response.status_code == 302
    assert SignUp.objects.get().contact_detail == "sam@example.org"


def test_a_number_copied_from_a_messaging_app_is_taken(client, sign_up_url):
    # Messaging apps wrap numbers in direction marks that cannot be seen.
    response = client.post(
        sign_up_url, form_data("text", contact_detail="\u202a+44 7700 900456\u202c")
    )

    assert response.status_code == 302
    assert SignUp.objects.get().contact_detail == "07700 900456"
