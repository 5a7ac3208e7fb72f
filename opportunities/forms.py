"""Forms of the catalogue: the listing's filters and the "Find what suits you" chooser.

Both submit by GET to /opportunities/ with the same parameter names, so every result
list has a web address people can bookmark or share. Nothing from the query string
reaches a queryset without passing through a form field first.
"""

import re
from functools import cached_property, partial

from django import forms
from django.db.models import Q, Value
from django.utils.html import format_html

from portal.cache import remember
from portal.listing import ListingFilterForm

from .choices import (
    EXPLAINED,
    FORMATS,
    LEVEL_LABELS,
    MOTIVATIONS,
    SUPPORT,
    TYPE_LABELS,
    WHEN,
    WHO,
    Commitment,
    Level,
    Payment,
    Status,
)
from .models import Area, EngagementType

# Search words beyond this are not worth searching for, and a cap keeps hostile input cheap.
MAX_QUERY_LENGTH = 200


def _explained(label, note):
    """A choice's plain label, with its short explanation in smaller text after it."""
    if not note:
        return label
    return format_html('{} <span class="choice-note">({})</span>', label, note)


def _spec_choices(spec):
    return [
        (value, _explained(label, EXPLAINED.get(value))) for value, (_field, label) in spec.items()
    ]


def level_choices():
    """Levels in plain words, with the research term after each."""
    return [(level.value, _explained(*LEVEL_LABELS[level])) for level in Level]


def _any_of(spec, values):
    any_of = Q()
    for value in values:
        any_of |= Q(**{spec[value][0]: True})
    return any_of


def taxonomy_choices():
    """Types of engagement and areas for the filters, in one query.

    Returns {"type": [(slug, name, pk), ...], "area": [...]} in each list's own order.
    """
    columns = ("sort_order", "name", "slug", "pk")
    rows = (
        EngagementType.objects.order_by()
        .values_list(*columns, Value("type"))
        .union(Area.objects.order_by().values_list(*columns, Value("area")), all=True)
    )
    choices = {"type": [], "area": []}
    for _sort_order, name, slug, pk, kind in sorted(rows):
        choices[kind].append((slug, name, pk))
    return choices


class FactsFilterForm(ListingFilterForm):
    """Filters on the facts opportunities and events share: level, type and area.

    Types and areas come from the database in one query, and only when a chosen value is
    checked or the page shows the lists, not when the form is made. Like the menu, they
    are kept until the next change to public content (a new area renews everything).
    """

    type = forms.ChoiceField(
        label="Type of involvement",
        required=False,
        error_messages={"invalid_choice": "Choose a type from the list. We showed every type."},
    )
    area = forms.ChoiceField(
        label="Area",
        required=False,
        error_messages={"invalid_choice": "Choose an area from the list. We showed every area."},
    )
    empty_labels = {"type": "Any type", "area": "Anywhere"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("type", "area"):
            self.fields[name].choices = partial(self.taxonomy_field_choices, name)

    @cached_property
    def taxonomies(self):
        return remember("taxonomy-choices", taxonomy_choices)

    def taxonomy_field_choices(self, name):
        return [
            ("", self.empty_labels[name]),
            *((slug, TYPE_LABELS.get(slug, label)) for slug, label, _pk in self.taxonomies[name]),
        ]

    def taxonomy_pk(self, name, slug):
        return next(pk for value, _label, pk in self.taxonomies[name] if value == slug)

    def filter_level(self, queryset, level):
        return queryset.filter(level=level)

    def filter_type(self, queryset, slug):
        return queryset.filter(engagement_type_id=self.taxonomy_pk("type", slug))

    def filter_area(self, queryset, slug):
        return queryset.filter(area_id=self.taxonomy_pk("area", slug))


class OpportunityFilterForm(FactsFilterForm):
    """The filters beside the list of opportunities. Search words are applied separately,
    after the other filters (see ``search_words``)."""

    q = forms.CharField(
        label="Search words",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": f"Search words must be {MAX_QUERY_LENGTH} characters or fewer. "
            "We did not use them."
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    level = forms.ChoiceField(
        label="Who you do it with",
        required=False,
        choices=[("", "Any of these"), *level_choices()],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a level from the list. We showed every level."},
    )
    commitment = forms.ChoiceField(
        label="How much time",
        required=False,
        choices=[("", "Any amount of time"), *Commitment.choices],
        error_messages={
            "invalid_choice": "Choose an amount of time from the list. We showed every amount."
        },
    )
    format = forms.MultipleChoiceField(
        label="How you take part",
        help_text="Show ones you can do in any of the ways you tick.",
        required=False,
        choices=_spec_choices(FORMATS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose ways to take part from the list. We showed every way."
        },
    )
    support = forms.MultipleChoiceField(
        label="Support you need",
        help_text="Show only ones that offer everything you tick.",
        required=False,
        choices=_spec_choices(SUPPORT),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose support from the list. We showed all support."},
    )
    motivation = forms.MultipleChoiceField(
        label="What you want to get out of it",
        help_text="Show ones that offer any of the things you tick.",
        required=False,
        choices=_spec_choices(MOTIVATIONS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list. We showed everything."},
    )
    when = forms.MultipleChoiceField(
        label="When you are free",
        help_text="Show ones that happen at any of the times you tick.",
        required=False,
        choices=_spec_choices(WHEN),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose times from the list. We showed every time."},
    )
    who = forms.MultipleChoiceField(
        label="Who you are",
        help_text="Show ones open to you. Ones open to anyone are always shown.",
        required=False,
        choices=_spec_choices(WHO),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list. We showed everyone."},
    )
    payment = forms.MultipleChoiceField(
        label="Money",
        help_text="Show ones with any of the kinds you tick.",
        required=False,
        choices=Payment.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list. We showed every kind."},
    )
    no_record_check = forms.BooleanField(label="No criminal record check", required=False)
    first_step = forms.BooleanField(label="Good first steps only", required=False)
    show_closed = forms.BooleanField(label="Show ones that have closed", required=False)

    field_order = ["q", "level", "when", "area", "type", "commitment", "who", "payment"]

    def filter_commitment(self, queryset, commitment):
        return queryset.filter(commitment=commitment)

    def filter_format(self, queryset, values):
        return queryset.filter(_any_of(FORMATS, values))

    def filter_support(self, queryset, values):
        return queryset.filter(**{SUPPORT[value][0]: True for value in values})

    def filter_motivation(self, queryset, values):
        return queryset.filter(_any_of(MOTIVATIONS, values))

    def filter_when(self, queryset, values):
        return queryset.filter(_any_of(WHEN, values))

    def filter_who(self, queryset, values):
        return queryset.filter(_any_of(WHO, [*values, "anyone"]))

    def filter_payment(self, queryset, values):
        return queryset.filter(payment__in=values)

    def filter_no_record_check(self, queryset, _value):
        return queryset.filter(disclosure_check=False)

    def filter_first_step(self, queryset, _value):
        return queryset.filter(first_step=True)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.filters().get("show_closed"):
            queryset = queryset.exclude(status=Status.CLOSED)
        return queryset

    @property
    def search_words(self):
        """The words to search for: letters and numbers only, so punctuation that means
        something to a search engine (quotes, brackets, stars) cannot break a query."""
        return " ".join(re.findall(r"\w+", self.filters().get("q", "")))


class ChooserForm(forms.Form):
    """A few plain questions. The answers become the listing's filters (same names)."""

    commitment = forms.ChoiceField(
        label="How much time do you have?",
        required=False,
        choices=[
            (Commitment.ONE_OFF, "A little, just once (for example a short survey)"),
            (Commitment.DROP_IN, "I want to drop in when I can"),
            (Commitment.FEW_WEEKS, "Some time over a few weeks"),
            (Commitment.ONGOING, "Regular time, for as long as it suits me"),
            ("", "I'm not sure yet"),
        ],
        widget=forms.RadioSelect,
    )
    when = forms.MultipleChoiceField(
        label="When are you free?",
        help_text="Tick all that suit you.",
        required=False,
        choices=_spec_choices(WHEN),
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(
        label="On your own or with others?",
        required=False,
        choices=[*level_choices(), ("", "I'm not sure yet")],
        widget=forms.RadioSelect,
    )
    area = forms.ModelChoiceField(
        Area.objects.all(),
        label="Where are you?",
        to_field_name="slug",
        required=False,
        empty_label="Anywhere is fine",
        blank=True,
        widget=forms.RadioSelect,
    )
    format = forms.MultipleChoiceField(
        label="How could you take part?",
        help_text="Tick all that suit you.",
        required=False,
        choices=_spec_choices(FORMATS),
        widget=forms.CheckboxSelectMultiple,
    )
    support = forms.MultipleChoiceField(
        label="What would you need to take part?",
        help_text="Tick only what you really need. Leave them all empty if you need nothing.",
        required=False,
        choices=_spec_choices(SUPPORT),
        widget=forms.CheckboxSelectMultiple,
    )
