"""'You said, we did': what people told us, and what changed because of it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from opportunities.models import OpportunityPage
from portal.models import BasePage

from ..choices import ChangeStatus


class ChangeRecord(index.Indexed, ClusterableModel):
    """One thing people said, and what we did about it, or why we did not."""

    you_said = models.TextField(
        "What people said",
        help_text="What people told us, in their words where possible. No names.",
    )
    we_did = models.TextField(
        "What we did",
        blank=True,
        help_text="What changed, or what we are going to change. Leave empty if we are "
        "not doing it and explain why below.",
    )
    status = models.CharField(
        max_length=20,
        choices=ChangeStatus.choices,
        default=ChangeStatus.PLANNED,
        help_text="Planned: agreed, not started. In progress: started. Done: finished. "
        "Not doing: we decided not to, and say why.",
    )
    reason_not_doing = models.TextField(
        "Why we are not doing it",
        blank=True,
        help_text="Needed when the status is 'Not doing'. Be honest and plain.",
    )
    date = models.DateField(help_text="When this was last updated.")
    # Read-only view of the links, for queries such as ``opportunity.change_records``.
    # The editor changes them through ``opportunity_links``.
    opportunities = models.ManyToManyField(
        "opportunities.OpportunityPage",
        through="stories.ChangeRecordOpportunity",
        through_fields=("changerecord", "opportunitypage"),
        blank=True,
        related_name="change_records",
        verbose_name="Where people said it",
    )

    panels = [
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("date")]),
        FieldPanel("reason_not_doing"),
        MultipleChooserPanel(
            "opportunity_links",
            chooser_field_name="opportunitypage",
            heading="Where people said it",
            label="Opportunity",
            help_text="The opportunities, forums or groups where people raised this. The "
            "change is shown on those pages under 'What came of it'.",
        ),
    ]
    search_fields = [
        index.SearchField("you_said"),
        index.SearchField("we_did"),
        index.SearchField("reason_not_doing"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "change record"
        verbose_name_plural = "you said, we did"

    def __str__(self):
        text = self.you_said.strip().replace("\n", " ")
        return text if len(text) <= 60 else text[:59] + "…"

    def clean(self):
        super().clean()
        if self.status == ChangeStatus.NOT_DOING and not self.reason_not_doing.strip():
            raise ValidationError(
                {"reason_not_doing": "Say why we are not doing this. People deserve to know."}
            )
        if self.status != ChangeStatus.NOT_DOING and not self.we_did.strip():
            raise ValidationError({"we_did": "Say what changed or what we are going to change."})


class ChangeRecordOpportunity(Orderable):
    """One opportunity where people raised what a change record is about."""

    changerecord = ParentalKey(
        ChangeRecord, on_delete=models.CASCADE, related_name="opportunity_links"
    )
    opportunitypage = models.ForeignKey(
        "opportunities.OpportunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="opportunity",
    )

    panels = [PageChooserPanel("opportunitypage", page_type="opportunities.OpportunityPage")]

    class Meta(Orderable.Meta):
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"


def live_opportunities_prefetch(to_attr="live_opportunities"):
    return Prefetch(
        "opportunities",
        queryset=OpportunityPage.objects.live()
        .public()
        .only("title", "url_path")
        .order_by("title"),
        to_attr=to_attr,
    )


class YouSaidWeDidPage(BasePage):
    """At /you-said-we-did/: every change record, newest first, grouped by status."""

    intro = models.TextField(
        blank=True,
        help_text="A sentence or two above the list, in plain words.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = (
        "The 'You said, we did' page. It lists every change record. There is only one."
    )

    class Meta:
        verbose_name = "'you said, we did' page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        records = list(ChangeRecord.objects.prefetch_related(live_opportunities_prefetch()))
        context["sections"] = [
            {
                "status": status,
                "label": label,
                "records": [record for record in records if record.status == status],
            }
            for status, label in (
                (ChangeStatus.DONE, "Done"),
                (ChangeStatus.IN_PROGRESS, "In progress"),
                (ChangeStatus.PLANNED, "Planned"),
                (ChangeStatus.NOT_DOING, "Not doing, and why"),
            )
        ]
        context["record_count"] = len(records)
        return context
