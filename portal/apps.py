from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished

        from . import cache, checks, faults  # noqa: F401 - checks registers itself

        def content_changed(sender, **kwargs):
            if sender._meta.app_label in CONTENT_APPS or issubclass(
                sender, Page | Site | PageViewRestriction
            ):
                cache.invalidate()

        # Anything public pages show: pages, sites, who may see a page, and every model of
        # the portal's apps (snippets, settings, sign-ups that change the places left).
        post_save.connect(content_changed, weak=False, dispatch_uid="page-cache-save")
        post_delete.connect(content_changed, weak=False, dispatch_uid="page-cache-delete")
        page_published.connect(cache.invalidate, dispatch_uid="page-cache-published")
        page_unpublished.connect(cache.invalidate, dispatch_uid="page-cache-unpublished")
        page_published.connect(
            cache.purge_listings_from_frontend_cache, dispatch_uid="edge-purge-published"
        )
        page_unpublished.connect(
            cache.purge_listings_from_frontend_cache, dispatch_uid="edge-purge-unpublished"
        )


CONTENT_APPS = {"portal", "opportunities", "stories"}
