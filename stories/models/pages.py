"""Story pages: the listing at /stories/ (with its feed) and each story."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from opportunities.choices import Level
from opportunities.models import OpportunityPage
from portal.listing import listing_context
from portal.models import BasePage

from ..blocks import StoryBodyBlock
from ..choices import NO_NAME_LABEL, THEMES, ConsentMethod
from ..consent import consent_from_tick
from ..feeds import StoryFeed
from ..forms import StoryFilterForm, StoryPageForm

STORIES_PER_PAGE = 10
# Moderators hold it (stories/moderation.py); StoryPage declares it in its Meta.
CONSENT_CHECKS_PERMISSION = "stories.check_story_consent"


class StoryNotReadyToPublish(PermissionDenied):
    """Raised when something tries to publish a story without consent and approval."""


class StoryIndexPage(RoutablePageMixin, BasePage):
    """Stories from people who took part, at /stories/, with filters and a feed."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the stories, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1
    page_description = "The list of all stories. There is only one."

    def stories(self):
        """Live, public stories in this listing, newest first."""
        return (
            StoryPage.objects.child_of(self).live().public().order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = StoryFilterForm(request.GET)
        context.update(
            listing_context(
                request,
                form,
                form.filter_queryset(self.stories()),
                per_page=STORIES_PER_PAGE,
                name="stories",
                url=self.get_url(request),
            )
        )
        return context

    @path("feed/")
    def feed(self, request):
        return StoryFeed(self)(request)


class StoryOpportunity(Orderable):
    """One opportunity a story links to, shown under 'You could get involved too'.

    The field names are the ones Django gave the plain many-to-many table this
    replaced, so code that writes links in bulk keeps working.
    """

    storypage = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="opportunity_links"
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


class StoryPage(BasePage):
    """One person's story of taking part, told in their own words, shared with consent."""

    # Kept in step with ``summary``, the one short summary editors see (see ``clean``).
    teaser = models.TextField(max_length=300, blank=True, editable=False)
    content_note = models.TextField(
        "Warning for readers",
        blank=True,
        max_length=400,
        help_text="Does your story talk about something that could upset people, like "
        "self-harm, drugs or violence? Say so here in a few words. We show it before your "
        "story. Leave it empty if not.",
    )
    body = StreamField(
        StoryBodyBlock(),
        blank=True,
        help_text="Your story, in your own words. You can add text, a short quote that "
        "stands out, a picture or a video.",
    )
    display_name = models.CharField(
        "Show my story under this name",
        max_length=80,
        blank=True,
        help_text="A first name or a made-up name is fine, like 'J.' or 'Sam'. Do not use "
        "your full real name.",
    )
    show_no_name = models.BooleanField(
        "Do not show any name",
        default=False,
        help_text="Tick this to share your story with no name at all. It will say "
        "'Shared without a name'.",
    )
    storyteller_agrees = models.BooleanField(
        "I agree this story can be published",
        default=False,
        help_text="Tick this when you are happy for anyone to read your story on this "
        "website. You can save a draft without ticking it.",
    )
    theme_development = models.BooleanField(THEMES["development"][1], default=False)
    theme_purpose = models.BooleanField(THEMES["purpose"][1], default=False)
    theme_belonging = models.BooleanField(THEMES["belonging"][1], default=False)
    theme_giving_back = models.BooleanField(THEMES["giving-back"][1], default=False)
    level = models.CharField(
        "Way of taking part",
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text="Individual: just you. Group: with other people. Collective: changing "
        "things for everyone. Leave it empty if you are not sure.",
    )
    # Read-only view of the links, for queries such as ``opportunity.stories``. The
    # editor changes them through ``opportunity_links``.
    related_opportunities = models.ManyToManyField(
        "opportunities.OpportunityPage",
        through=StoryOpportunity,
        through_fields=("storypage", "opportunitypage"),
        blank=True,
        related_name="stories",
    )
    consent_date = models.DateField(
        "Date they said yes",
        null=True,
        blank=True,
        help_text="The day the storyteller agreed that their story can be shared here. "
        "Filled in for you when they tick 'I agree' themselves.",
    )
    consent_method = models.CharField(
        "How they said yes",
        max_length=20,
        choices=ConsentMethod.choices,
        blank=True,
    )
    storyteller_approved = models.BooleanField(
        "The storyteller approved this final text",
        default=False,
        help_text="Ticked for you when storytellers send in their own story with 'I agree' "
        "ticked. If you change the words a lot, untick it and ask them again.",
    )
    consent_review_date = models.DateField(
        "Check consent again on",
        null=True,
        blank=True,
        help_text="A date to ask the storyteller if they are still happy for the story to be "
        "shared. A year from now is usual. Stories past this date appear in the "
        "'Stories to check' report.",
    )

    theme_panels = [FieldPanel(field) for field, _ in THEMES.values()]
    content_panels = [
        HelpPanel(
            content=(
                "<p>Thank you for sharing your story. Write it in your own words. You can "
                "save it as a draft as often as you like. When it is ready, fill in the "
                "<b>Consent</b> tab and choose <b>Submit for review</b>. A moderator reads "
                "it. They either publish it or send it back to you with a comment.</p>"
            ),
            heading="Writing a story",
        ),
        *Page.content_panels,
        FieldPanel(
            "summary",
            heading="Short summary",
            help_text="One or two sentences about your story. People see them in the list "
            "of stories, before they open it.",
        ),
        FieldPanel("content_note"),
        FieldPanel("body", heading="Your story"),
    ]
    about_panels = [
        MultiFieldPanel(
            theme_panels,
            heading="What the story is about",
            help_text="Tick everything that fits. Readers use these to find stories.",
        ),
        FieldPanel("level"),
        MultipleChooserPanel(
            "opportunity_links",
            chooser_field_name="opportunitypage",
            heading="Opportunities your story is about",
            label="Opportunity",
            help_text="Choose the groups or activities you took part in. Readers see them "
            "under 'You could get involved too'.",
        ),
    ]
    consent_panels = [
        HelpPanel(
            content=(
                "<p>Your story goes on the website only when you say yes. You can save it "
                "as a draft without this.</p><p>You can change your mind later. Tell a "
                "moderator and we will take your story down.</p>"
            ),
            heading="Before your story goes on the website",
        ),
        FieldPanel("display_name"),
        FieldPanel("show_no_name"),
        FieldPanel("storyteller_agrees"),
    ]
    moderator_panels = [
        HelpPanel(
            content=(
                "<p>Only moderators see this tab. A story can only go live when the "
                "storyteller has said yes and has approved the final words.</p>"
            ),
            heading="Before a story goes live",
        ),
        FieldRowPanel(
            [
                FieldPanel("consent_date", permission=CONSENT_CHECKS_PERMISSION),
                FieldPanel("consent_method", permission=CONSENT_CHECKS_PERMISSION),
            ]
        ),
        FieldPanel("storyteller_approved", permission=CONSENT_CHECKS_PERMISSION),
        FieldPanel("consent_review_date", permission=CONSENT_CHECKS_PERMISSION),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Story"),
            ObjectList(about_panels, heading="About the story"),
            ObjectList(consent_panels, heading="Consent"),
            ObjectList(
                moderator_panels,
                heading="Moderator checks",
                permission=CONSENT_CHECKS_PERMISSION,
            ),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = StoryPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("display_name"),
        index.FilterField("level"),
        *(index.FilterField(field) for field, _ in THEMES.values()),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    page_description = "A story from someone who took part, in their own words."

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        permissions = [("check_story_consent", "Can see and fill in the moderator checks")]

    def tidy(self):
        """Keep the derived fields in step before the page or a revision is saved."""
        # One summary: older stories (and bulk loaders) may only have a teaser.
        if not self.summary and self.teaser:
            self.summary = self.teaser
        self.teaser = self.summary
        # A story shared without a name keeps no name anywhere, not even in the index.
        if self.show_no_name:
            self.display_name = ""
        self.consent_date, self.consent_method = consent_from_tick(
            self.storyteller_agrees, self.consent_date, self.consent_method
        )

    def clean(self):
        # Wagtail cleans the page before it saves a revision, so drafts are tidy too.
        self.tidy()
        super().clean()

    def save(self, *args, **kwargs):
        self.tidy()
        return super().save(*args, **kwargs)

    @property
    def byline(self):
        """The name to print with the story, or the no-name wording."""
        if self.show_no_name or not self.display_name.strip():
            return NO_NAME_LABEL
        return self.display_name

    @property
    def themes(self):
        return [
            {"value": value, "label": label}
            for value, (field, label) in THEMES.items()
            if getattr(self, field)
        ]

    def consent_problems(self):
        """What is missing before this story may go live; empty when it is ready."""
        problems = []
        if not self.consent_date or not self.consent_method:
            problems.append("the storyteller's consent (date and how they said yes)")
        if not self.storyteller_approved:
            problems.append("the storyteller's approval of the final text")
        return problems

    @property
    def consent_review_due(self):
        return bool(self.consent_review_date and self.consent_review_date <= timezone.localdate())

    def publish(self, revision, *args, **kwargs):
        problems = revision.as_object().consent_problems()
        if problems:
            raise StoryNotReadyToPublish(
                f"'{revision.as_object().title}' cannot be published without "
                + " and ".join(problems)
                + "."
            )
        return super().publish(revision, *args, **kwargs)

    def live_related_opportunities(self):
        """The live, public opportunities this story links to, by title.

        Reads the links held on this object: in a preview or a revision they exist only
        in memory, and may differ from the links saved for the live page.
        """
        ids = [link.opportunitypage_id for link in self.opportunity_links.all()]
        return OpportunityPage.objects.filter(pk__in=ids).live().public().order_by("title")
