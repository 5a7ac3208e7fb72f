from django.apps import AppConfig
from django.db.models.signals import post_save


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from .editing import let_editors_publish_under_new_listing
        from .models import EventIndexPage, OpportunityIndexPage

        for listing in (OpportunityIndexPage, EventIndexPage):
            post_save.connect(
                let_editors_publish_under_new_listing,
                sender=listing,
                dispatch_uid=f"opportunities_editors_publish_{listing.__name__}",
            )
