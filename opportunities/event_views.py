"""The events listing: upcoming and past, filtered and paginated."""

from django.utils import timezone

from portal.listing import listing_context

from .event_forms import EventFilterForm, months_ahead

EVENTS_PER_PAGE = 12


def event_listing(index_page, request, *, past):
    now = timezone.now()
    events = index_page.events()
    events = events.past(now) if past else events.upcoming(now)
    form = EventFilterForm(request.GET, months=months_ahead(timezone.localdate(now)))
    context = listing_context(
        request,
        form,
        form.filter_queryset(events),
        per_page=EVENTS_PER_PAGE,
        name="events",
        url=index_page.get_url(request)
        + index_page.reverse_subpage("past_events" if past else "upcoming_events"),
    )
    return index_page.render(request, context_overrides={**context, "showing_past": past})
