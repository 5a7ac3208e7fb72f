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
"""

import hashlib
import re
import secrets
import threading

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
# The same test GZipMiddleware makes: a client that takes gzip gets the compressed copy.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


# Read once per request: the generation a request starts with is the one it uses,
# unless it changes something itself (see ``invalidate``).
_request_state = threading.local()
# This process's copies of remembered values, for one generation at a time.
_memo = {"generation": None, "values": {}}


def _first_generation():
    return secrets.randbelow(2**40)


def generation():
    """The current generation of public content (a number that only goes up).

    It starts at a random number, so a cache emptied by hand never brings back a
    generation a process still holds copies for.
    """
    known = getattr(_request_state, "generation", None)
    if known is not None:
        return known
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _first_generation(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    if getattr(_request_state, "in_request", False):
        _request_state.generation = value
    return value


def invalidate(**kwargs):
    """Move every cached page out of reach. Safe to call from any signal."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _first_generation(), timeout=None)
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
    if _memo["generation"] != current:
        _memo["values"] = {}
        _memo["generation"] = current
    values = _memo["values"]
    if key in values:
        return values[key]
    full_key = f"fragment:{current}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    values[key] = value
    return value


def _cache_key(request):
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
    return f"page-cache:{generation()}:{request.method}:{encoding}:{digest}"


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
        key = _cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
            return response
        return self._mark_private_if_needed(request, response)

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
