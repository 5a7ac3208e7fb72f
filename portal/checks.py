"""System checks for settings that are easy to get wrong on a server."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .networks import parse_networks
from .texts import TEMPLATES


@register(Tags.security)
def trusted_proxy_addresses_are_valid(app_configs, **kwargs):
    try:
        parse_networks(getattr(settings, "SIGNUP_TRUSTED_PROXY_ADDRESSES", ()))
    except ImproperlyConfigured as error:
        return [Error(str(error), id="portal.E001")]
    return []


@register(Tags.security, deploy=True)
def sign_up_limit_sees_each_visitor(app_configs, **kwargs):
    """The sign-up limit must count each visitor apart, and no visitor may choose the address."""
    proxies = getattr(settings, "SIGNUP_TRUSTED_PROXIES", 0)
    try:
        networks = parse_networks(getattr(settings, "SIGNUP_TRUSTED_PROXY_ADDRESSES", ()))
    except ImproperlyConfigured:
        return []  # reported by trusted_proxy_addresses_are_valid
    problems = []
    if proxies > 0 and not networks:
        problems.append(
            Warning(
                "SIGNUP_TRUSTED_PROXIES is set but SIGNUP_TRUSTED_PROXY_ADDRESSES is empty, so "
                "X-Forwarded-For is never read and every visitor behind the proxy shares one "
                "sign-up count.",
                hint="Set SIGNUP_TRUSTED_PROXY_ADDRESSES to the address or network of the "
                "proxy that connects to the app server, or SIGNUP_TRUSTED_PROXIES=0 if there "
                "is no proxy.",
                id="portal.W001",
            )
        )
    everyone = [str(network) for network in networks if network.prefixlen == 0]
    if proxies > 0 and everyone:
        problems.append(
            Warning(
                f"SIGNUP_TRUSTED_PROXY_ADDRESSES trusts every address ({', '.join(everyone)}), "
                "so any visitor can choose the address the sign-up limit counts by sending "
                "X-Forwarded-For.",
                hint="List only the proxies' own addresses or networks.",
                id="portal.W002",
            )
        )
    return problems


@register(deploy=True)
def notify_texts_are_configured(app_configs, **kwargs):
    """Texts through GOV.UK Notify need its API key and a template id for each message."""
    if (getattr(settings, "TEXT_BACKEND", "") or "").strip().lower() != "notify":
        return []
    missing = [] if getattr(settings, "NOTIFY_API_KEY", "") else ["NOTIFY_API_KEY"]
    missing += [
        f"NOTIFY_TEMPLATE_{name.upper()}"
        for name in TEMPLATES
        if not getattr(settings, f"NOTIFY_TEMPLATE_{name.upper()}", "")
    ]
    if not missing:
        return []
    return [
        Warning(
            f"TEXT_BACKEND is notify but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not set, so texts to people who signed "
            "up by text message cannot all be sent.",
            hint="Set them from your GOV.UK Notify service (API integration and templates), "
            "or TEXT_BACKEND=none to send no texts.",
            id="portal.W003",
        )
    ]
