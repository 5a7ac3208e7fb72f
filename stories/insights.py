"""The idea box's part of the staff insights page: ideas received and acted on.

Counted in two queries whatever the number of ideas, and shown with the page's own
small-number suppression, so the idea box can never reveal one person's idea.
"""

import datetime

from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth
from django.utils import timezone

from opportunities.insights.suppression import safe_count
from opportunities.insights.views import Section

from .models import Idea, IdeaStatus

ACTED_ON = (IdeaStatus.PASSED_ON, IdeaStatus.CHANGED)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def idea_sections(context):
    date_from, date_to, months = context["date_from"], context["date_to"], context["months"]
    ideas = Idea.objects.filter(
        created_at__gte=_start_of(date_from),
        created_at__lt=_start_of(date_to + datetime.timedelta(days=1)),
    ).order_by()
    rows = (
        ideas.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("month", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["month"], row["status"]): row["count"] for row in rows}
    received = dict.fromkeys(months, 0)
    acted_on = dict.fromkeys(months, 0)
    for (month, status), count in counts.items():
        received[month] = received.get(month, 0) + count
        if status in ACTED_ON:
            acted_on[month] = acted_on.get(month, 0) + count
    by_status = {label: 0 for _, label in IdeaStatus.choices}
    for (_month, status), count in counts.items():
        by_status[IdeaStatus(status).label] += count
    total_received = sum(received.values())
    total_acted_on = sum(acted_on.values())
    return [
        Section(
            key="ideas",
            heading="Ideas received and acted on",
            columns=["Month", "Received", "Passed on or turned into a change"],
            rows=[
                (
                    month.strftime("%b %Y"),
                    [safe_count(received[month]), safe_count(acted_on[month])],
                    None,
                )
                for month in months
            ],
            totals=[safe_count(total_received), safe_count(total_acted_on)],
            empty_text="No ideas in this range." if not total_received else "",
        ),
        Section(
            key="idea-status",
            heading="Ideas by status",
            columns=["Status", "Ideas"],
            rows=[(label, [safe_count(n)], None) for label, n in by_status.items()],
            totals=[safe_count(total_received)],
            chart=list(by_status.items()) if total_received else None,
        ),
    ]
