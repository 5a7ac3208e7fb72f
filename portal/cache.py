"""A whole-page cache for anonymous visitors, and purging of an edge cache.

Anonymous GET requests for public pages are answered from Django's cache (Redis when
``REDIS_URL`` is set, so every app server shares it). Every cached page is stored under
a *generation* number; any change that could show on a public page — a page published
or unpublished, a snippet or setting saved, a sign-up that changes the places left —
moves the generation on, so the next request renders afresh. Nothing is ever served
from the cache to someone with a session (staff), nor for a response that carries a
form token, sets a cookie or says ``private``/``no-store``.

When a CDN or Varnish sits in front (``FRONTEND_CACHE_*`` variables, see the README),
Wagtail's frontend-cache app purges a page's URL when it is published; the handlers
below also purge the listings and home page that show it.

The cache only makes pages faster. When it does not answer (Redis down or hanging),
pages are made afresh for every request and nothing is stored; a change made meanwhile
could not move the generation on, so the first process to reach the cache again moves
it on then (see ``portal/faults.py``).
"""

import hashlib
import logging
import re
import secrets
import threading

from django.conf import settings
from django.utils.cache import patch_cache_control

from .faults import CacheClient, CacheUnavailable

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
# The same test GZipMiddleware makes: a client that takes gzip gets the compressed copy.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


# Read once per request: the generation a request starts with is the one it uses,
# unless it changes something itself (see ``invalidate``).
_request_state = threading.local()
# This process's copies of remembered values, for one generation at a time.
_memo = {"generation": None, "values": {}}


def _moved_on_after_outage():
    # Anything published while the cache was away could not move the generation on.
    invalidate()


shared_cache = CacheClient(
    logger,
    "Page cache",
    "pages are made afresh for every visitor",
    on_recovery=_moved_on_after_outage,
)


def _first_generation():
    return secrets.randbelow(2**40)


def generation():
    """The current generation of public content (a number that only goes up).

    It starts at a random number, so a cache emptied by hand never brings back a
    generation a process still holds copies for. None when the cache does not
    answer: then nothing is read from it or stored in it.
    """
    known = getattr(_request_state, "generation", None)
    if known is not None:
        return known
    try:
        was_failing = shared_cache.failing
        value = shared_cache.call("get", GENERATION_KEY)
        if was_failing and not shared_cache.failing:
            # Back after an outage: the generation was just moved on; read the new one.
            value = shared_cache.call("get", GENERATION_KEY)
        if value is None:
            shared_cache.call("add", GENERATION_KEY, _first_generation(), timeout=None)
            value = shared_cache.call("get", GENERATION_KEY, 0)
    except CacheUnavailable:
        return None
    if getattr(_request_state, "in_request", False):
        _request_state.generation = value
    return value


def invalidate(**kwargs):
    """Move every cached page out of reach. Safe to call from any signal."""
    try:
        try:
            shared_cache.call("incr", GENERATION_KEY)
        except ValueError:
            shared_cache.call("set", GENERATION_KEY, _first_generation(), timeout=None)
    except CacheUnavailable:
        # Moved on when the cache answers again (``_moved_on_after_outage``).
        pass
    _request_state.generation = None


def remember(key, compute):
    """``compute()``, kept until the next change to public content.

    For the small things every page shows (the menu, the site settings, the private
    sections): a page that is rendered afresh still gets them without a query. They are
    kept in the shared cache, and each process keeps its own copy for the generation
    it has seen, so a request asks the shared cache only for the generation. Off, like
    the page cache, when ``PAGE_CACHE_SECONDS`` is 0.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    current = generation()
    if current is None:
        return compute()
    if _memo["generation"] != current:
        _memo["values"] = {}
        _memo["generation"] = current
    values = _memo["values"]
    if key in values:
        return values[key]
    full_key = f"fragment:{current}:{key}"
    try:
        value = shared_cache.call("get", full_key)
    except CacheUnavailable:
        return compute()
    if value is None:
        value = compute()
        try:
            shared_cache.call("set", full_key, value, settings.PAGE_CACHE_SECONDS)
        except CacheUnavailable:
            return value
    values[key] = value
    return value


def _cache_key(request, current):
    """One entry per host, path with query string, method and encoding the client takes.

    GZipMiddleware runs inside this one, so what is stored is what was sent: compressed
    for clients that accept gzip, plain for the others (the response says
    ``Vary: Accept-Encoding`` to any cache in front).
    """
    full_path = request.get_full_path()
    digest = hashlib.sha256(f"{request.get_host()}|{full_path}".encode()).hexdigest()
    encoding = (
        "gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else "identity"
    )
    return f"page-cache:{current}:{request.method}:{encoding}:{digest}"


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A preview in the admin renders the page through this middleware too.
        and not getattr(request, "is_dummy", False)
    )


def _cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_state.in_request = True
        _request_state.generation = None
        try:
            return self._respond(request)
        finally:
            _request_state.in_request = False
            _request_state.generation = None

    def _respond(self, request):
        if not _cacheable_request(request):
            return self._mark_private_if_needed(request, self.get_response(request))
        current = generation()
        try:
            if current is None:
                raise CacheUnavailable
            key = _cache_key(request, current)
            cached = shared_cache.call("get", key)
        except CacheUnavailable:
            return self._uncached(request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            try:
                shared_cache.call("set", key, response, settings.PAGE_CACHE_SECONDS)
            except CacheUnavailable:
                response["X-Page-Cache"] = "off"
                return response
            response["X-Page-Cache"] = "miss"
            return response
        return self._mark_private_if_needed(request, response)

    def _uncached(self, request):
        """The cache is not answering: the page is made afresh and not stored."""
        response = self._mark_private_if_needed(request, self.get_response(request))
        if _cacheable_response(request, response):
            # Still public for browsers and an edge cache: it is the same page.
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            response["X-Page-Cache"] = "off"
        return response

    @staticmethod
    def _mark_private_if_needed(request, response):
        """A page with a form token or a cookie must never sit in a shared cache."""
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response


def purge_listings_from_frontend_cache(instance, **kwargs):
    """Purge the pages that list ``instance`` (its parent and the home page) from the edge."""
    if "wagtail.contrib.frontend_cache" not in settings.INSTALLED_APPS:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    parent = instance.get_parent()
    if parent is not None:
        batch.add_page(parent)
        for ancestor in parent.get_ancestors().filter(depth__gte=2):
            batch.add_page(ancestor)
    batch.purge()
