from .changes import ChangeRecord, ChangeRecordOpportunity, YouSaidWeDidPage
from .ideas import Idea, IdeaBoxPage, IdeaStatus, OutcomeNotice
from .pages import StoryIndexPage, StoryNotReadyToPublish, StoryOpportunity, StoryPage

__all__ = [
    "ChangeRecord",
    "ChangeRecordOpportunity",
    "Idea",
    "IdeaBoxPage",
    "IdeaStatus",
    "OutcomeNotice",
    "StoryIndexPage",
    "StoryNotReadyToPublish",
    "StoryOpportunity",
    "StoryPage",
    "YouSaidWeDidPage",
]
