from .changes import ChangeRecord, ChangeRecordOpportunity, YouSaidWeDidPage
from .pages import StoryIndexPage, StoryNotReadyToPublish, StoryOpportunity, StoryPage

__all__ = [
    "ChangeRecord",
    "ChangeRecordOpportunity",
    "StoryIndexPage",
    "StoryNotReadyToPublish",
    "StoryOpportunity",
    "StoryPage",
    "YouSaidWeDidPage",
]
