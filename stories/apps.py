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
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from portal import cache

        from .models import ChangeRecord, ChangeRecordOpportunity, StoryIndexPage
        from .permissions import StorytellerPagePermissionPolicy

        # Registered for Page (and so for every page type) before anything asks for it.
        register_permission_policy(Page, StorytellerPagePermissionPolicy(Page))

        post_save.connect(
            _set_up_moderation_for_new_index,
            sender=StoryIndexPage,
            dispatch_uid="stories_set_up_moderation_for_new_index",
        )

        # "You said, we did" records are snippets that pages show.
        cache.renew_on_change(ChangeRecord, ChangeRecordOpportunity)
