"""The page people see when the site cannot take what their browser sent (400).

Most often it is too much at once: a form bigger than DATA_UPLOAD_MAX_MEMORY_SIZE, or
with more fields or files than Django allows, which Django turns into a 400. The page
needs nothing from the database, so it renders the same whatever state the site is in.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception):
    """``handler400``: a plain page, in the site's style, that says what to do next."""
    context = {
        "too_much": isinstance(exception, TOO_MUCH),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    # No request: context processors (site settings, the user) would reach the database.
    return HttpResponseBadRequest(render_to_string("400.html", context))
