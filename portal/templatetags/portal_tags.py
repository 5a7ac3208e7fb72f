from django import template
from wagtail.models import Page, Site

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", in page-tree order."""
    root = _site_root(context)
    items = root.get_children().live().public().in_menu().only("title", "url_path") if root else []
    current = context.get("page")
    return {
        "root": root,
        "items": items,
        "current_path": current.url_path if current else "",
        "request": context.get("request"),
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
