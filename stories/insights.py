"""The idea box's part of the staff insights page: ideas received and acted on.

Counted in two queries whatever the number of ideas, and shown with the page's own
small-number suppression, so the idea box can never reveal one person's idea.
"""

from django.db.models import F

from opportunities.insights.queries import monthly_counts, received_between
from opportunities.insights.suppression import safe_count
from opportunities.insights.views import Section

from .models import Idea, IdeaStatus

ACTED_ON = (IdeaStatus.PASSED_ON, IdeaStatus.CHANGED)


def idea_sections(context):
    months = context["months"]
    ideas = received_between(Idea.objects.all(), context["date_from"], context["date_to"])
    counts = monthly_counts(ideas, F("status"))
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
