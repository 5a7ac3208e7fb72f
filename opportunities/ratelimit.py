"""A small per-client rate limit kept in Django's cache.

With Redis as the cache (``REDIS_URL``) the count is shared by every worker and
server. Addresses are never stored: the cache key is a keyed hash of the address.

When the cache does not answer, the limit is not counted and every sign-up is taken
(it "fails open"): turning people away because Redis is down would be worse than a
few extra sign-ups from one address. ``portal/faults.py`` logs that once.

Which address is the client's (``client_address``): the address of the connection,
unless that is one of the trusted proxies in ``SIGNUP_TRUSTED_PROXY_ADDRESSES``. Then,
with ``SIGNUP_TRUSTED_PROXIES`` proxies in a row adding to ``X-Forwarded-For``, the
client is the address that many places from the right of that header: the one the
farthest trusted proxy saw. Anything a client writes in the header itself sits to the
left of it and is never read, and a client that reaches the app server directly is not
a trusted proxy, so its header is ignored.
"""

import contextlib
import functools
import hashlib
import hmac
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.faults import CacheClient, CacheUnavailable
from portal.networks import parse_networks

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 60 * 60 * 24}

shared_cache = CacheClient(logger, "Sign-up limit", "sign-ups are not counted per address")


def parse_rate(rate):
    """'5/h' -> (5, 3600). Periods: s, m, h, d."""
    try:
        count, period = str(rate).strip().lower().split("/")
        return int(count), PERIODS[period[:1]]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"A rate must look like '5/h' (a number, then /s, /m, /h or /d), not {rate!r}."
        ) from error


@functools.lru_cache(maxsize=8)
def _trusted_networks(addresses):
    return parse_networks(addresses)


def _ip(value):
    """The address in ``value`` (IPv4 inside IPv6 unwrapped), or None."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request):
    """The client's address, as a string. See the module's notes."""
    peer = _ip(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "SIGNUP_TRUSTED_PROXIES", 0)
    trusted = _trusted_networks(tuple(getattr(settings, "SIGNUP_TRUSTED_PROXY_ADDRESSES", ())))
    if proxies <= 0 or not any(peer in network for network in trusted):
        return str(peer)
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return str(peer)
    # Fewer entries than proxies: every one was added by a proxy, the first is the client.
    client = _ip(forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0])
    # A trusted proxy always writes a real address; anything else counts as the proxy's.
    return str(client or peer)


def _key(scope, request):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


class RateLimit:
    """Allow ``rate`` uses per client in a fixed window that starts at the first use."""

    def __init__(self, scope, rate):
        self.scope = scope
        self.limit, self.period = parse_rate(rate)

    def acquire(self, request):
        """Count one use now; False when that use is over the limit.

        Counting first and checking the new total is atomic (incr() is, in Redis), so
        simultaneous requests on several workers can never all slip under the limit.
        True, without counting, when the cache does not answer.
        """
        key = _key(self.scope, request)
        try:
            # add() only sets the key (and starts the window) when it is not there yet.
            if shared_cache.call("add", key, 0, timeout=self.period):
                # When this window ends, for the Retry-After of a refusal.
                shared_cache.call("set", f"{key}:ends", time.time() + self.period, self.period)
            try:
                count = shared_cache.call("incr", key)
            except ValueError:
                # The window ended between add() and incr(): start a new one.
                shared_cache.call("set", key, 1, timeout=self.period)
                shared_cache.call("set", f"{key}:ends", time.time() + self.period, self.period)
                count = 1
        except CacheUnavailable:
            return True
        return count <= self.limit

    def release(self, request):
        """Give back a use that did not count after all (e.g. a form with mistakes)."""
        # The window may have ended meanwhile; then there is nothing to give back.
        with contextlib.suppress(ValueError, CacheUnavailable):
            shared_cache.call("decr", _key(self.scope, request))

    def retry_after(self, request):
        """Whole seconds until this client's window ends (the whole period if unknown)."""
        try:
            ends = shared_cache.call("get", f"{_key(self.scope, request)}:ends")
        except CacheUnavailable:
            ends = None
        if ends is None:
            return self.period
        return min(self.period, max(1, math.ceil(ends - time.time())))
