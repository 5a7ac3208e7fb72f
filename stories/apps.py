from django.apps import AppConfig
from django.db.models.signals import post_save


def _set_up_moderation_for_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .moderation import set_up_story_moderation

        set_up_story_moderation(instance)


def _tell_people_about_record(sender, instance, raw=False, **kwargs):
    if not raw:
        from .outcomes import tell_people_after_saving

        tell_people_after_saving(instance.pk)


def _tell_people_about_idea(sender, instance, raw=False, **kwargs):
    if not raw and instance.change_record_id and instance.wants_to_hear:
        from .outcomes import tell_people_after_saving

        tell_people_after_saving(instance.change_record_id)


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from .models import StoryIndexPage
        from .permissions import StorytellerPagePermissionPolicy

        # Registered for Page (and so for every page type) before anything asks for it.
        register_permission_policy(Page, StorytellerPagePermissionPolicy(Page))

        from .models import ChangeRecord, Idea

        # "What came of it": told once the record has its "we did" (stories/outcomes.py).
        post_save.connect(
            _tell_people_about_record,
            sender=ChangeRecord,
            dispatch_uid="stories_tell_people_about_record",
        )
        post_save.connect(
            _tell_people_about_idea, sender=Idea, dispatch_uid="stories_tell_people_about_idea"
        )
        post_save.connect(
            _set_up_moderation_for_new_index,
            sender=StoryIndexPage,
            dispatch_uid="stories_set_up_moderation_for_new_index",
        )
