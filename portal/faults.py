"""What the site does when a service it relies on fails.

Redis (the shared cache) only makes the site faster. ``FailSoftRedisCache`` is Django's
Redis backend with short timeouts (see ``CACHES`` in the settings) that never lets a
Redis failure reach a page: a read finds nothing, a write is dropped, and after a
failure each process leaves Redis alone for ``CACHE_RETRY_SECONDS`` before it tries
again, so a Redis that hangs costs one short timeout now and then, not one per request.
Parts of the site that need to know whether the cache answered (the page cache, the
sign-up limit) go through a ``CacheClient``, which says so once in the log when the
cache stops answering them and once when it is back.

The database cannot be done without. When it cannot be reached, every page answers
``503 Service Unavailable`` with ``Retry-After`` and a plain page that needs nothing
from the database; after a sign-up form is sent it says whether the sign-up was kept.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Any failure to reach or hear from Redis: refused, reset, timed out, or a bad answer.
CACHE_ERRORS = (RedisError, OSError)
RETRY_AFTER_SECONDS = 30


class CacheUnavailable(Exception):
    """The shared cache did not answer (or is being left alone for a few seconds)."""


# Shared cache ---------------------------------------------------------------------------


class _Outage:
    """When this process may next try a cache server that failed. One per server."""

    def __init__(self):
        self.retry_at = 0.0

    def skipping(self):
        return time.monotonic() < self.retry_at

    def failed(self):
        self.retry_at = time.monotonic() + getattr(settings, "CACHE_RETRY_SECONDS", 5)

    def answered(self):
        self.retry_at = 0.0


# Django makes a cache backend per thread; what is known about a server is per process.
_outages = {}
_outages_lock = threading.Lock()


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache for a site that works without it.

    Reads give their default and writes are dropped while Redis fails; ``attempt()``
    raises ``CacheUnavailable`` instead, for callers that must know.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        key = server if isinstance(server, str) else ",".join(server)
        with _outages_lock:
            self.outage = _outages.setdefault(key, _Outage())

    def attempt(self, method, *args, **kwargs):
        """``self.method(*args, **kwargs)``, or ``CacheUnavailable``."""
        if self.outage.skipping():
            raise CacheUnavailable
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except CACHE_ERRORS as error:
            self.outage.failed()
            raise CacheUnavailable from error
        self.outage.answered()
        return result

    def _soft(self, fallback, method, *args, **kwargs):
        try:
            return self.attempt(method, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    def add(self, key, *args, **kwargs):
        return self._soft(False, "add", key, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._soft(default, "get", key, default, version)

    def set(self, key, *args, **kwargs):
        return self._soft(None, "set", key, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._soft(False, "touch", key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._soft(False, "delete", key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        return self._soft({}, "get_many", keys, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._soft(False, "has_key", key, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        # Django's answer for "these keys were not stored".
        return self._soft(list(data), "set_many", data, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._soft(None, "delete_many", keys, *args, **kwargs)

    def clear(self):
        return self._soft(False, "clear")

    def incr(self, key, delta=1, version=None):
        # No safe answer to give: a count that cannot be kept is the caller's to handle.
        return self.attempt("incr", key, delta, version)


class CacheClient:
    """A part of the site that uses the shared cache and can do without it.

    ``call("get", key)`` runs the cache method, or raises ``CacheUnavailable`` when the
    cache does not answer. The first failure is logged as a warning and the first answer
    after it as information, never one line per request. ``on_recovery`` runs when the
    cache answers again.
    """

    def __init__(self, logger, name, meanwhile, on_recovery=None, alias="default"):
        self.logger = logger
        self.name = name
        self.meanwhile = meanwhile
        self.on_recovery = on_recovery
        self.alias = alias
        # The cache servers (by location) this part of the site has found not answering.
        self._failing = set()
        self._lock = threading.Lock()

    def _location(self):
        return str(settings.CACHES.get(self.alias, {}).get("LOCATION", ""))

    @property
    def failing(self):
        return self._location() in self._failing

    def call(self, method, *args, **kwargs):
        backend = caches[self.alias]
        try:
            if isinstance(backend, FailSoftRedisCache):
                result = backend.attempt(method, *args, **kwargs)
            else:
                result = getattr(backend, method)(*args, **kwargs)
        except CacheUnavailable:
            self._went_down()
            raise
        if self.failing:
            self._came_back()
        return result

    def _went_down(self):
        location = self._location()
        with self._lock:
            if location in self._failing:
                return
            self._failing.add(location)
        self.logger.warning(
            "%s: the shared cache is not answering, so %s until it is back.",
            self.name,
            self.meanwhile,
        )

    def _came_back(self):
        location = self._location()
        with self._lock:
            if location not in self._failing:
                return
            self._failing.discard(location)
        self.logger.info("%s: the shared cache is answering again.", self.name)
        if self.on_recovery is not None:
            self.on_recovery()


# Database -------------------------------------------------------------------------------

# Django wraps the driver's errors in its own; a lost or refused connection is one of these.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)

_request_state = threading.local()


def note_sign_up_kept(reference):
    """Remember, for this request, that a sign-up was saved (called once it is committed)."""
    _request_state.sign_up_reference = reference


def outage_response(request):
    """503 with Retry-After and a plain page; nothing here reads the database."""
    reference = getattr(_request_state, "sign_up_reference", None)
    sent_form = request is not None and request.method == "POST"
    content = render_to_string("503.html", {"sent_form": sent_form, "kept_reference": reference})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class _DatabaseOutageLog:
    """Logs once when requests start failing on the database, once when they stop."""

    def __init__(self):
        self.failing = False

    def failed(self, error):
        if not self.failing:
            self.failing = True
            # The error's type only: its message can carry the server's address.
            logger.warning(
                "The database cannot be reached (%s); pages answer 503 until it is back.",
                type(error).__name__,
            )

    def answered(self):
        if self.failing:
            self.failing = False
            logger.info("The database is answering again.")


_database_log = _DatabaseOutageLog()


class DatabaseOutageMiddleware:
    """Turns "the database cannot be reached" into a 503 page instead of a 500.

    ``process_exception`` catches it from any view; ``server_error`` (the site's
    ``handler500``) catches it when it comes from another middleware, such as the
    session being saved after the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Reset when a request starts, not when it ends: an error raised by an outer
        # middleware is handled after this one has returned.
        _request_state.sign_up_reference = None
        response = self.get_response(request)
        if response.status_code != 503:
            _database_log.answered()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNREACHABLE):
            _database_log.failed(exception)
            return outage_response(request)
        return None


def server_error(request, *args, **kwargs):
    """``handler500``: a 503 page when the cause was the database being out of reach."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNREACHABLE):
        _database_log.failed(error)
        return outage_response(request)
    return django_server_error(request, *args, **kwargs)
