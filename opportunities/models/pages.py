"""Catalogue pages: the opportunities listing and each opportunity."""

from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.listing import listing_context
from portal.models import BasePage, SiteSettings
from portal.pagination import first

from ..choices import (
    DISCLOSURE_LABELS,
    FORMATS,
    LEVEL_LABELS,
    MOTIVATIONS,
    PAYMENT_DESCRIPTIONS,
    SUPPORT,
    WHEN,
    WHO,
    Commitment,
    Level,
    Payment,
    Status,
    levels_for_display,
    next_level,
)
from ..printing import PrintableFlyerMixin, catalogue_response
from .signup_mixin import SignUpPageMixin

CARD_RELATED = ("engagement_type", "area", "organising_group")
# A page's own facts also link "Run by" to the group's page: loaded in the same query.
DETAIL_RELATED = (*CARD_RELATED, "organising_group__page")
UPCOMING_EVENTS_SHOWN = 3
# The listing's order: open ones, then full ones, then closed ones (shown only when asked
# for), the newest first within each. An index on the same expression and the page key
# (``OpportunityPage.Meta``) hands PostgreSQL one page of results without sorting them all.
OPEN_FIRST = Case(
    When(status=Status.OPEN, then=Value(0)),
    When(status=Status.FULL, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
LISTING_ORDER = (OPEN_FIRST.asc(), "-pk")
# Suggestions on an opportunity's page: good first steps first, then the newest. Read
# from the indexes in ``OpportunityPage.Meta`` that start with the same filters.
SUGGESTION_ORDER = ("-first_step", "-pk")


class OpportunityFacts(models.Model):
    """What a person needs to know to choose: shared by opportunities and events."""

    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        help_text="Individual: just you. Group: with others. Collective: changing things for everyone.",
    )
    engagement_type = models.ForeignKey(
        "opportunities.EngagementType",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Which of the seven types of engagement this is.",
    )
    area = models.ForeignKey(
        "opportunities.Area",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where it happens.",
    )
    organising_group = models.ForeignKey(
        "opportunities.OrganisingGroup",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who runs it.",
    )
    payment = models.CharField(
        "Money",
        max_length=10,
        choices=Payment.choices,
        default=Payment.NONE,
        help_text="No pay: volunteering. Costs paid back: we pay bus fares and the like. "
        "A voucher: a shop voucher to say thank you. Paid: money for the time.",
    )
    payment_amount = models.CharField(
        "How much",
        max_length=120,
        blank=True,
        help_text="When it is paid or there is a voucher, say how much, e.g. '£15 an hour' "
        "or 'A £20 voucher'.",
    )
    disclosure_check = models.BooleanField(
        "Needs a criminal record check",
        default=False,
        help_text="Tick if people need a Disclosure Scotland or PVG check before they start.",
    )
    who_lived_experience = models.BooleanField("People who have been through it", default=True)
    who_families = models.BooleanField("Family and friends", default=False)
    who_anyone = models.BooleanField("Anyone", default=False)
    what_you_get = models.TextField(
        "What you get",
        blank=True,
        help_text="One thing per line, in the words people use, e.g. 'A certificate', "
        "'A reference for a job', 'Lunch', 'Company'.",
    )
    who_can_take_part = models.TextField(
        blank=True,
        help_text="Who this is for, in plain words, e.g. 'Anyone who has been on probation "
        "in the last five years, and their families.'",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="The team told about new sign-ups. Leave empty to use the address in Site settings.",
    )
    location = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where people go, or 'Online' or 'By phone'. No full addresses of private homes.",
    )

    # One column per tick box (see choices.py): portable, cheap to filter, indexable.
    format_in_person = models.BooleanField("In person", default=False)
    format_online = models.BooleanField("Online", default=False)
    format_phone = models.BooleanField("By phone", default=False)
    format_in_custody = models.BooleanField("In prison (in custody)", default=False)
    support_travel = models.BooleanField("Travel costs paid", default=False)
    support_food = models.BooleanField("Food provided", default=False)
    support_training = models.BooleanField("Training or preparation", default=False)
    support_accessible_venue = models.BooleanField("Accessible venue", default=False)
    support_peer = models.BooleanField("Peer support", default=False)
    support_recognition = models.BooleanField("Recognition for your time", default=False)
    motivation_development = models.BooleanField(
        "Learn and grow (personal development)", default=False
    )
    motivation_purpose = models.BooleanField("Purpose and routine", default=False)
    motivation_belonging = models.BooleanField("Belonging and friendship", default=False)
    motivation_giving_back = models.BooleanField("Giving something back", default=False)

    facts_panels = [
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("engagement_type"), FieldPanel("area")]),
        FieldPanel("organising_group"),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in WHO.values()],
            heading="Who can take part",
            help_text="Tick everyone it is open to.",
        ),
        FieldPanel("who_can_take_part"),
        FieldPanel("location"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("payment"), FieldPanel("payment_amount")]),
                FieldPanel("disclosure_check"),
            ],
            heading="Money and record checks",
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in FORMATS.values()],
            heading="How people take part",
            help_text="Tick every way people can take part.",
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in SUPPORT.values()],
            heading="Support offered",
            help_text="Tick everything we offer to make it easier to take part.",
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in MOTIVATIONS.values()],
            heading="What people get out of it",
            help_text="Tick what people usually get out of taking part.",
        ),
        FieldPanel("what_you_get"),
    ]

    facts_search_fields = [
        index.SearchField("who_can_take_part"),
        index.SearchField("location"),
        index.FilterField("level"),
        index.FilterField("engagement_type"),
        index.FilterField("area"),
        index.FilterField("organising_group"),
        index.FilterField("payment"),
        index.FilterField("disclosure_check"),
        *(
            index.FilterField(field)
            for spec in (FORMATS, SUPPORT, MOTIVATIONS, WHO)
            for field, _ in spec.values()
        ),
        index.RelatedFields("engagement_type", [index.SearchField("name")]),
        index.RelatedFields("area", [index.SearchField("name")]),
        index.RelatedFields("organising_group", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True

    def _ticked(self, spec):
        return [label for field, label in spec.values() if getattr(self, field)]

    @property
    def formats(self):
        return self._ticked(FORMATS)

    @property
    def support_offered(self):
        return self._ticked(SUPPORT)

    @property
    def motivations(self):
        return self._ticked(MOTIVATIONS)

    @property
    def who_labels(self):
        return self._ticked(WHO)

    @property
    def who_values(self):
        return {value for value, (field, _label) in WHO.items() if getattr(self, field)}

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level][0] if self.level in LEVEL_LABELS else ""

    @property
    def level_term(self):
        return LEVEL_LABELS[self.level][1] if self.level in LEVEL_LABELS else ""

    @property
    def payment_label(self):
        """E.g. "Paid: £15 an hour" or "No pay"."""
        label = self.get_payment_display()
        if self.payment != Payment.NONE and self.payment_amount:
            return f"{label}: {self.payment_amount}"
        return label

    @property
    def payment_description(self):
        return PAYMENT_DESCRIPTIONS.get(self.payment, "")

    @property
    def disclosure_label(self):
        return DISCLOSURE_LABELS[bool(self.disclosure_check)]

    @property
    def what_you_get_items(self):
        return [line.strip(" -•\t") for line in self.what_you_get.splitlines() if line.strip()]

    def audience_q(self):
        """Pages open to at least one of the people this page is for (anyone included)."""
        values = self.who_values
        if not values or "anyone" in values:
            return Q()
        q = Q(who_anyone=True)
        for value in values:
            q |= Q(**{WHO[value][0]: True})
        return q


def number_words(number):
    """Small numbers as words, as people say them: 6 -> "six"."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[number] if 0 <= number < len(words) else str(number)


class OpportunityIndexPage(RoutablePageMixin, BasePage):
    """The catalogue at /opportunities/: every way to get involved, with filters."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count = 1
    page_description = "The list of all opportunities to get involved. There is only one."

    # The forms and views use these models, so they stand above them: the page names
    # them by dotted path, as Wagtail names a page's form class.
    filter_form_class = "opportunities.forms.OpportunityFilterForm"
    chooser_form_class = "opportunities.forms.ChooserForm"

    per_page = 12

    def opportunities(self):
        """Published opportunities under this page, ready for cards (no per-card queries)."""
        return OpportunityPage.objects.child_of(self).live().public().select_related(*CARD_RELATED)

    def filtered_opportunities(self, request):
        """``(form, results)``: every opportunity matching the GET filters, in
        the listing's order. Shared by the listing and its printable version."""
        form = import_string(self.filter_form_class)(request.GET)
        results = form.filter_queryset(self.opportunities())
        if form.search_words:
            results = results.search(form.search_words)
        else:
            results = results.order_by(*LISTING_ORDER)
        return form, results

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, results = self.filtered_opportunities(request)
        context.update(
            listing_context(
                request,
                form,
                results,
                per_page=self.per_page,
                name="opportunities",
                url=self.get_url(request),
            )
        )
        context.update(
            has_other_filters=bool(form.filters().keys() - {"q"}),
            chooser_url=self.url + self.reverse_subpage("find"),
            question_count_words=number_words(
                len(import_string(self.chooser_form_class).base_fields)
            ),
        )
        return context

    @path("find/", name="find")
    def find_what_suits_you(self, request):
        """A few plain questions whose answers open the filtered listing."""
        chooser_form_class = import_string(self.chooser_form_class)
        request.is_preview = getattr(request, "is_preview", False)
        context = super().get_context(request)
        context["chooser_form"] = chooser_form_class(
            initial={"commitment": "", "level": "", "area": ""}
        )
        context["levels"] = levels_for_display()
        context["question_count_words"] = number_words(len(chooser_form_class.base_fields))
        return TemplateResponse(request, "opportunities/find_what_suits_you.html", context)

    @path("print/", name="print")
    def print_catalogue(self, request):
        """Every opportunity matching the listing's filters, on paper, each with a QR code."""
        return catalogue_response(self, request)


class OpportunityPage(SignUpPageMixin, PrintableFlyerMixin, OpportunityFacts, BasePage):
    """One way to get involved: what you would do, when, where and what support there is."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="What people would do, in short plain sentences. Say what a first visit is like.",
    )
    commitment = models.CharField(
        max_length=20,
        choices=Commitment.choices,
        help_text="How much time it takes overall.",
    )
    time_estimate = models.CharField(
        max_length=120,
        help_text="An honest estimate, e.g. 'About 20 minutes' or '2 hours a week for 6 weeks'.",
    )
    first_step = models.BooleanField(
        "Good first step",
        default=False,
        help_text="Tick if this suits someone who has never taken part before.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text="Open: taking sign-ups. Full: no places now. Closed: finished.",
    )
    closing_date = models.DateField(
        null=True,
        blank=True,
        help_text="The last day people can sign up. Leave empty if there is none.",
    )
    what_happens_next = models.TextField(
        blank=True,
        help_text="What happens after someone signs up. Leave empty for the standard wording.",
    )
    when_daytime = models.BooleanField("Weekday daytime", default=False)
    when_evening = models.BooleanField("Weekday evening", default=False)
    when_weekend = models.BooleanField("Weekend", default=False)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("what_happens_next"),
    ]
    facts_panels = [
        *OpportunityFacts.facts_panels,
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("time_estimate")]),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in WHEN.values()],
            heading="When it happens",
            help_text="Tick every time it can happen. Evening means from 5 pm.",
        ),
        FieldPanel("first_step"),
    ]
    sign_up_panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("closing_date")]),
        FieldPanel("contact_email"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="What it is"),
            ObjectList(facts_panels, heading="Facts for choosing"),
            ObjectList(sign_up_panels, heading="Sign-ups"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        *OpportunityFacts.facts_search_fields,
        index.FilterField("commitment"),
        index.FilterField("first_step"),
        index.FilterField("status"),
        index.FilterField("closing_date"),
        *(index.FilterField(field) for field, _ in WHEN.values()),
        index.SearchField("when_text"),
        index.SearchField("time_estimate"),
    ]

    parent_page_types = ["opportunities.OpportunityIndexPage"]
    subpage_types = []
    related_for_page_view = DETAIL_RELATED
    page_description = "One way to get involved, such as a survey, a group or a forum."

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"
        indexes = [
            # One page of the listing, in its order (LISTING_ORDER).
            models.Index(OPEN_FIRST, F("page_ptr").desc(), name="opportunity_listing_order"),
            # The two suggestions (SUGGESTION_ORDER): open ones in the same area, and open
            # ones of the same type at the next level.
            models.Index(
                fields=["status", "area", "first_step", "page_ptr"], name="opportunity_in_area"
            ),
            models.Index(
                fields=["status", "engagement_type", "level", "first_step", "page_ptr"],
                name="opportunity_next_level",
            ),
        ]

    @property
    def is_open(self):
        return self.status == Status.OPEN

    @property
    def when_labels(self):
        return self._ticked(WHEN)

    def when_text(self):
        """The when-labels as words for the search index, so "evening" finds evenings."""
        return " ".join(self.when_labels)

    def upcoming_events(self):
        if self.pk is None:  # a preview of an opportunity not yet saved has no events
            return []
        return list(
            self.events.live()
            .public()
            .upcoming()
            .select_related(*CARD_RELATED, "venue")[:UPCOMING_EVENTS_SHOWN]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only suggest what the same people can take part in: a family group is
        # never offered something only for people who have been through it.
        others = (
            OpportunityPage.objects.live()
            .public()
            .filter(status=Status.OPEN)
            .filter(self.audience_q())
            .exclude(pk=self.pk)
            .select_related(*CARD_RELATED)
        )
        level_after = next_level(self.level)
        ready_for_more = []
        if level_after:
            at_next_level = others.filter(level=level_after).order_by(*SUGGESTION_ORDER)
            ready_for_more = first(
                at_next_level.filter(engagement_type_id=self.engagement_type_id), 3
            )
        also_in_area = first(
            others.filter(area_id=self.area_id)
            .exclude(pk__in=[page.pk for page in ready_for_more])
            .order_by(*SUGGESTION_ORDER),
            3,
        )
        context.update(
            {
                "next_level": Level(level_after) if level_after else None,
                "next_level_label": LEVEL_LABELS[level_after][0] if level_after else "",
                "ready_for_more": ready_for_more,
                "also_in_area": also_in_area,
                "response_days": SiteSettings.for_request(request).response_days,
                "upcoming_events": self.upcoming_events(),
            }
        )
        return context
