"""Bad and odd input on every public URL, filter and form field never gives a server error.

Hypothesis makes well over 1,000 requests in-process (Django's test client) against
the demo content: valid and invalid filter values, repeated and missing parameters,
long and non-ASCII text, odd page numbers, unknown paths, sign-up forms and the idea
box filled in every way. A 4xx answer is fine; a 5xx is a bug.
"""

from urllib.parse import quote

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opportunities.choices import FORMATS, MOTIVATIONS, SUPPORT, Commitment, Level
from opportunities.models import Area, EngagementType, EventPage, OpportunityPage
from stories.choices import THEMES
from stories.models import StoryPage

EXAMPLES = 1000

# Slow (tests/load/conftest.py), with the same answer on any database: CI runs it once,
# in the PostgreSQL pass.
pytestmark = pytest.mark.once

# Text that has broken web apps before: empty, spaces, quotes, SQL and search-engine
# syntax, HTML, control characters, very long, non-Latin scripts and emoji.
NASTY = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "%",
    "_",
    "*",
    "OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '"quoted words"',
    "(unbalanced",
    "a & b | !c",
    "<script>alert(1)</script>",
    "\x00",
    "\u202e",
    "zażółć gęślą jaźń",
    "حقوق",
    "🙂🙂",
    "x" * 201,
    "-1",
    "0",
    "9" * 30,
    "1e9",
    "NaN",
]


def text():
    return st.one_of(st.sampled_from(NASTY), st.text(max_size=60))


def value(valid):
    """A valid value most of the time, otherwise something odd."""
    return st.one_of(st.sampled_from(valid), text()) if valid else text()


def query(fields):
    """A query string as a list of (name, value) pairs; names may repeat."""
    pairs = [st.tuples(st.just(name), strategy) for name, strategy in fields.items()]
    return st.lists(st.one_of(*pairs, st.tuples(text(), text())), max_size=8)


def page_number():
    return st.one_of(st.integers(-5, 500).map(str), text())


def requests(data):
    """(method, path, data) for every kind of public request."""
    listing = query(
        {
            "level": value(Level.values),
            "type": value(data["types"]),
            "area": value(data["areas"]),
            "commitment": value(Commitment.values),
            "format": value(list(FORMATS)),
            "support": value(list(SUPPORT)),
            "motivation": value(list(MOTIVATIONS)),
            "first_step": value(["on", "true", "1"]),
            "show_closed": value(["on"]),
            "q": text(),
            "page": page_number(),
        }
    )
    events = query(
        {
            "level": value(Level.values),
            "type": value(data["types"]),
            "area": value(data["areas"]),
            "month": value(["2026-01", "2026-13", "1999-12"]),
            "page": page_number(),
        }
    )
    stories = query(
        {"theme": value(list(THEMES)), "level": value(Level.values), "page": page_number()}
    )
    search = query({"q": text(), "page": page_number()})
    sign_up_form = st.fixed_dictionaries(
        {},
        optional={
            "preferred_name": text(),
            "contact_method": value(["email", "phone", "text", "worker"]),
            "contact_detail": value(["sam@example.org", "07700 900123", "0161 496 0000"]),
            "worker_name": text(),
            "worker_contact": value(["worker@example.org", "07700 900123"]),
            "support_needs": text(),
            "consent": value(["on"]),
            "website": text(),
        },
    )
    idea_form = st.fixed_dictionaries(
        {},
        optional={
            "idea": text(),
            "service": text(),
            "area": value([str(pk) for pk in data["area_ids"]]),
            "reply": value(["none", "email", "phone", "text", "worker"]),
            "preferred_name": text(),
            "contact_detail": value(["sam@example.org", "07700 900123", "0161 496 0000"]),
            "worker_name": text(),
            "worker_contact": value(["worker@example.org", "07700 900123"]),
            "consent": value(["on"]),
            "website": text(),
        },
    )
    pages = data["opportunities"] + data["events"]
    return st.one_of(
        st.tuples(st.just("get"), st.sampled_from(["/", "/opportunities/"]), listing),
        st.tuples(st.just("get"), st.just("/opportunities/find/"), listing),
        st.tuples(st.just("get"), st.sampled_from(["/events/", "/events/past/"]), events),
        st.tuples(st.just("get"), st.sampled_from(["/stories/", "/stories/feed/"]), stories),
        st.tuples(st.just("get"), st.just("/search/"), search),
        st.tuples(
            st.just("get"),
            st.sampled_from(
                ["/you-said-we-did/", "/events/calendar.ics", "/how-involvement-works/"]
                + [f"{url}calendar.ics" for url in data["events"]]
            ),
            search,
        ),
        st.tuples(
            st.just("get"), st.sampled_from(pages + data["stories"]), query({"page": text()})
        ),
        st.tuples(
            st.just("get"),
            st.builds(lambda word: f"/opportunities/{quote(word, safe='')}/", text()),
            st.just([]),
        ),
        st.tuples(
            st.just("get"), st.sampled_from([f"{url}sign-up/" for url in pages]), st.just([])
        ),
        st.tuples(
            st.just("post"),
            st.sampled_from([f"{url}sign-up/" for url in pages]),
            sign_up_form,
        ),
        st.tuples(st.just("get"), st.sampled_from(["/ideas/", "/ideas/thank-you/"]), search),
        st.tuples(st.just("post"), st.just("/ideas/"), idea_form),
    )


@pytest.fixture
def public_site(db, settings):
    settings.SIGNUP_RATE_LIMIT = "1000000/h"
    call_command("load_demo_content", opportunities=30, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {
        "types": list(EngagementType.objects.values_list("slug", flat=True)),
        "areas": list(Area.objects.values_list("slug", flat=True)),
        "area_ids": list(Area.objects.values_list("pk", flat=True)),
        "opportunities": [page.url for page in OpportunityPage.objects.live()[:20]],
        "events": [page.url for page in EventPage.objects.live()[:10]],
        "stories": [page.url for page in StoryPage.objects.live()[:10]],
    }


def test_no_request_gives_a_server_error(public_site, client):
    answers = {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(requests(public_site))
    def check(request):
        method, path, data = request
        response = getattr(client, method)(path, data)
        answers[response.status_code] = answers.get(response.status_code, 0) + 1
        assert response.status_code < 500, (method, path, data)

    check()
    assert sum(answers.values()) >= 1000
    # The run reached the pages themselves, not only error pages.
    assert answers.get(200, 0) > 300
