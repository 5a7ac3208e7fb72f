"""The filter form of the events listing: every value checked before it reaches a query."""

import datetime

from django import forms

from .choices import Level
from .models import Area, EngagementType


class EventFilterForm(forms.Form):
    level = forms.ChoiceField(
        label="Level", required=False, choices=[("", "Any level"), *Level.choices]
    )
    type = forms.ModelChoiceField(
        label="Type of engagement",
        required=False,
        queryset=EngagementType.objects.all(),
        to_field_name="slug",
        empty_label="Any type",
    )
    area = forms.ModelChoiceField(
        label="Area",
        required=False,
        queryset=Area.objects.all(),
        to_field_name="slug",
        empty_label="Any area",
    )
    month = forms.RegexField(
        label="Month",
        required=False,
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        max_length=7,
        help_text="For example 2027-03 for March 2027.",
        error_messages={"invalid": "Choose a month from the list."},
    )

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Any month")]
        choices += [(month.strftime("%Y-%m"), month.strftime("%B %Y")) for month in months]
        self.fields["month"].widget = forms.Select(choices=choices)

    def clean(self):
        """Drop values that failed validation so the rest of the filters still apply."""
        cleaned = super().clean()
        for name in list(self.errors):
            cleaned.pop(name, None)
        return cleaned

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        if data.get("type"):
            queryset = queryset.filter(engagement_type=data["type"])
        if data.get("area"):
            queryset = queryset.filter(area=data["area"])
        if data.get("month"):
            year, month = (int(part) for part in data["month"].split("-"))
            queryset = queryset.filter(start__year=year, start__month=month)
        return queryset

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in ("level", "type", "area", "month"))


def months_ahead(today, count=6):
    """The first day of this month and the next ``count - 1`` months."""
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return months
