from django import template
from wagtail.models import Page, Site

from ..cache import remember

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", in page-tree order."""
    request = context.get("request")
    root = _site_root(context)

    def menu_items():
        pages = root.get_children().live().public().in_menu().only("title", "url_path")
        return [
            {"title": page.title, "url": page.get_url(request), "url_path": page.url_path}
            for page in pages
        ]

    current = context.get("page")
    return {
        "items": remember(f"main-menu:{root.pk}", menu_items) if root else [],
        "current_path": current.url_path if current else "",
    }


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the home page down to the current page's parent."""
    page = context.get("page")
    root = _site_root(context)
    if page is None or root is None or page.depth <= root.depth:
        return {"ancestors": []}
    ancestors = (
        Page.objects.ancestor_of(page)
        .filter(depth__gte=root.depth)
        .only("title", "url_path")
        .order_by("depth")
    )
    return {"ancestors": ancestors, "request": context.get("request")}
