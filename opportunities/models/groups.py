"""The groups that run things, as pages: /groups/ and one page per group.

Each GroupPage belongs to one OrganisingGroup snippet (the catalogue's "Run by"), so an
opportunity or event links to its group's page through ``organising_group.page``.
"""

from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import BasePage

from ..choices import Status
from .events import EventPage
from .pages import CARD_RELATED, OpportunityPage

GROUP_EVENTS_SHOWN = 3
# Functions registered under this Wagtail hook take (group_page, request) and return
# more context for the group's page.
GROUP_PAGE_CONTEXT_HOOK = "group_page_context"


class GroupIndexPage(BasePage):
    """At /groups/: every group that runs opportunities, with its area."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list of groups, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["opportunities.GroupPage"]
    max_count = 1
    page_description = "The list of groups that run things. There is only one."

    class Meta:
        verbose_name = "list of groups"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = (
            GroupPage.objects.child_of(self)
            .live()
            .public()
            .select_related("area", "group")
            .order_by("area__sort_order", "title")
        )
        return context


class GroupPage(BasePage):
    """One group: who they are, where and when they meet, how to join, what they run."""

    group = models.OneToOneField(
        "opportunities.OrganisingGroup",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name="organising group",
        help_text="The group as it is chosen under 'Run by' on opportunities and events. "
        "Their opportunities, events and stories are shown on this page.",
    )
    area = models.ForeignKey(
        "opportunities.Area",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The area the group covers.",
    )
    who_we_are = models.TextField(
        "Who we are", help_text="A few plain sentences: who is in the group and what it does."
    )
    meets = models.TextField(
        "When and where we meet",
        blank=True,
        help_text="E.g. 'The first Tuesday of each month, 6 pm to 8 pm, at the library in Ayr.'",
    )
    how_to_join = models.TextField(
        "How to join",
        blank=True,
        help_text="What someone does to come along for the first time, and who they talk to.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Anything else people should know.")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("group"),
        FieldPanel("area"),
        FieldPanel("who_we_are"),
        FieldPanel("meets"),
        FieldPanel("how_to_join"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("who_we_are"),
        index.SearchField("meets"),
        index.SearchField("body"),
    ]

    parent_page_types = ["opportunities.GroupIndexPage"]
    subpage_types = []
    related_for_page_view = ("group", "area")
    page_description = "One group, such as PING, M.A.D or CVN: who they are and what they run."

    class Meta:
        verbose_name = "group"
        verbose_name_plural = "groups"

    def open_opportunities(self):
        if self.group_id is None:
            return []
        return list(
            OpportunityPage.objects.live()
            .public()
            .filter(organising_group_id=self.group_id, status=Status.OPEN)
            .select_related(*CARD_RELATED)
            .order_by("-first_step", "title")
        )

    def next_events(self):
        if self.group_id is None:
            return []
        return list(
            EventPage.objects.live()
            .public()
            .upcoming()
            .filter(organising_group_id=self.group_id)
            .select_related(*CARD_RELATED, "venue")[:GROUP_EVENTS_SHOWN]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "open_opportunities": self.open_opportunities(),
                "next_events": self.next_events(),
            }
        )
        # Other apps add sections of their own: stories adds the group's stories and
        # what came of its work (stories/groups.py).
        for group_page_context in hooks.get_hooks(GROUP_PAGE_CONTEXT_HOOK):
            context.update(group_page_context(self, request))
        return context
