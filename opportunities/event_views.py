"""The events listing: upcoming and past, filtered and paginated."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils import timezone

from .event_forms import EventFilterForm, months_ahead

EVENTS_PER_PAGE = 12


def paginate(request, queryset, per_page):
    """One page of results; a page number out of range or not a number is a 404."""
    paginator = Paginator(queryset, per_page)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("There is no such page of results.") from error
    return page_obj, paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


def event_listing(index_page, request, *, past):
    now = timezone.now()
    events = index_page.events()
    events = events.past(now) if past else events.upcoming(now)
    form = EventFilterForm(request.GET or None, months=months_ahead(timezone.localdate(now)))
    if form.is_bound:
        form.is_valid()
        events = form.filter(events)
    page_obj, elided_page_range = paginate(request, events, EVENTS_PER_PAGE)
    return index_page.render(
        request,
        context_overrides={
            "form": form,
            "events": page_obj.object_list,
            "page_obj": page_obj,
            "elided_page_range": elided_page_range,
            "showing_past": past,
        },
    )
