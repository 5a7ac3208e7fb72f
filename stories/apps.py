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


def _forget_expired_ideas(sender, retention_days, dry_run, **kwargs):
    from .models import Idea

    expired = Idea.objects.expired(retention_days)
    if dry_run:
        return f"{expired.count()} idea(s) older than {retention_days} days would be deleted."
    count = expired.count()
    expired.delete()
    return f"Deleted {count} idea(s) not changed for {retention_days} days."


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from opportunities.management.commands.purge_expired_signups import (
            retention_period_ended,
        )
        from portal import cache

        from .models import ChangeRecord, ChangeRecordOpportunity, Idea, StoryIndexPage
        from .permissions import StorytellerPagePermissionPolicy

        # Registered for Page (and so for every page type) before anything asks for it.
        register_permission_policy(Page, StorytellerPagePermissionPolicy(Page))

        retention_period_ended.connect(
            _forget_expired_ideas, dispatch_uid="stories_forget_expired_ideas"
        )

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

        # "You said, we did" records are snippets that pages show.
        cache.renew_on_change(ChangeRecord, ChangeRecordOpportunity)
