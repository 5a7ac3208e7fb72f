"""One way for every public listing (opportunities, events, stories) to filter and page.

Each listing has a filter form built on ``ListingFilterForm`` and renders through
``templates/components/listing.html``; ``listing_context`` pages the results with
``portal.pagination.paginate`` and gives the template the same names on every listing.

Why a shared form class and not django-filter: nearly every filter here is its own
small rule (any of several tick boxes, "open to anyone" always included, a month, a
time of the week, closed ones hidden unless asked for, search words applied last by
the search backend), so a ``FilterSet`` would be a ``method=`` per filter on top of a
plain form. Django's forms already do the one thing that matters, checking each value
before it reaches a query; a form keeps the checking, the messages and the rendering in
one place, with no new dependency. Filtering follows the form's own ``clean_<name>``
convention: a subclass narrows the results in ``filter_<name>(queryset, value)``.

The rule on every listing: a value that is not allowed is left out, with a message
beside its filter, and the other filters still apply. A filter that takes one value but
arrives with several is treated the same way, since we cannot tell which was meant.
"""

from django import forms

from .pagination import paginate


class ListingFilterForm(forms.Form):
    """The filters of a listing, read from the query string (always bound to it)."""

    several_values_message = "Choose only one for “{label}”. We left this choice out."

    def clean(self):
        cleaned_data = super().clean()
        if hasattr(self.data, "getlist"):
            for name, field in self.fields.items():
                takes_one = hasattr(field.widget, "choices") and not getattr(
                    field.widget, "allow_multiple_selected", False
                )
                if (
                    takes_one
                    and name in cleaned_data
                    and len(self.data.getlist(self.add_prefix(name))) > 1
                ):
                    self.add_error(name, self.several_values_message.format(label=field.label))
        return cleaned_data

    def filters(self):
        """The filters in force: every valid, non-empty value, whatever else was wrong."""
        if not self.is_bound:
            return {}
        self.is_valid()  # Django keeps only the values that passed in cleaned_data.
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def is_filtered(self):
        return bool(self.filters())

    @property
    def chosen_count(self):
        """How many choices are in force, for "Filter results (N chosen)"."""
        return sum(
            len(value) if isinstance(value, list | tuple) else 1
            for value in self.filters().values()
        )

    def filter_queryset(self, queryset):
        """Narrow ``queryset`` by each filter in force that has a ``filter_<name>`` method."""
        for name, value in self.filters().items():
            if method := getattr(self, f"filter_{name}", None):
                queryset = method(queryset, value)
        return queryset


def listing_context(request, form, results, *, per_page, name, url):
    """What ``components/listing.html`` needs: the form, one page of ``results`` (also
    under ``name``, e.g. "events", for the cards), the pages around it, and ``url``, the
    listing's own address, where the filters are sent.

    A page number out of range or not a number is a 404 (see ``paginate``).
    """
    page_obj, elided_page_range = paginate(request, results, per_page)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "elided_page_range": elided_page_range,
        name: page_obj.object_list,
        "result_count": page_obj.paginator.count,
        "is_filtered": form.is_filtered,
        "chosen_count": form.chosen_count,
        "listing_url": url,
    }
