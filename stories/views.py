"""Admin views for stories: the report of stories whose consent needs checking again."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .models import StoryPage
from .moderation import MODERATORS


def can_see_story_report(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


class ConsentReviewReportView(ReportView):
    """Stories whose 'check consent again' date has come, oldest date first."""

    page_title = "Stories to check"
    header_icon = "user"
    index_url_name = "stories_consent_review_report"
    index_results_url_name = "stories_consent_review_report_results"
    results_template_name = "stories/admin/consent_review_results.html"
    model = StoryPage
    columns = [
        TitleColumn("title", label="Story", url_name="wagtailadmin_pages:edit"),
        Column("byline", label="Name shown"),
        DateColumn("consent_date", label="Said yes on"),
        DateColumn("consent_review_date", label="Check consent again on"),
        Column("status_string", label="Status"),
    ]
    list_export = ["title", "byline", "consent_date", "consent_method", "consent_review_date"]
    export_headings = {
        "byline": "Name shown",
        "consent_date": "Said yes on",
        "consent_method": "How they said yes",
        "consent_review_date": "Check consent again on",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_story_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def permission_policy(self):
        # Access is decided in dispatch(): moderators and superusers only.
        return None

    def get_filename(self):
        return f"stories-to-check-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return StoryPage.objects.filter(consent_review_date__lte=timezone.localdate()).order_by(
            "consent_review_date", "title"
        )
