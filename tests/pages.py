"""Reading public pages the way a person does, for tests that use the Django client."""

import html
import re

CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]+">([^<]+)</a>')


def card_titles(markup):
    """The titles of the cards in ``markup``, in order, as a person reads them."""
    return [html.unescape(title) for title in CARD_TITLE.findall(markup)]
