"""A whole-page cache for anonymous visitors, and purging of an edge cache.

Anonymous GET requests for public pages are answered from Django's cache (Redis when
``REDIS_URL`` is set, so every app server shares it). Nothing is ever served from the
cache to someone with a session (staff), nor for a response that carries a form token,
sets a cookie or says ``private``/``no-store``.

What a change renews depends on what it changed:

- **Everything** (``renew_everything``): publishing, unpublishing, moving or deleting a
  page, saving or deleting a snippet, a setting, a site or a view restriction. Every
  cached page is stored under a global *generation* number, and these rare editorial
  actions move it on, so every page (and everything ``remember`` keeps) is made afresh
  on its next request. Each app says which of its models count, from its
  ``AppConfig.ready()``, with ``renew_on_change(Model)``; pages are connected here.
- **One page** (``renew_page``): a sign-up that changes the places an event shows.
  Each page address also has a generation of its own, read with the global one in the
  same round trip (``get_many``), and the cache key holds both. ``renew_page`` gives
  the page's address a new random one, so that address is made afresh on every host,
  for every query string, method and encoding, while every other page stays cached.
  It is kept for twice ``PAGE_CACHE_SECONDS``: by the time it lapses, every copy stored
  before it was set has expired too.
- **Nothing**: a draft saved, a revision, a status change, a log entry, a session.
  There are no receivers for all models, so Django's fast delete still works for those.

Each renewal happens at once (so the process that made the change sees it) and again
when the transaction commits (so a page rendered by another request just before the
commit, from the data as it was, is not kept).

When a CDN or Varnish sits in front (``FRONTEND_CACHE_*`` variables, see the README),
Wagtail's frontend-cache app purges a page's URL when it is published; the handlers
below also purge the listings and home page that show it.

The cache only makes pages faster. When it does not answer (Redis down or hanging),
pages are made afresh for every request and nothing is stored; a change made meanwhile
could not move the generation on, so the first process to reach the cache again moves
it on then (see ``portal/faults.py``).
"""

import contextlib
import dataclasses
import hashlib
import logging
import re
import secrets
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control

from .faults import CacheClient, CacheUnavailable

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
PAGE_GENERATION_PREFIX = "page-cache:address:"
# A page address with no generation of its own yet.
NO_PAGE_GENERATION = 0
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")
# The same test GZipMiddleware makes: a client that takes gzip gets the compressed copy.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclasses.dataclass(frozen=True)
class _Memo:
    """This process's copies of remembered values for one generation."""

    generation: int | None = None
    values: dict = dataclasses.field(default_factory=dict)


# Read once per request: the generation a request starts with is the one it uses,
# unless it changes something itself (see ``invalidate``).
_request_state = threading.local()
# Replaced whole, never changed in place, when a request finds a newer generation: a
# thread still holding an older one only ever writes into that generation's values.
_memo = _Memo()


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


def _read_generations(*keys):
    """The global generation and whatever of ``keys`` the cache holds, in one round trip.

    Raises ``CacheUnavailable`` when the cache does not answer.
    """
    was_failing = shared_cache.failing
    found = shared_cache.call("get_many", [GENERATION_KEY, *keys])
    if was_failing and not shared_cache.failing:
        # Back after an outage: the generation was just moved on; read the new one.
        found = shared_cache.call("get_many", [GENERATION_KEY, *keys])
    if found.get(GENERATION_KEY) is None:
        shared_cache.call("add", GENERATION_KEY, _first_generation(), timeout=None)
        found[GENERATION_KEY] = shared_cache.call("get", GENERATION_KEY, 0)
    if getattr(_request_state, "in_request", False):
        _request_state.generation = found[GENERATION_KEY]
    return found


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
        return _read_generations()[GENERATION_KEY]
    except CacheUnavailable:
        return None


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


def _now_and_on_commit(renew):
    renew()
    transaction.on_commit(renew)


def renew_everything(**kwargs):
    """Every page is made afresh on its next request. A receiver for any signal."""
    _now_and_on_commit(invalidate)


def renew_on_change(*models):
    """Renew every page when an instance of one of ``models`` is saved or deleted.

    For snippets and settings: rare editorial changes that can show on any page. Called
    by each app from its ``AppConfig.ready()``; connected for these senders only.
    """
    for model in models:
        post_save.connect(renew_everything, sender=model)
        post_delete.connect(renew_everything, sender=model)


def _page_generation_key(path):
    return PAGE_GENERATION_PREFIX + hashlib.sha256(path.encode()).hexdigest()


def renew_page(page):
    """Only ``page`` is made afresh on its next request (at its own address, on every
    host, with any query string); every other page stays cached."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    url_parts = page.get_url_parts()
    if url_parts is None or url_parts[2] is None:
        return  # not reachable by any URL, so nothing of it is cached
    key = _page_generation_key(url_parts[2])

    def renew():
        # A new random number, not one more: two renewals never share a number, and
        # one that lapses is never brought back.
        # If the cache does not answer, the whole generation moves on when it does.
        with contextlib.suppress(CacheUnavailable):
            shared_cache.call(
                "set", key, _first_generation() + 1, timeout=2 * settings.PAGE_CACHE_SECONDS
            )

    _now_and_on_commit(renew)


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
    global _memo
    memo = _memo
    if memo.generation != current:
        memo = _memo = _Memo(current)
    values = memo.values
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


def _cache_key(request):
    """One entry per host, path with query string, method and encoding the client takes,
    under the global generation and the generation of the page's address.

    GZipMiddleware runs inside this one, so what is stored is what was sent: compressed
    for clients that accept gzip, plain for the others (the response says
    ``Vary: Accept-Encoding`` to any cache in front). Raises ``CacheUnavailable`` when
    the cache does not answer.
    """
    page_generation_key = _page_generation_key(request.path)
    generations = _read_generations(page_generation_key)
    current = generations[GENERATION_KEY]
    page_generation = generations.get(page_generation_key, NO_PAGE_GENERATION)
    full_path = request.get_full_path()
    digest = hashlib.sha256(f"{request.get_host()}|{full_path}".encode()).hexdigest()
    encoding = (
        "gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else "identity"
    )
    return f"page-cache:{current}:{page_generation}:{request.method}:{encoding}:{digest}"


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
        try:
            key = _cache_key(request)
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
