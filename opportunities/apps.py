from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save

from portal.faults import note_sign_up_kept


def _note_sign_up_kept(sender, instance, created, **kwargs):
    # If the page after a sign-up fails, the person is told it was kept (portal/faults.py).
    if created:
        transaction.on_commit(lambda: note_sign_up_kept(instance.reference))


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from .editing import let_editors_publish_under_new_listing
        from .models import EventIndexPage, OpportunityIndexPage, SignUp

        for listing in (OpportunityIndexPage, EventIndexPage):
            post_save.connect(
                let_editors_publish_under_new_listing,
                sender=listing,
                dispatch_uid=f"opportunities_editors_publish_{listing.__name__}",
            )
        post_save.connect(_note_sign_up_kept, sender=SignUp, dispatch_uid="outage-sign-up-kept")
