from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_inbox
from .insights import wagtail_hooks as insights_hooks  # noqa: F401 (adds /admin/insights/)
from .models import Area, EngagementType, OrganisingGroup, Venue


class EngagementTypeViewSet(SnippetViewSet):
    model = EngagementType
    icon = "tag"
    menu_label = "Types of engagement"
    list_display = ["name", "description", "sort_order"]
    search_fields = ["name"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Areas"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class OrganisingGroupViewSet(SnippetViewSet):
    model = OrganisingGroup
    icon = "group"
    menu_label = "Organising groups"
    list_display = ["name", "website"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = "Venues"
    list_display = ["name", "postcode"]
    search_fields = ["name"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    menu_label = "Catalogue"
    menu_icon = "list-ul"
    menu_order = 200
    items = (EngagementTypeViewSet, AreaViewSet, OrganisingGroupViewSet, VenueViewSet)


register_snippet(CatalogueViewSetGroup)

# The sign-up inbox (menu item, views, permissions, audit-log actions) lives in one module.
admin_inbox.register()
