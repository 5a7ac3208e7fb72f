"""The insights page for staff: how many people sign up, for what, and what happens next.

Only people who may see sign-ups (the Sign-up coordinators group, and superusers) can
open it; everyone else is refused with a 403. It shows counts only, after small-number
suppression (see ``suppression``), as tables and server-drawn bar charts, and the same
numbers as a CSV file. The page needs no script.

Each part of the page is a section built by one function in ``SECTION_BUILDERS``.
Another app adds parts with the ``register_insights_sections`` hook: a function that
takes the same context (``date_from``, ``date_to`` and the rest) and returns a list of
``Section``; the stories app adds the idea box's numbers that way.
"""

import csv
import dataclasses

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..admin_inbox import response_days_for
from . import queries
from .forms import DateRangeForm
from .suppression import (
    FEWER_THAN,
    METHOD_SENTENCE,
    rounded,
    safe_count,
    safe_median,
    safe_share,
)

PERMISSION = "opportunities.view_signup"
CHART_WIDTH = 480
BAR_SPACE = 300
ROW_HEIGHT = 40


def can_view_insights(user):
    """The same rule as the sign-up inbox's list: the sign-up view permission."""
    return bool(user and user.is_active and user.has_perm(PERMISSION))


@dataclasses.dataclass
class Section:
    """One part of the page: a heading, an optional table (already suppressed), an
    optional bar chart of ``(label, count)`` pairs, and short facts as ``(label, value)``."""

    key: str
    heading: str
    columns: list = dataclasses.field(default_factory=list)
    rows: list = dataclasses.field(default_factory=list)  # (label, [cells], total or None)
    totals: list | None = None
    chart: list | None = None  # (label, raw count)
    facts: list = dataclasses.field(default_factory=list)
    links: list = dataclasses.field(default_factory=list)  # (text, url)
    empty_text: str = ""

    @property
    def svg(self):
        return bar_chart(self.key, self.heading, self.chart) if self.chart is not None else None


def bar_chart(key, heading, pairs):
    """Horizontal bars for ``(label, raw count)`` pairs, drawn from suppressed numbers."""
    shown = [(label, rounded(count), safe_count(count)) for label, count in pairs]
    largest = max((value or 0 for _, value, _ in shown), default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(shown):
        top = index * ROW_HEIGHT
        width = round(BAR_SPACE * (value or 0) / largest)
        bars.append(
            {
                "label": label,
                "text": text,
                "label_y": top + 14,
                "bar_y": top + 20,
                "width": width,
                "text_x": width + 6,
                "text_y": top + 32,
            }
        )
    summary = "; ".join(f"{bar['label']}: {bar['text']}" for bar in bars)
    return {
        "id": f"chart-{key}",
        "title": f"{heading}, whole range. {summary}",
        "width": CHART_WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "bars": bars,
    }


def breakdown_sections(context):
    sign_ups, months = context["sign_ups"], context["months"]
    sections = []
    for key, heading, columns, counts in queries.breakdowns(sign_ups):
        rows = []
        for month in months:
            raw = [counts.get((month, column), 0) for column in columns]
            rows.append((month.strftime("%b %Y"), [safe_count(n) for n in raw], sum(raw)))
        column_totals = [sum(counts.get((m, c), 0) for m in months) for c in columns]
        grand_total = sum(column_totals)
        sections.append(
            Section(
                key=key,
                heading=heading,
                columns=["Month", *columns, "Total"],
                rows=[(label, cells, safe_count(total)) for label, cells, total in rows],
                totals=[safe_count(n) for n in column_totals] + [safe_count(grand_total)],
                chart=list(zip(columns, column_totals, strict=True)) if grand_total else None,
                empty_text="No sign-ups in this range." if not grand_total else "",
            )
        )
    return sections


def outcome_sections(context):
    counts = queries.outcomes(context["sign_ups"])
    total = sum(counts.values())
    return [
        Section(
            key="outcomes",
            heading="Outcomes by status",
            columns=["Status", "Sign-ups"],
            rows=[(label, [safe_count(n)], None) for label, n in counts.items()],
            totals=[safe_count(total)],
            chart=list(counts.items()),
        )
    ]


def contact_sections(context):
    found = queries.first_contact(context["sign_ups"], context["response_days"])
    return [
        Section(
            key="contact",
            heading="Time from sign-up to first contact",
            facts=[
                ("Median working days to first contact", safe_median(found["days"])),
                (
                    "Contacted by the reply-by date we promised",
                    safe_share(found["on_time"], found["measured"]),
                ),
                (
                    "Sign-ups counted (contacted, or not yet contacted after the reply-by date)",
                    safe_count(found["measured"]),
                ),
            ],
        )
    ]


def quiet_sections(context):
    pages = queries.quiet_opportunities()
    return [
        Section(
            key="quiet",
            heading=f"Live opportunities with no sign-ups in the last {queries.QUIET_DAYS} days",
            links=[
                (page["title"], reverse("wagtailadmin_pages:edit", args=[page["pk"]]))
                for page in pages
            ],
            empty_text=f"Every live opportunity has had a sign-up in the last "
            f"{queries.QUIET_DAYS} days.",
        )
    ]


SECTION_BUILDERS = (breakdown_sections, outcome_sections, contact_sections, quiet_sections)


@method_decorator(never_cache, name="dispatch")
class InsightsView(WagtailAdminTemplateMixin, View):
    page_title = "Insights"
    header_icon = "table"
    template_name = "opportunities/insights/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Insights"}]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_insights(request.user):
            # A real 403: Wagtail would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = DateRangeForm(
            request.GET if ("from" in request.GET or "to" in request.GET) else None
        )
        date_from, date_to = form.date_range()
        context = {
            "sign_ups": queries.sign_ups_between(date_from, date_to),
            "months": queries.months_between(date_from, date_to),
            "response_days": response_days_for(request),
        }
        builders = [*SECTION_BUILDERS, *hooks.get_hooks("register_insights_sections")]
        context.update(date_from=date_from, date_to=date_to)
        sections = [section for build in builders for section in build(context)]
        if request.GET.get("format") == "csv":
            return self.csv_response(sections, date_from, date_to)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                date_from=date_from,
                date_to=date_to,
                sections=sections,
                method_sentence=METHOD_SENTENCE,
                fewer_than=FEWER_THAN,
            )
        )

    def csv_response(self, sections, date_from, date_to):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="insights-{date_from:%Y-%m-%d}-to-{date_to:%Y-%m-%d}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(["Insights", f"From {date_from:%Y-%m-%d}", f"To {date_to:%Y-%m-%d}"])
        writer.writerow([METHOD_SENTENCE])
        for section in sections:
            writer.writerow([])
            writer.writerow([section.heading])
            if section.columns:
                writer.writerow([spreadsheet_safe(c) for c in section.columns])
                for label, cells, total in section.rows:
                    row = [label, *cells]
                    if total is not None:
                        row.append(total)
                    writer.writerow([spreadsheet_safe(value) for value in row])
                if section.totals is not None:
                    writer.writerow(["Total", *section.totals])
            for label, value in section.facts:
                writer.writerow([label, value])
            for text, _url in section.links:
                writer.writerow([spreadsheet_safe(text)])
        return response


def spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
