"""Where the portal is running: on a laptop, in the test suite, or on a server.

Each settings module says so in ``PORTAL_ENVIRONMENT``: ``development`` (dev.py),
``test`` (test.py) or ``production`` (production.py). A settings module that does not
say, such as one a deployment writes on top of base.py, counts as production, so
anything that is only safe on a laptop stays off unless a module asks for it.
"""

from django.conf import settings

LOCAL_ENVIRONMENTS = frozenset({"development", "test"})


def portal_environment():
    return getattr(settings, "PORTAL_ENVIRONMENT", "production")


def is_local():
    """True on a developer's machine or in the test suite, never on a server."""
    return portal_environment() in LOCAL_ENVIRONMENTS
