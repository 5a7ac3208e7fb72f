from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import media as portal_media
from portal import views as portal_views

# A database out of reach gives a 503 page (portal/faults.py), whatever raised it.
handler500 = "portal.faults.server_error"
# Too much sent at once (or a request that cannot be read): a friendly 400 page.
handler400 = "portal.errors.bad_request"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.MEDIA_URL.startswith("/"):
    # Uploaded images kept by the site itself (no bucket): see portal/media.py.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", portal_media.serve_image)
    )

urlpatterns += [
    # Calendar files (/events/calendar.ics, <event URL>calendar.ics): see opportunities/urls.py.
    path("", include("opportunities.urls")),
    path("search/", portal_views.search, name="search"),
    path("", include(wagtail_urls)),
]
