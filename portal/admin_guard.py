"""Turn away admin queries that Wagtail would answer with a server error.

Staff screens take their filters from the query string, and a few values that can only
come from a hand-edited address break inside Wagtail or Django rather than being
refused, so a staff member sees a 500. ``AdminQueryGuardMiddleware`` answers those with
the plain 400 page (portal/errors.py) instead:

- An id beyond what a database can hold (more than 2^63 - 1) in one of Wagtail's
  "choose several" filters (owner, edited by, user, site, page type): Django checks the
  choices with an ``IN`` query, which SQLite refuses with OverflowError. Other filters
  (and the sign-up inbox's own) already treat such an id as "no match".
- A tag together with a search in the image chooser: Wagtail's chooser filters by tag
  name before searching, and the search backend refuses that filter (FilterFieldError,
  the same bug as Wagtail issue #9160 on the image listing). The chooser itself never
  sends both.
"""

import re

from django.core.exceptions import BadRequest
from django.urls import reverse

LARGEST_ID = 2**63 - 1
WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")
# Wagtail's filters that take several ids (MultipleUserFilter, SiteFilter,
# MultipleContentTypeFilter) in the page explorer, page search, history and reports.
SEVERAL_ID_FILTERS = frozenset({"owner", "edited_by", "user", "site", "content_type"})


def too_big_for_a_database(value):
    return bool(WHOLE_NUMBER.fullmatch(value)) and abs(int(value)) > LARGEST_ID


class AdminQueryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")):
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        for name in SEVERAL_ID_FILTERS.intersection(request.GET):
            if any(map(too_big_for_a_database, request.GET.getlist(name))):
                raise BadRequest(f"The admin filter {name!r} was given an impossible id.")
        if (
            request.path.startswith(reverse("wagtailimages_chooser:choose"))
            and request.GET.get("tag")
            and request.GET.get("q")
        ):
            raise BadRequest("The image chooser cannot filter by tag while searching.")
