"""The numbers behind the insights page, counted in the database.

Every function here runs a fixed number of queries, however many sign-ups there are:
counts are grouped by month and category with ``values()``/``Count``/``TruncMonth``.
Only counts, dates and opportunity titles leave this module: never anything a person
told us.
"""

import datetime

from django.db.models import Count, DateField, F, Min, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from ..choices import Level
from ..models import OpportunityPage, SignUp, SignUpStatus
from ..models.signups import reply_by_date
from ..working_days import is_working_day, start_of

NOT_KNOWN = "Not known"
QUIET_DAYS = 90


def _either_page(field):
    """A fact of the page signed up for, whether it is an opportunity or an event."""
    return Coalesce(F(f"page__opportunitypage__{field}"), F(f"page__eventpage__{field}"))


# What sign-ups are counted by: (key, heading, the page fact, fixed columns if any).
BREAKDOWNS = (
    ("level", "Sign-ups by level", _either_page("level"), [label for _, label in Level.choices]),
    ("type", "Sign-ups by type of engagement", _either_page("engagement_type__name"), []),
    ("area", "Sign-ups by area", _either_page("area__name"), []),
    ("group", "Sign-ups by organising group", _either_page("organising_group__name"), []),
)
LEVEL_LABELS = dict(Level.choices)


def received_between(records, date_from, date_to):
    """``records`` (sign-ups, or anything else with ``created_at``) received from the
    start of ``date_from`` to the end of ``date_to``."""
    return records.filter(
        created_at__gte=start_of(date_from),
        created_at__lt=start_of(date_to + datetime.timedelta(days=1)),
    ).order_by()


def sign_ups_between(date_from, date_to):
    """Sign-ups received from the start of ``date_from`` to the end of ``date_to``."""
    return received_between(SignUp.objects.all(), date_from, date_to)


def months_between(date_from, date_to):
    """The first day of every month in the range, oldest first."""
    months = []
    month = date_from.replace(day=1)
    while month <= date_to:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def monthly_counts(records, expression):
    """``{(month, category): count}`` of ``records`` by the month they were received, in
    one query; category ``None`` when not known."""
    rows = (
        records.annotate(
            month=TruncMonth("created_at", output_field=DateField()), category=expression
        )
        .values("month", "category")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["month"], row["category"]): row["count"] for row in rows}


def breakdowns(sign_ups):
    """Each breakdown as ``(key, heading, columns, counts)``; one query each."""
    results = []
    for key, heading, expression, fixed in BREAKDOWNS:
        counts = monthly_counts(sign_ups, expression)
        if key == "level":
            counts = {
                (month, LEVEL_LABELS.get(category, category)): count
                for (month, category), count in counts.items()
            }
        found = {category for _, category in counts}
        columns = list(fixed) + sorted(c for c in found if c is not None and c not in fixed)
        if None in found:
            columns.append(NOT_KNOWN)
            counts = {
                (month, NOT_KNOWN if category is None else category): count
                for (month, category), count in counts.items()
            }
        results.append((key, heading, columns, counts))
    return results


def outcomes(sign_ups):
    """``{status label: count}`` for every status, in the inbox's order; one query."""
    counts = dict(sign_ups.values_list("status").annotate(count=Count("pk")).order_by())
    return {label: counts.get(value, 0) for value, label in SignUpStatus.choices}


def working_days_between(start, end):
    """Working days (weekdays that are not bank holidays, as for the reply-by date)
    after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days


def first_contact(sign_ups, response_days, today=None):
    """How quickly people were first contacted (their first status change away from
    "new"), against the reply-by date we promised. One query.

    Returns ``days`` (working days to first contact, one number per contacted sign-up),
    ``on_time`` and ``measured``: sign-ups contacted, or still new after their reply-by
    date, and how many of them were contacted by that date.
    """
    today = today or timezone.localdate()
    rows = sign_ups.annotate(
        contacted_at=Min(
            "status_changes__changed_at",
            filter=Q(status_changes__from_status=SignUpStatus.NEW),
        )
    ).values_list("created_at", "contacted_at", "status")
    days, on_time, measured = [], 0, 0
    for created_at, contacted_at, status in rows:
        reply_by = reply_by_date(created_at, response_days)
        if contacted_at is None:
            if status == SignUpStatus.NEW and today > reply_by:
                measured += 1  # not contacted, and the promise has passed
            continue
        contacted_on = timezone.localdate(contacted_at)
        days.append(working_days_between(timezone.localdate(created_at), contacted_on))
        measured += 1
        if contacted_on <= reply_by:
            on_time += 1
    return {"days": days, "on_time": on_time, "measured": measured}


def quiet_opportunities(now=None):
    """Live opportunities nobody has signed up for in the last 90 days; one query."""
    now = now or timezone.now()
    recent = SignUp.objects.filter(
        created_at__gte=now - datetime.timedelta(days=QUIET_DAYS), page__isnull=False
    ).values("page_id")
    return list(
        OpportunityPage.objects.live()
        .exclude(pk__in=recent)
        .order_by("title", "pk")
        .values("pk", "title")
    )
