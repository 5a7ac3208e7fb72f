"""Data at scale, the URLs to measure, and SQL queries per request.

These functions run inside a Django process whose ``DATABASE_URL`` names the throwaway
database (see ``runner``); run them with ``python -m benchmarks.data ACTION``.
Django is imported inside the functions so that ``PAGES`` can be read without it.

Events and stories are added in batches with ``portal.bulk_pages``: each page goes
through the page tree (``add_child``) as an editor's would, while the search index and
Wagtail's reference index are filled once per batch rather than after every save. Each
batch is a transaction of its own. Sign-ups are plain rows, written with ``bulk_create``.
"""

import datetime
import json
import math
import random
import sys
import time

# What is measured, in the order of the report. Each page has a pool of URLs: a page
# type with many pages (opportunities, events, filter combinations, search words) is
# measured across many of them, so the first pass really is uncached.
PAGES = [
    ("home", "Home page"),
    ("listing", "Opportunities, unfiltered"),
    ("listing_filtered", "Opportunities, three filters"),
    ("listing_page_50", "Opportunities, page 50"),
    ("search", "Site search"),
    ("opportunity", "One opportunity"),
    ("event", "One event"),
    ("calendar", "Calendar feed (.ics)"),
    ("stories", "Stories listing"),
    ("sign_up", "Sign-up (POST)"),
    ("static", "Static file (ceiling)"),
]
PAGE_LABELS = dict(PAGES)
STATIC_URL = "/static/css/portal.css"
POOL_SIZE = 200
SEARCH_WORDS = [
    "forum",
    "walk",
    "survey",
    "recovery",
    "peer",
    "council",
    "feedback",
    "research",
    "mentor",
    "group",
    "prison",
    "probation",
    "breakfast",
    "training",
    "ayrshire",
]
# The answers a person would give on the sign-up form.
SIGN_UP_FORM = {
    "preferred_name": "Sam",
    "contact_method": "email",
    "contact_detail": "sam@example.org",
    "support_needs": "A quiet room would help.",
    "consent": "on",
}


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


# Building ----------------------------------------------------------------------------


def build_events(count, rng):
    """``count`` events: three in four coming up over the next year, the rest past."""
    from django.utils import timezone

    from opportunities.choices import FORMATS, SUPPORT, Level
    from opportunities.models import (
        Area,
        EngagementType,
        EventIndexPage,
        EventPage,
        OpportunityPage,
        OrganisingGroup,
        Venue,
    )
    from portal.bulk_pages import add_live_children_in_batches

    index = EventIndexPage.objects.first()
    if index is None or count <= 0:
        return 0
    venues = list(Venue.objects.all()) or [
        Venue.objects.create(name="Community hall", address="1 High Street\nKilmarnock")
    ]
    types, areas = list(EngagementType.objects.all()), list(Area.objects.all())
    groups = list(OrganisingGroup.objects.all())
    opportunity_ids = list(OpportunityPage.objects.values_list("pk", flat=True)[:500])
    today = timezone.localdate()
    pages = []
    for number in range(1, count + 1):
        days = rng.randint(1, 365) if number % 4 else -rng.randint(1, 365)
        start = timezone.make_aware(
            datetime.datetime.combine(
                today + datetime.timedelta(days=days), datetime.time(9 + number % 8)
            )
        )
        area = areas[number % len(areas)]
        pages.append(
            EventPage(
                title=f"{types[number % len(types)].name} meeting in {area.name} ({number})",
                slug=f"benchmark-event-{number}",
                summary="A generated event, made for measuring the site at scale.",
                body=_paragraphs(
                    f"Example event number {number}. Come along, meet people and have your say.",
                    "Tea and coffee are provided. We pay travel costs on the day.",
                ),
                level=Level.values[number % 3],
                engagement_type=types[number % len(types)],
                area=area,
                organising_group=groups[number % len(groups)] if groups else None,
                location=area.name,
                start=start,
                end=start + datetime.timedelta(hours=2),
                venue=venues[number % len(venues)],
                capacity=20 if number % 5 == 0 else None,
                related_opportunity_id=(
                    opportunity_ids[number % len(opportunity_ids)] if opportunity_ids else None
                ),
                **{FORMATS[list(FORMATS)[number % len(FORMATS)]][0]: True},
                **{SUPPORT[list(SUPPORT)[number % len(SUPPORT)]][0]: True},
            )
        )
    add_live_children_in_batches(index, pages)
    return len(pages)


def build_stories(count, rng):
    """``count`` published stories with themes and links to two opportunities each."""
    from django.utils import timezone

    from opportunities.choices import Level
    from opportunities.models import OpportunityPage
    from portal.bulk_pages import add_live_children_in_batches
    from stories.choices import THEMES, ConsentMethod
    from stories.models import StoryIndexPage, StoryPage

    index = StoryIndexPage.objects.first()
    if index is None or count <= 0:
        return 0
    opportunity_ids = list(OpportunityPage.objects.values_list("pk", flat=True)[:1000])
    theme_fields = [field for field, _label in THEMES.values()]
    now = timezone.now()
    pages = []
    for number in range(1, count + 1):
        published = now - datetime.timedelta(hours=number * 7)
        pages.append(
            StoryPage(
                title=f"What taking part meant to me ({number})",
                slug=f"benchmark-story-{number}",
                summary="A generated story, made for measuring the site at scale.",
                teaser="I was not sure at first. Then I found people who understood.",
                body=_paragraphs(
                    "I went along to the first meeting because my worker said I should.",
                    "I kept going because people listened, and things changed.",
                    "Now I help new people find their feet.",
                ),
                display_name="" if number % 3 == 0 else f"Storyteller {number}",
                show_no_name=number % 3 == 0,
                level=Level.values[number % 3],
                consent_date=published.date() - datetime.timedelta(days=14),
                consent_method=ConsentMethod.WRITTEN,
                storyteller_approved=True,
                consent_review_date=published.date() + datetime.timedelta(days=365),
                first_published_at=published,
                **{theme_fields[number % len(theme_fields)]: True},
            )
        )
    add_live_children_in_batches(index, pages)
    if opportunity_ids:
        through = StoryPage.related_opportunities.through
        links = []
        for page in pages:
            for opportunity_id in rng.sample(opportunity_ids, min(2, len(opportunity_ids))):
                links.append(through(storypage_id=page.pk, opportunitypage_id=opportunity_id))
        through.objects.bulk_create(links, batch_size=1000)
    return len(pages)


def build_sign_ups(count, rng):
    """``count`` sign-ups spread over the opportunities and events, written in bulk."""
    from django.utils import timezone

    from opportunities.models import EventPage, OpportunityPage, SignUp
    from opportunities.models.signups import ContactMethod, SignUpStatus, new_reference

    targets = list(OpportunityPage.objects.values_list("pk", "title")[:2000])
    targets += list(EventPage.objects.values_list("pk", "title")[:500])
    if not targets or count <= 0:
        return 0
    references = set(SignUp.objects.values_list("reference", flat=True))
    statuses = SignUpStatus.values
    now = timezone.now()
    rows = []
    for number in range(1, count + 1):
        reference = new_reference()
        while reference in references:
            reference = new_reference()
        references.add(reference)
        page_id, title = targets[number % len(targets)]
        rows.append(
            SignUp(
                page_id=page_id,
                page_title=title[:255],
                reference=reference,
                preferred_name=f"Person {number}",
                contact_method=ContactMethod.EMAIL,
                contact_detail=f"person{number}@example.org",
                consent=True,
                privacy_notice_version="1",
                status=statuses[number % len(statuses)],
                created_at=now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 300)),
            )
        )
    SignUp.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def build(events, stories, sign_ups, seed=7):
    """Add the generated events, stories and sign-ups; returns counts and seconds taken."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, not security
    timings = {}
    counts = {}
    for name, builder, count in (
        ("events", build_events, events),
        ("stories", build_stories, stories),
        ("sign_ups", build_sign_ups, sign_ups),
    ):
        started = time.perf_counter()
        counts[name] = builder(count, rng)
        timings[name] = round(time.perf_counter() - started, 2)
    return {"counts": counts, "seconds": timings}


# What to request --------------------------------------------------------------------


def url_pools(seed=7):
    """{page key: [URL, ...]} for every page in ``PAGES``, from the data in the database."""
    from opportunities.choices import Level, Status
    from opportunities.models import (
        Area,
        EngagementType,
        EventPage,
        OpportunityIndexPage,
        OpportunityPage,
    )

    rng = random.Random(seed)  # noqa: S311 - made-up data, not security
    index = OpportunityIndexPage.objects.live().first()
    listing = index.url if index else "/opportunities/"
    open_count = OpportunityPage.objects.live().exclude(status=Status.CLOSED).count()
    per_page = getattr(index, "per_page", 12) or 12
    last_page = max(1, math.ceil(open_count / per_page))
    page_number = min(50, last_page)
    combos = [
        f"{listing}?level={level}&type={kind}&area={area}"
        for level in Level.values
        for kind in EngagementType.objects.values_list("slug", flat=True)
        for area in Area.objects.values_list("slug", flat=True)
    ]
    rng.shuffle(combos)
    opportunities = list(
        OpportunityPage.objects.live().filter(status=Status.OPEN).values_list("url_path", flat=True)
    )
    events = list(EventPage.objects.live().upcoming().values_list("url_path", flat=True))
    pools = {
        "home": ["/"],
        "listing": [listing],
        "listing_filtered": combos[:POOL_SIZE],
        "listing_page_50": [f"{listing}?page={page_number}"],
        "search": [f"/search/?q={word}" for word in SEARCH_WORDS],
        "opportunity": [
            _public(path) for path in rng.sample(opportunities, min(POOL_SIZE, len(opportunities)))
        ],
        "event": [_public(path) for path in rng.sample(events, min(POOL_SIZE, len(events)))],
        "calendar": ["/events/calendar.ics"],
        "stories": ["/stories/"],
        "sign_up": [
            _public(path) + "sign-up/"
            for path in rng.sample(opportunities, min(POOL_SIZE, len(opportunities)))
        ],
        "static": [STATIC_URL],
    }
    notes = {"listing_page_50": f"page {page_number} of {last_page}"}
    return {"pools": pools, "notes": notes}


def _public(url_path):
    """A page's URL on the default site: its url_path without the home page's part."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + (parts[1] + "/" if len(parts) > 1 else "")


# SQL queries per request ------------------------------------------------------------


def count_queries(pools, host):
    """SQL queries and response bytes for one request per page: cold, fresh, then warm.

    Cold: every cache cleared first. Fresh: the page again under a query string no page
    reads, so it is rendered anew while the pieces every page shares (menu, site
    settings, private sections) come from the cache: what most requests of the cold
    load pass cost. Warm: the first URL again, from the page cache. The first URL of
    each pool is used, so the counts are the same from one run to the next. ``gzip``
    is the body's size for a client that accepts gzip, as browsers and locust do.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = {}
    for key in pools:
        url = pools[key][0]
        post = key == "sign_up"
        row = {"url": url}
        for phase in ("cold", "fresh", "warm", "gzip"):
            if phase == "cold":
                for alias in caches:
                    caches[alias].clear()
            address = url
            if phase == "fresh" and not post:
                address = f"{url}{'&' if '?' in url else '?'}benchmark-miss=1"
            headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if phase == "gzip" else {}
            client = Client(HTTP_HOST=host, **headers)
            with CaptureQueriesContext(connection) as context:
                response = client.post(address, SIGN_UP_FORM) if post else client.get(address)
            body = b"".join(response) if response.streaming else response.content
            row[phase] = {
                "queries": len(context.captured_queries),
                "status": response.status_code,
                "bytes": len(body),
            }
        results[key] = row
    return results


def analyze():
    """Do what a live database's autovacuum would have done after the load: refresh the
    planner's statistics (straight after a bulk load they are empty and queries pick
    poor plans) and, on PostgreSQL, clear the old row versions the build left (each
    page is written three times: added, given a revision, published), which every scan
    of the page table would otherwise read past."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"analyzed": connection.vendor}


def main(argv=None):
    """``python -m benchmarks.data ACTION '{json arguments}'``; prints JSON."""
    import django

    argv = sys.argv[1:] if argv is None else argv
    action, arguments = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    django.setup()
    if action == "build":
        result = build(**arguments)
    elif action == "analyze":
        result = analyze()
    elif action == "urls":
        result = url_pools()
    elif action == "queries":
        result = count_queries(**arguments)
    else:
        raise SystemExit(f"Unknown action {action!r}: use build, analyze, urls or queries.")
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
