from .changes import ChangeRecord, YouSaidWeDidPage
from .pages import StoryIndexPage, StoryNotReadyToPublish, StoryPage

__all__ = [
    "ChangeRecord",
    "StoryIndexPage",
    "StoryNotReadyToPublish",
    "StoryPage",
    "YouSaidWeDidPage",
]
