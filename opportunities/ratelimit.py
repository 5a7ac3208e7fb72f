"""A small per-client rate limit kept in Django's cache.

With Redis as the cache (``REDIS_URL``) the count is shared by every worker and
server. Addresses are never stored: the cache key is a keyed hash of the address.
"""

import contextlib
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 60 * 60 * 24}


def parse_rate(rate):
    """'5/h' -> (5, 3600). Periods: s, m, h, d."""
    try:
        count, period = str(rate).strip().lower().split("/")
        return int(count), PERIODS[period[:1]]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"A rate must look like '5/h' (a number, then /s, /m, /h or /d), not {rate!r}."
        ) from error


def client_address(request):
    """The client's address; behind N trusted proxies, the Nth address from the right."""
    proxies = getattr(settings, "SIGNUP_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


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
        """
        key = _key(self.scope, request)
        # add() only sets the key (and starts the window) when it is not there yet.
        cache.add(key, 0, timeout=self.period)
        try:
            count = cache.incr(key)
        except ValueError:
            # The window ended between add() and incr(): start a new one.
            cache.set(key, 1, timeout=self.period)
            count = 1
        return count <= self.limit

    def release(self, request):
        """Give back a use that did not count after all (e.g. a form with mistakes)."""
        # The window may have ended meanwhile; then there is nothing to give back.
        with contextlib.suppress(ValueError):
            cache.decr(_key(self.scope, request))
