"""IP networks named in settings, read once for the whole site.

The sign-up limit (opportunities/ratelimit.py) trusts ``X-Forwarded-For`` only from the
proxies in ``SIGNUP_TRUSTED_PROXY_ADDRESSES``; the system checks (portal/checks.py)
report a bad entry there before the site starts.
"""

import ipaddress

from django.core.exceptions import ImproperlyConfigured


def parse_networks(addresses):
    """['10.0.0.0/8', '::1'] -> networks. ImproperlyConfigured names a bad entry."""
    networks = []
    for entry in addresses:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"SIGNUP_TRUSTED_PROXY_ADDRESSES: {entry!r} is not an IP address or "
                "network (such as 10.0.0.5 or 10.0.0.0/24)."
            ) from error
    return tuple(networks)
