"""Reading public pages the way a person does, for tests that use the Django client."""

import html
import re

CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]+">([^<]+)</a>')


def card_titles(markup):
    """The titles of the cards in ``markup``, in order, as a person reads them."""
    return [html.unescape(title) for title in CARD_TITLE.findall(markup)]


def card_titles_in(response):
    """The card titles of a page the Django test client fetched, in order."""
    return card_titles(response.content.decode())
