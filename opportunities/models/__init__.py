from .events import EventIndexPage, EventPage
from .groups import GroupIndexPage, GroupPage
from .pages import OpportunityFacts, OpportunityIndexPage, OpportunityPage
from .signups import ContactMethod, SignUp, SignUpStatus, SignUpStatusChange, Source
from .snippets import Area, EngagementType, OrganisingGroup, Venue

__all__ = [
    "Area",
    "ContactMethod",
    "EngagementType",
    "EventIndexPage",
    "EventPage",
    "GroupIndexPage",
    "GroupPage",
    "OpportunityFacts",
    "OpportunityIndexPage",
    "OpportunityPage",
    "OrganisingGroup",
    "SignUp",
    "SignUpStatus",
    "SignUpStatusChange",
    "Source",
    "Venue",
]
