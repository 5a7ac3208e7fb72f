"""Staff are logged out after SESSION_IDLE_MINUTES without a request they made.

Django's SESSION_SAVE_EVERY_REQUEST pushes the session's expiry on with every request.
Wagtail's editor, though, sends requests by itself while a page or snippet is open: the
editing-sessions ping (every few seconds, to show who else is editing) and its release
when the tab closes. With every request counted, an editor tab left open on a shared
computer kept the session alive for ever.

``IdleSessionMiddleware`` takes the place of SESSION_SAVE_EVERY_REQUEST (which is off):
a request renews the session (Django's SessionMiddleware saves it, which moves the
expiry on), except those background requests. They are answered as usual and still
save anything they change in the session, but leave the expiry where it was. Anything a
person does (opening a page, sending a form, autosave while they type, the preview as
they edit) still counts.

A session is renewed at most once a minute, not on every request: an admin page loads
several things at once (icons, translations, the editor's own requests), and one write
to the session table per minute of work is enough to keep the hour's idle time.
"""

import time

RENEWED_AT = "portal_session_renewed_at"
RENEW_EVERY_SECONDS = 60

# Views (namespace:name) that the admin calls on a timer, not because someone did something.
BACKGROUND_VIEWS = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
    }
)


def is_background(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in BACKGROUND_VIEWS


class IdleSessionMiddleware:
    """Goes just after SessionMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A visitor who never logged in has an empty session: it is left alone.
        if session is None or is_background(request) or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get(RENEWED_AT, 0) >= RENEW_EVERY_SECONDS:
            # A changed session is saved by SessionMiddleware, which renews its expiry.
            session[RENEWED_AT] = now
        return response
