"""Paper for people with no internet: a one-page flyer for every opportunity and event at
``<page URL>print/``, and the printable catalogue at ``/opportunities/print/``.

Each sheet carries a QR code of the page's sign-up address at the site's public
address, and the flyer ends with a tear-off slip whose boxes match the fields a
coordinator fills in when entering a paper sign-up in the admin.
"""

import segno
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from portal.models import SiteSettings

from .choices import ContactMethod

FLYER_TEMPLATE = "opportunities/print/flyer.html"
CATALOGUE_TEMPLATE = "opportunities/print/catalogue.html"
# A printed list longer than this is a book, not a list: people are asked to narrow it.
CATALOGUE_LIMIT = 200
FLYER_ITEMS = 5  # "what you get" lines on a flyer, so it stays on one sheet


def sign_up_url(page, request=None):
    """The absolute address of a page's sign-up form, at the site's public address."""
    url = page.get_full_url(request) or ""
    if not url.startswith(("http://", "https://")):
        # A site with no host name set gives a path; the request supplies the host.
        url = request.build_absolute_uri(url or "/") if request else url
    return url + page.reverse_subpage("sign_up")


def qr_svg(url, title):
    """An inline SVG QR code for ``url``: black on white, sized by the stylesheet."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="qr",
        lineclass=None,
        title=title,
    )


def sign_up_reference(page):
    """A short reference a coordinator can match a paper slip to its page with."""
    prefix = "E" if type(page).__name__ == "EventPage" else "P"
    return f"{prefix}{page.pk}"


def printable(page, request):
    """What a flyer or a catalogue entry shows about ``page``."""
    url = sign_up_url(page, request)
    return {
        "page": page,
        "sign_up_url": url,
        "qr_svg": qr_svg(url, f"QR code: sign up for {page.title}"),
        "reference": sign_up_reference(page),
        "taking_sign_ups": page.is_taking_sign_ups,
        "contact_methods": ContactMethod.choices,
    }


def _base_context(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    return {
        "page": page,
        "self": page,
        "request": request,
        "site_settings": SiteSettings.for_request(request),
    }


class PrintableFlyerMixin(RoutablePageMixin):
    """Adds ``<page URL>print/``: the page as a one-sheet A4 flyer with a tear-off slip."""

    flyer_template = FLYER_TEMPLATE

    @path("print/", name="print")
    def print_view(self, request):
        context = _base_context(self, request)
        context.update(printable(self, request))
        context["what_you_get"] = [*self.what_you_get_items, *self.motivations][:FLYER_ITEMS]
        return TemplateResponse(request, self.flyer_template, context)


def catalogue_response(index_page, request):
    """The printable catalogue: every match for the listing's filters, up to a limit."""
    form, results = index_page.filtered_opportunities(request)
    total = results.count()
    shown = list(results[:CATALOGUE_LIMIT])
    context = _base_context(index_page, request)
    context.update(
        {
            "filter_form": form,
            "entries": [printable(page, request) for page in shown],
            "result_count": total,
            "shown_count": len(shown),
            "more_than_shown": total > len(shown),
            "listing_url": index_page.get_url(request),
        }
    )
    return TemplateResponse(request, CATALOGUE_TEMPLATE, context)
