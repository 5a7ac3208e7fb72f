"""The site shell: the home page, generic content pages and site-wide settings."""

import copy
from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.module_loading import import_string
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock
from .cache import remember


def site_has_private_sections():
    """Whether any page is restricted to some visitors (a password, a login or groups).

    Kept until the next change to public content: adding or removing a restriction
    renews everything (see ``PortalConfig.ready``).
    """
    return remember("has-view-restrictions", PageViewRestriction.objects.exists)


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's ``public()``, which looks up every private section each time it is
        called: a page asks for it several times (each list it shows), and most sites
        have no private section at all, so it is skipped while there is none."""
        if not site_has_private_sections():
            return self
        return super().public()


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


class BasePage(Page):
    """Fields every public page shares: a plain summary used in listings and meta tags."""

    objects = PortalPageManager()

    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text=(
            "One or two plain sentences saying what this page is about. "
            "Shown in lists, search results and when the page is shared."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    # Foreign keys the page's own template shows, loaded with the page when it is routed.
    related_for_page_view = ()

    class Meta:
        abstract = True

    @cached_property
    def parent_page(self):
        """The page above this one, for a link back to it ("See all opportunities").

        A page found through its parent's ``route`` is given the parent there; a page
        reached any other way looks it up (one query).
        """
        return self.get_parent()

    def route(self, request, path_components):
        """Wagtail's routing, one query shorter where only one type of page can be a child.

        Wagtail finds a child by its slug, then loads its specific type. A listing whose
        children are all of one type (every opportunity under the catalogue, say) can
        load the child as that type at once, with the snippets its page shows, and tells
        it which page it was found under (``parent_page``).
        """
        child_models = self.allowed_subpage_models()
        if not path_components or len(child_models) != 1 or child_models[0].__subclasses__():
            return super().route(request, path_components)
        child_model = child_models[0]
        try:
            child = (
                child_model.objects.child_of(self)
                .select_related(*child_model.related_for_page_view)
                .get(slug=path_components[0])
            )
        except child_model.DoesNotExist:
            # Perhaps a child of a type no longer allowed here: Wagtail's way finds it.
            return super().route(request, path_components)
        child.parent_page = self
        return child.route(request, path_components[1:])


class HomePage(BasePage):
    """The front door: explains the three levels of involvement and what's new."""

    intro = models.TextField(
        blank=True,
        help_text="A short welcome under the site name. Plain words, two sentences at most.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_description = "The front page of the site. There is only one."

    # Each app fills its own home-page sections (the three levels, featured
    # opportunities, next events, latest stories); a section with nothing to show stays
    # hidden.
    section_providers = [
        "opportunities.home.home_context",
        "stories.home.home_context",
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for dotted_path in self.section_providers:
            context.update(import_string(dotted_path)(self, request))
        return context


class ContentPage(BasePage):
    """A plain page of text: how involvement works, the privacy notice and the like."""

    body = StreamField(BodyBlock(), blank=True, help_text="The main text of the page.")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]
    page_description = "A page of text, such as the privacy notice or 'How involvement works'."


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the portal, how to reach them, and how long sign-ups are kept."""

    organisation_name = models.CharField(
        max_length=120,
        default="Community Justice Partnership",
        help_text="The organisation that runs this site, as the public knows it.",
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text="A phone number people can call for help."
    )
    email = models.EmailField(
        blank=True,
        help_text="The e-mail address people can write to. New sign-ups are sent here "
        "when an opportunity has no team address of its own.",
    )
    response_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="We promise to contact people who sign up within this many working days.",
    )
    retention_days = models.PositiveIntegerField(
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text="Sign-ups are deleted this many days after they were last changed.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice, linked from every page and from the sign-up form.",
    )
    privacy_notice_version = models.CharField(
        max_length=20,
        default="1",
        help_text="Change this when the privacy notice changes. Each sign-up records "
        "which version the person agreed to.",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The accessibility statement, linked from every page.",
    )

    select_related = ["privacy_page", "accessibility_page"]

    @classmethod
    def for_site(cls, site):
        """The settings row, kept in the cache until the next change (every page shows it)."""
        if site is None:
            return super().for_site(site)
        parent_for_site = super().for_site
        # A copy: ``for_request`` marks the instance with the request it serves.
        return copy.copy(remember(f"site-settings:{site.pk}", lambda: parent_for_site(site)))

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("phone"), FieldPanel("email")],
            heading="Who we are",
        ),
        MultiFieldPanel(
            [FieldPanel("response_days"), FieldPanel("retention_days")],
            heading="Promises about sign-ups",
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("privacy_notice_version"),
                FieldPanel("accessibility_page"),
            ],
            heading="Pages in the footer",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return self.organisation_name
