"""The filter form of the events listing: every value checked before it reaches a query."""

import datetime

from django import forms

from .choices import LEVEL_LABELS, WHEN, Level, Payment
from .forms import FactsFilterForm
from .models.events import when_q

# Months outside these years are not real event dates (and year 0 breaks date lookups).
FIRST_YEAR, LAST_YEAR = 1900, 2999


class EventFilterForm(FactsFilterForm):
    level = forms.ChoiceField(
        label="Who you do it with",
        required=False,
        choices=[("", "Any of these"), *((lvl.value, LEVEL_LABELS[lvl][0]) for lvl in Level)],
        error_messages={"invalid_choice": "Choose a level from the list. We showed every level."},
    )
    month = forms.RegexField(
        label="Month",
        required=False,
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        max_length=7,
        help_text="For example 2027-03 for March 2027.",
        error_messages={"invalid": "Choose a month from the list. We showed every month."},
    )
    when = forms.ChoiceField(
        label="When",
        required=False,
        choices=[("", "Any time"), *((value, label) for value, (_f, label) in WHEN.items())],
        error_messages={"invalid_choice": "Choose a time from the list. We showed every time."},
    )
    payment = forms.ChoiceField(
        label="Money",
        required=False,
        choices=[("", "Paid or not"), *Payment.choices],
        error_messages={"invalid_choice": "Choose from the list. We showed every kind."},
    )

    field_order = ["level", "type", "area", "month", "when", "payment"]

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Any month")]
        choices += [(month.strftime("%Y-%m"), month.strftime("%B %Y")) for month in months]
        self.fields["month"].widget = forms.Select(choices=choices)

    def clean_month(self):
        month = self.cleaned_data.get("month")
        if month and not FIRST_YEAR <= int(month[:4]) <= LAST_YEAR:
            raise forms.ValidationError(self.fields["month"].error_messages["invalid"])
        return month

    def filter_month(self, queryset, month):
        year, month = (int(part) for part in month.split("-"))
        return queryset.filter(start__year=year, start__month=month)

    def filter_when(self, queryset, when):
        return queryset.filter(when_q(when))

    def filter_payment(self, queryset, payment):
        return queryset.filter(payment=payment)


def months_ahead(today, count=6):
    """The first day of this month and the next ``count - 1`` months."""
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return months
