"""Site-wide views."""

import re

from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from .pagination import paginate

MAX_QUERY_LENGTH = 200
PER_PAGE = 10

# What each kind of page is called in search results, in plain words.
PAGE_TYPE_NAMES = {
    "portal.homepage": "Home page",
    "portal.contentpage": "Information",
    "opportunities.opportunityindexpage": "List of opportunities",
    "opportunities.opportunitypage": "Opportunity",
    "opportunities.eventindexpage": "List of events",
    "opportunities.eventpage": "Event",
    "stories.storyindexpage": "List of stories",
    "stories.storypage": "Story",
}


def page_type_name(page):
    key = f"{page._meta.app_label}.{page._meta.model_name}"
    return PAGE_TYPE_NAMES.get(key, page._meta.verbose_name.capitalize())


def search(request):
    """Search every public page of the site: /search/?q=words."""
    raw_query = request.GET.get("q", "").strip()
    error = None
    if len(raw_query) > MAX_QUERY_LENGTH:
        error = f"Search words must be {MAX_QUERY_LENGTH} characters or fewer. Try fewer words."
        raw_query = ""
    # Letters and numbers only: quotes, stars or brackets mean something to a search engine.
    words = " ".join(re.findall(r"\w+", raw_query))
    page_obj = elided_page_range = None
    results = []
    if words:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.in_site(site)
        page_obj, elided_page_range = paginate(request, pages.search(words), PER_PAGE)
        # One query per kind of page on this page of results, not one per result.
        ids = [page.pk for page in page_obj.object_list]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        results = [
            {"page": page, "type": page_type_name(page), "summary": getattr(page, "summary", "")}
            for page in (specific[pk] for pk in ids if pk in specific)
        ]
    return TemplateResponse(
        request,
        "portal/search.html",
        {
            "search_query": words,
            "typed_query": raw_query,
            "error": error,
            "results": results,
            "page_obj": page_obj,
            "elided_page_range": elided_page_range,
        },
    )
