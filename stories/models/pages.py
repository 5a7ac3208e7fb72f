"""Story pages: the listing at /stories/ (with its feed) and each story."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from opportunities.choices import Level
from portal.models import BasePage
from portal.pagination import paginate

from ..blocks import StoryBodyBlock
from ..choices import NO_NAME_LABEL, THEMES, ConsentMethod
from ..forms import StoryFilterForm, StoryPageForm

STORIES_PER_PAGE = 10


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
        form = StoryFilterForm(request.GET or None)
        stories = self.stories()
        if form.is_bound and form.is_valid():
            stories = form.filter(stories)
        page_obj, elided_page_range = paginate(request, stories, STORIES_PER_PAGE)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            stories=page_obj.object_list,
            elided_page_range=elided_page_range,
            is_filtered=form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        )
        return context

    @path("feed/")
    def feed(self, request):
        from ..feeds import StoryFeed

        return StoryFeed(self)(request)


class StoryPage(BasePage):
    """One person's story of taking part, told in their own words, shared with consent."""

    teaser = models.TextField(
        max_length=300,
        help_text="One or two sentences to make people want to read on. "
        "Shown in the list of stories.",
    )
    content_note = models.TextField(
        blank=True,
        max_length=400,
        help_text="Does the story talk about something that could upset people, such as "
        "self-harm, drugs or violence? Say so here in a few words. It is shown before "
        "the story. Leave empty if not.",
    )
    body = StreamField(
        StoryBodyBlock(),
        blank=True,
        help_text="The story itself. Add text, a short quote to stand out, a picture or a video.",
    )
    display_name = models.CharField(
        "Name to show",
        max_length=80,
        blank=True,
        help_text="The name shown with the story. A made-up name is fine. Never use "
        "someone's full real name unless they have asked for it.",
    )
    show_no_name = models.BooleanField(
        "Share without a name",
        default=False,
        help_text="Tick to show no name at all. The story will say 'Shared without a name'. "
        "Any name above is then removed.",
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
        help_text="Individual: just them. Group: with others. Collective: changing things "
        "for everyone. Leave empty if it does not fit.",
    )
    related_opportunities = ParentalManyToManyField(
        "opportunities.OpportunityPage",
        blank=True,
        related_name="stories",
        help_text="Opportunities this story is about. Readers see them under "
        "'You could get involved too'.",
    )
    consent_date = models.DateField(
        "Date they said yes",
        null=True,
        blank=True,
        help_text="The day the storyteller agreed that their story can be shared here.",
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
        help_text="Tick only when the storyteller has read (or heard) this final version "
        "and said it is OK. If the words change a lot, ask them again.",
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
                "<p>Thank you for sharing a story. Write it in your own words. You can save "
                "it as a draft as often as you like. When it is ready, fill in the "
                "<b>Consent</b> tab and choose <b>Submit for review</b>. A moderator reads "
                "it and either publishes it or sends it back with comments.</p>"
            ),
            heading="Writing a story",
        ),
        *BasePage.content_panels,
        FieldPanel("teaser"),
        FieldPanel("content_note"),
        FieldPanel("body"),
    ]
    about_panels = [
        MultiFieldPanel(
            [FieldPanel("display_name"), FieldPanel("show_no_name")],
            heading="Name",
            help_text="Decide with the storyteller how they want to be named.",
        ),
        MultiFieldPanel(
            theme_panels,
            heading="What the story is about",
            help_text="Tick everything that fits. Readers use these to find stories.",
        ),
        FieldPanel("level"),
        FieldPanel("related_opportunities"),
    ]
    consent_panels = [
        HelpPanel(
            content=(
                "<p>A story can only go live when the storyteller has said yes and has "
                "approved the final words. Record both here. You can save a draft without "
                "them.</p>"
            ),
            heading="Before a story goes live",
        ),
        FieldRowPanel([FieldPanel("consent_date"), FieldPanel("consent_method")]),
        FieldPanel("storyteller_approved"),
        FieldPanel("consent_review_date"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Story"),
            ObjectList(about_panels, heading="About the story"),
            ObjectList(consent_panels, heading="Consent"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = StoryPageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("teaser"),
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

    def save(self, *args, **kwargs):
        # A story shared without a name keeps no name anywhere, not even in the index.
        if self.show_no_name:
            self.display_name = ""
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
        return self.related_opportunities.live().public().order_by("title")
