from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page, PageViewRestriction, Site, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import cache, checks  # noqa: F401 - checks registers itself
        from .models import SiteSettings

        # What every page can show. The other apps register their own snippets and the
        # narrower renewals (opportunities: sign-ups) from their own ready().
        for page_model in get_page_models():
            for signal in (page_published, page_unpublished, post_page_move):
                signal.connect(cache.renew_everything, sender=page_model)
        # Every page type has a row in Page, so this hears every page deleted.
        post_delete.connect(cache.renew_everything, sender=Page)
        cache.renew_on_change(Site, PageViewRestriction, SiteSettings)

        page_published.connect(
            cache.purge_listings_from_frontend_cache, dispatch_uid="edge-purge-published"
        )
        page_unpublished.connect(
            cache.purge_listings_from_frontend_cache, dispatch_uid="edge-purge-unpublished"
        )
