"""Odd and hostile input on the admin screens staff use never gives a server error.

A storyteller, a moderator and an editor (each only in their group, as staff are set up)
open every admin screen they can reach on the demo content: the dashboard, the page
explorer, page edit, add, preview, history and revisions, page search, the snippet
listings with their filters ("You said, we did" among them), images and documents with
their choosers, the reports ("Stories to check" among them) and the workflow screens.
Each is asked once plainly and then with odd query values: very long text, NUL, other
scripts and direction marks, negative and huge ids, impossible dates, unknown lookups,
page numbers out of range, ordering by a secret field and exports. A 4xx is fine (many
screens are not theirs to see); a 5xx is a bug. The order is fixed, so a failure
repeats.
"""

from itertools import cycle

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from opportunities.models import (
    Area,
    EngagementType,
    EventIndexPage,
    EventPage,
    OpportunityIndexPage,
    OpportunityPage,
)
from stories.models import ChangeRecord, StoryIndexPage, StoryPage, YouSaidWeDidPage

# The same answer on any database: CI runs it once, in the PostgreSQL pass.
pytestmark = [pytest.mark.slow, pytest.mark.once]

HUGE = "9" * 30
BAD_DATES = ["2024-13-45", "31/02/2024", "yesterday", "0000-00-00", "-1"]
# Filters the admin's listings and reports understand; a listing ignores the others.
ID_FILTERS = [
    "owner",
    "edited_by",
    "user",
    "locked_by",
    "requested_by",
    "workflow",
    "site",
    "content_type",
    "object_type",
    "page_type",
    "collection_id",
    "collection",
    "tag",
    "locale",
    "action",
    "status",
    "reviewable",
    "has_child_pages",
    "usage_count_min",
    "parent",
    "id",
]
DATE_FILTERS = [
    "latest_revision_created_at_after",
    "latest_revision_created_at_before",
    "timestamp_after",
    "timestamp_before",
    "last_published_at",
    "locked_at_after",
    "locked_at_before",
    "created_at_after",
    "created_at_before",
    "started_at_after",
    "finished_at_before",
    "date_after",
    "date_before",
]


def every_filter(value):
    return [(name, value) for name in ID_FILTERS]


# Each is a whole query string's worth of (name, value) pairs; names may repeat.
ODD_QUERIES = [
    [("q", "x" * 5000), ("p", "-1"), ("ordering", "password")],
    [("q", "\x00"), ("p", HUGE), ("ordering", "-owner__password"), ("foo__bar", "1")],
    [(name, BAD_DATES[i % len(BAD_DATES)]) for i, name in enumerate(DATE_FILTERS)] + [("p", "abc")],
    [*every_filter("-1"), ("p", "0")],
    [*every_filter(HUGE), ("ordering", "-")],
    [*every_filter("\x00"), ("q", "%00")],
    [*every_filter("zażółć 🙂 \u202e حقوق"), ("q", "zażółć 🙂 \u202e"), ("export", "csv")],
    [("export", "xlsx"), ("q", "' OR 1=1 --"), ("ordering", "title__password"), ("p", "2")],
    [("ordering", "title"), ("ordering", "-title"), ("p", "1"), ("p", "2"), ("q", ""), ("q", "a")],
    [("owner__password__startswith", "a"), ("content_type__app_label", "auth"), ("q", "*")],
    [("q", "<script>alert(1)</script>"), ("p", "-99999"), ("status", "live"), ("export", "bogus")],
]


@pytest.fixture
def staff(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.org", "a-long-passphrase-9")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "storyteller": User.objects.get(username="storyteller"),
        "moderator": User.objects.get(username="moderator"),
        "editor": editor,
    }


def page_screens(page, with_listing=False):
    pk = page.pk
    screens = [
        reverse("wagtailadmin_pages:edit", args=[pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
        reverse("wagtailadmin_pages:view_draft", args=[pk]),
        reverse("wagtailadmin_pages:history", args=[pk]),
        reverse("wagtailadmin_pages:history_results", args=[pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        reverse("wagtailadmin_pages:usage", args=[pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[pk]),
    ]
    revision = page.revisions.order_by("pk").first()
    if revision is not None:
        screens += [
            reverse("wagtailadmin_pages:revisions_view", args=[pk, revision.pk]),
            f"/admin/pages/{pk}/revisions/compare/earliest...latest/",
            f"/admin/pages/{pk}/revisions/compare/{revision.pk}...live/",
        ]
    if with_listing:
        screens += [
            reverse("wagtailadmin_explore", args=[pk]),
            reverse("wagtailadmin_explore_results", args=[pk]),
            reverse("wagtailadmin_pages:add_subpage", args=[pk]),
            reverse("wagtailadmin_choose_page_child", args=[pk]),
        ]
    return screens


def snippet_screens(model, pk=None, everything=False):
    prefix = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
    chooser = f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}"
    screens = [
        reverse(f"{prefix}:list"),
        reverse(f"{prefix}:list_results"),
        reverse(f"{chooser}:choose_results"),
    ]
    if everything and pk is not None:
        screens += [
            reverse(f"{chooser}:choose"),
            reverse(f"{prefix}:add"),
            reverse(f"{prefix}:edit", args=[pk]),
            reverse(f"{prefix}:history", args=[pk]),
            reverse(f"{prefix}:history_results", args=[pk]),
            reverse(f"{prefix}:usage", args=[pk]),
        ]
    return screens


def admin_screens():
    home = Page.objects.get(depth=2).specific
    stories = StoryIndexPage.objects.get()
    opportunities = OpportunityIndexPage.objects.get()
    events = EventIndexPage.objects.get()
    draft_story = StoryPage.objects.filter(live=False).first()
    screens = [
        "/admin/",
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_pages:search_results"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_search"),
        reverse("wagtailadmin_tag_autocomplete"),
        f"/admin/pages/add/stories/storypage/{stories.pk}/",
        f"/admin/pages/add/stories/storypage/{stories.pk}/preview/",
        f"/admin/pages/add/opportunities/opportunitypage/{opportunities.pk}/",
        "/admin/pages/usage/stories/storypage/",
        # Images and documents, and their choosers.
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index_results"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index_results"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results"),
        # Reports and workflows.
        reverse("stories_consent_review_report"),
        reverse("stories_consent_review_report_results"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:locked_pages_results"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_results"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:workflow_tasks_results"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history_results"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:aging_pages_results"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_workflows:index"),
        # The sign-up inbox: not for these groups, so it must refuse them calmly.
        reverse("opportunities_signup_modeladmin_index"),
    ]
    screens += page_screens(home, with_listing=True)
    screens += page_screens(stories, with_listing=True)
    screens += page_screens(opportunities, with_listing=True)
    screens += [reverse("wagtailadmin_explore", args=[events.pk])]
    screens += page_screens(StoryPage.objects.live().first())
    screens += page_screens(OpportunityPage.objects.live().first())
    screens += page_screens(EventPage.objects.live().first())
    screens.append(reverse("wagtailadmin_pages:edit", args=[YouSaidWeDidPage.objects.get().pk]))
    if draft_story is not None:
        screens += page_screens(draft_story)
    screens += snippet_screens(ChangeRecord, ChangeRecord.objects.first().pk, everything=True)
    screens += snippet_screens(EngagementType)
    screens += snippet_screens(Area)
    image = get_image_model().objects.first()
    if image is not None:
        screens.append(reverse("wagtailimages:edit", args=[image.pk]))
    document = get_document_model().objects.first()
    if document is not None:
        screens.append(reverse("wagtaildocs:edit", args=[document.pk]))
    # Ids that do not exist, in the path itself.
    screens += [
        f"/admin/pages/{HUGE}/edit/",
        f"/admin/pages/{HUGE}/",
        "/admin/pages/0/history/",
        f"/admin/snippets/stories/changerecord/edit/{HUGE}/",
        f"/admin/images/{HUGE}/",
        f"/admin/pages/{stories.pk}/revisions/{HUGE}/view/",
        f"/admin/pages/{stories.pk}/revisions/compare/0...{HUGE}/",
    ]
    return screens


def answer(browser, path, query):
    """The status code, reading a streamed answer (an export) to its end."""
    try:
        response = browser.get(path, query)
        if response.streaming:
            b"".join(response.streaming_content)
    except Exception as error:  # noqa: BLE001 - an error while streaming is a 5xx too
        return f"500 ({type(error).__name__})"
    return response.status_code


def test_no_admin_screen_gives_staff_a_server_error(staff):
    screens = admin_screens()
    browsers = []
    for person in staff.values():
        browser = Client(raise_request_exception=False)
        browser.force_login(person)
        browsers.append((person.username, browser))
    odd_queries = cycle(ODD_QUERIES)
    answers = {}
    failures = []
    for number, path in enumerate(screens):
        # Each person opens each screen once; in turn, one of them plainly.
        for turn, (username, browser) in enumerate(browsers):
            query = [] if (number + turn) % len(browsers) == 0 else next(odd_queries)
            status = answer(browser, path, query)
            answers[status] = answers.get(status, 0) + 1
            if not isinstance(status, int) or status >= 500:
                failures.append((username, status, path, query))

    total = sum(answers.values())
    print(f"{total} admin requests as {len(browsers)} staff; answers: {answers}")  # noqa: T201
    assert not failures, [(username, status, path) for username, status, path, _ in failures]
    assert total >= 300
    # The run reached the screens themselves, not only refusals.
    assert answers.get(200, 0) > total // 3
