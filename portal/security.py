"""The Content Security Policy: strict on the public site, workable in the admin.

Public pages allow scripts only from this site (``script-src 'self'``) and cannot be
framed at all. The Wagtail admin starts many of its widgets (choosers, repeating
panels, the date pickers, the preview panel) with inline ``<script>`` elements that
carry no nonce, and each Wagtail release can add more. Rather than chase them one by
one, the admin gets a policy of its own:

- ``script-src 'self' 'unsafe-inline'``: Wagtail's inline start-up scripts run. Scripts
  from any other site are still refused, and everything the admin shows of editors'
  input is escaped by Wagtail's templates.
- ``frame-ancestors 'self'`` and ``X-Frame-Options: SAMEORIGIN``: the editor's preview
  panel shows the preview of a page in a frame of the admin itself. Other sites still
  cannot frame anything.

Only requests under the admin's own URL get this policy, and the stand-in requests
Wagtail makes to render a preview inside the admin (``request.is_dummy``, which Wagtail
sets so that middleware can tell them apart). A public page never does.
"""

from functools import cache

from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_request(request):
    return getattr(request, "is_dummy", False) or request.path_info.startswith(admin_prefix())


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's URL."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_request(request):
            parts.replace = {**ADMIN_POLICY, **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        if is_admin_request(request):
            # Django's clickjacking middleware runs after this one and keeps a value set.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)
