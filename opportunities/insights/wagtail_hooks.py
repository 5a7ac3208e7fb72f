"""Registers the insights page and its menu item under Reports.

Wagtail loads only ``opportunities/wagtail_hooks.py``, which imports this module.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import InsightsView, can_view_insights

URL_NAME = "opportunities_insights"


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_insights(request.user)


@hooks.register("register_admin_urls")
def register_insights_url():
    return [path("insights/", InsightsView.as_view(), name=URL_NAME)]


@hooks.register("register_reports_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        "Insights", reverse(URL_NAME), name="insights", icon_name="table", order=900
    )
