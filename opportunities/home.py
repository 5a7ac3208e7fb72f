"""Home-page sections from the catalogue: the three levels, featured opportunities and
the next events."""

from portal.pagination import first

from .choices import Status, levels_for_display
from .models import EventPage, OpportunityIndexPage, OpportunityPage
from .models.pages import CARD_RELATED

FEATURED_COUNT = 3
NEXT_EVENTS_COUNT = 3


def featured_opportunities():
    """Open opportunities marked as a good first step: the gentlest way in."""
    return first(
        OpportunityPage.objects.live()
        .public()
        .filter(status=Status.OPEN, first_step=True)
        .select_related(*CARD_RELATED)
        .order_by("-last_published_at", "pk"),
        FEATURED_COUNT,
    )


def next_events():
    """The next three events that have not finished yet."""
    return first(
        EventPage.objects.live().public().upcoming().select_related(*CARD_RELATED, "venue"),
        NEXT_EVENTS_COUNT,
    )


def chooser_url(request):
    """The address of "Find what suits you", or None before the catalogue exists."""
    catalogue = OpportunityIndexPage.objects.live().public().first()
    if catalogue is None:
        return None
    return catalogue.get_url(request) + catalogue.reverse_subpage("find")


def home_context(home_page, request):
    return {
        "levels": levels_for_display(),
        "featured_opportunities": featured_opportunities(),
        "upcoming_events": next_events(),
        "chooser_url": chooser_url(request),
    }
