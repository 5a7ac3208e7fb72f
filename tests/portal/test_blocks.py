import pytest
from wagtail.blocks import StructBlockValidationError

from portal.blocks import CallToActionBlock


def test_a_button_with_nowhere_to_go_says_so_next_to_the_page_field():
    block = CallToActionBlock()
    value = block.to_python({"text": "See what's on", "page": None, "url": ""})

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)

    assert [str(message) for message in raised.value.block_errors["page"]] == [
        "Choose a page or give a web address."
    ]


def test_a_button_with_an_address_is_kept():
    block = CallToActionBlock()
    value = block.to_python({"text": "Read more", "page": None, "url": "https://example.org/"})

    assert block.clean(value)["url"] == "https://example.org/"
