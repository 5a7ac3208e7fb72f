"""Editable taxonomies of the catalogue, managed as snippets."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..choices import TYPE_LABELS


class Taxonomy(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in web addresses, e.g. /opportunities/?area=north-ayrshire. "
        "Lower case, words joined by hyphens.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class EngagementType(Taxonomy):
    """One of the seven types of engagement, e.g. 'Forums, councils or panels'."""

    description = models.CharField(
        max_length=255,
        help_text="One plain sentence saying what this type of involvement is.",
    )

    panels = [*Taxonomy.panels, FieldPanel("description")]

    class Meta(Taxonomy.Meta):
        verbose_name = "type of engagement"
        verbose_name_plural = "types of engagement"

    @property
    def label(self):
        """The plain public label; the name is the research term, shown after it."""
        return TYPE_LABELS.get(self.slug, self.name)

    @property
    def term(self):
        """The research term, when it differs from the plain label."""
        return self.name if self.label != self.name else ""


class Area(Taxonomy):
    """Where an opportunity happens, e.g. a council area."""

    class Meta(Taxonomy.Meta):
        verbose_name = "area"
        verbose_name_plural = "areas"


class OrganisingGroup(Taxonomy):
    """The group or organisation that runs an opportunity."""

    description = models.CharField(
        max_length=255, blank=True, help_text="One plain sentence about who they are."
    )
    website = models.URLField(blank=True)

    panels = [*Taxonomy.panels, FieldPanel("description"), FieldPanel("website")]

    class Meta(Taxonomy.Meta):
        verbose_name = "organising group"
        verbose_name_plural = "organising groups"

    @property
    def public_page(self):
        """The group's live page under /groups/, or None. Load it with
        ``select_related("organising_group__page")`` to save a query."""
        try:
            page = self.page
        except ObjectDoesNotExist:
            return None
        return page if page.live else None


class Venue(index.Indexed, models.Model):
    """A place where events happen, with what people need to know to get there."""

    name = models.CharField(max_length=120)
    address = models.TextField(help_text="The street address, one line per line.")
    postcode = models.CharField(max_length=10, blank=True)
    accessibility_notes = models.TextField(
        blank=True,
        help_text="Step-free access, accessible toilets, hearing loop, quiet room and so on.",
    )
    directions = models.TextField(
        blank=True, help_text="How to get there: buses, trains, parking, which door to use."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("accessibility_notes"),
        FieldPanel("directions"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def town(self):
        """The last line of the address: the town, e.g. "Irvine"."""
        lines = [line.strip() for line in self.address.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    @property
    def one_line(self):
        """Name, address and postcode on one line, for calendars and maps."""
        parts = [self.name, *(line.strip() for line in self.address.splitlines()), self.postcode]
        return ", ".join(part for part in parts if part)
