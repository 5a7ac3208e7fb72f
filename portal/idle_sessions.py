"""Staff are logged out after SESSION_IDLE_MINUTES without a request they made.

Django's SESSION_SAVE_EVERY_REQUEST pushes the session's expiry on with every request.
Wagtail's editor, though, sends requests by itself while a page or snippet is open: the
editing-sessions ping (every few seconds, to show who else is editing) and its release
when the tab closes. With every request counted, an editor tab left open on a shared
computer kept the session alive for ever.

``IdleSessionMiddleware`` takes the place of SESSION_SAVE_EVERY_REQUEST (which is off):
every request marks the session as changed, so Django's SessionMiddleware saves it and
renews the expiry, except those background requests. They are answered as usual and
still save anything they change in the session, but leave the expiry where it was.
Anything a person does (opening a page, sending a form, autosave while they type,
the preview as they edit) still counts.
"""

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
        if session is not None and not is_background(request):
            # SessionMiddleware saves a changed session and renews its expiry; an empty
            # one (a visitor who never logged in) is still left alone.
            session.modified = True
        return response
