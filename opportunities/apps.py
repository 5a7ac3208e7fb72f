from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from portal import cache

        from .editing import let_editors_publish_under_new_listing
        from .models import (
            Area,
            EngagementType,
            EventIndexPage,
            OpportunityIndexPage,
            OrganisingGroup,
            SignUp,
            Venue,
        )
        from .signals import sign_up_deleted, sign_up_kept, sign_up_saved

        for listing in (OpportunityIndexPage, EventIndexPage):
            post_save.connect(
                let_editors_publish_under_new_listing,
                sender=listing,
                dispatch_uid=f"opportunities_editors_publish_{listing.__name__}",
            )

        # The snippets pages show: every page is made afresh when one changes.
        cache.renew_on_change(EngagementType, Area, OrganisingGroup, Venue)
        # A sign-up makes afresh only the pages whose places it changed.
        post_save.connect(sign_up_saved, sender=SignUp, dispatch_uid="page-cache-sign-up-saved")
        post_delete.connect(
            sign_up_deleted, sender=SignUp, dispatch_uid="page-cache-sign-up-deleted"
        )
        post_save.connect(sign_up_kept, sender=SignUp, dispatch_uid="outage-sign-up-kept")
