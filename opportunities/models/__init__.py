from .pages import OpportunityFacts, OpportunityIndexPage, OpportunityPage
from .snippets import Area, EngagementType, OrganisingGroup

__all__ = [
    "Area",
    "EngagementType",
    "OpportunityFacts",
    "OpportunityIndexPage",
    "OpportunityPage",
    "OrganisingGroup",
]
