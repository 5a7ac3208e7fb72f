from django.apps import AppConfig
from django.db.models.signals import post_save


def _set_up_moderation_for_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .moderation import set_up_story_moderation

        set_up_story_moderation(instance)


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from .models import StoryIndexPage

        post_save.connect(
            _set_up_moderation_for_new_index,
            sender=StoryIndexPage,
            dispatch_uid="stories_set_up_moderation_for_new_index",
        )
