"""The date range of the insights page: checked here before it reaches a query."""

import datetime

from django import forms
from django.utils import timezone

LONGEST_RANGE_YEARS = 5
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)


def default_range(today=None):
    """The last 12 months: from the first day of the month 11 months ago, to today."""
    today = today or timezone.localdate()
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1), today


def years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class DateRangeForm(forms.Form):
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, for example 2026-01-01."},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, for example 2026-12-31."},
    )

    def __init__(self, data=None, today=None, **kwargs):
        self.today = today or timezone.localdate()
        start, end = default_range(self.today)
        kwargs.setdefault("initial", {"date_from": start, "date_to": end})
        super().__init__(data, **kwargs)

    def add_prefix(self, field_name):
        # Rendered as name="from" and name="to" so the page's URLs stay short.
        return {"date_from": "from", "date_to": "to"}.get(field_name, field_name)

    def _clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST:%Y} and {LATEST:%Y}, for example 2026-01-01."
            )
        return day

    def clean_date_from(self):
        return self._clean_day("date_from")

    def clean_date_to(self):
        return self._clean_day("date_to")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        default_from, default_to = default_range(self.today)
        start = cleaned.get("date_from") or default_from
        end = cleaned.get("date_to") or default_to
        if start > end:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date.")
            return cleaned
        if end > years_later(start, LONGEST_RANGE_YEARS):
            self.add_error(
                "date_to",
                f"Choose a range of {LONGEST_RANGE_YEARS} years or less.",
            )
            return cleaned
        cleaned["date_from"], cleaned["date_to"] = start, end
        return cleaned

    def date_range(self):
        """The chosen range, or the last 12 months when the form is empty or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
        return default_range(self.today)
