"""The events listing: upcoming and past, filtered and paginated."""

from django.utils import timezone

from portal.pagination import paginate

from .event_forms import EventFilterForm, months_ahead

EVENTS_PER_PAGE = 12


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
