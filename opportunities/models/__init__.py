from .events import EventIndexPage, EventPage
from .pages import OpportunityFacts, OpportunityIndexPage, OpportunityPage
from .snippets import Area, EngagementType, OrganisingGroup, Venue

__all__ = [
    "Area",
    "EngagementType",
    "EventIndexPage",
    "EventPage",
    "OpportunityFacts",
    "OpportunityIndexPage",
    "OpportunityPage",
    "OrganisingGroup",
    "Venue",
]
