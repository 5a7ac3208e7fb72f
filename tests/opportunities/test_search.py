"""Site search at /search/: every public page type, safe with any input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def result_titles(response):
    return re.findall(
        r'search-result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_search_finds_opportunities_and_information_pages(client, make_opportunity):
    make_opportunity(
        "Walking group",
        summary="An easy walk along the shore.",
        body=[{"type": "paragraph", "value": "<p>We stroll along the harbour wall.</p>"}],
    )
    response = client.get("/search/?q=harbour")
    assert response.status_code == 200
    assert result_titles(response) == ["Walking group"]
    html = response.content.decode()
    assert "An easy walk along the shore." in html
    assert 'search-result__type">Opportunity<' in html
    assert "1 result for “harbour”" in html

    response = client.get("/search/?q=privacy")
    assert "Privacy notice" in result_titles(response)
    assert 'search-result__type">Information<' in response.content.decode()


def test_private_and_draft_pages_are_not_found(client, make_opportunity):
    secret = make_opportunity("Secret harbour meeting")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    draft = make_opportunity("Draft harbour walk")
    draft.unpublish()
    assert result_titles(client.get("/search/?q=harbour")) == []


@pytest.mark.parametrize(
    "words", ['"', "walk*", "NEAR(", "a OR b", "<script>", "'; DROP TABLE x; --", "🙂", ""]
)
def test_any_input_gives_a_page(client, catalogue, words):
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_very_long_input_gets_a_message(client, catalogue):
    response = client.get("/search/", {"q": "x" * 1000})
    assert response.status_code == 200
    assert "Search words must be 200 characters or fewer" in response.content.decode()


def test_results_are_paginated_and_out_of_range_is_not_found(client, make_opportunity):
    for number in range(12):
        make_opportunity(f"Harbour walk {number}")
    first = client.get("/search/?q=harbour")
    assert len(result_titles(first)) == 10
    assert 'href="?q=harbour&amp;page=2"' in first.content.decode()
    assert len(result_titles(client.get("/search/?q=harbour&page=2"))) == 2
    assert client.get("/search/?q=harbour&page=9").status_code == 404
    assert client.get("/search/?q=harbour&page=x").status_code == 404


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Needs PostgreSQL (set DATABASE_URL)."
)
def test_postgresql_search_matches_the_expressions_the_portals_indexes_cover(
    client, make_opportunity
):
    """Wagtail's search query still has the two shapes the portal indexes, and they are used.

    The two indexes on Wagtail's tables (portal/migrations/0002) are kept because they
    take 40-90 ms off each search at 5,000 opportunities (docs/benchmarks/
    private-apis-before-after.md). If a Wagtail upgrade changed how it matches words or
    joins an entry to its page, this fails and the indexes need redoing or dropping.
    """
    make_opportunity("Walking group", summary="An easy walk along the harbour.")
    with CaptureQueriesContext(connection) as captured:
        assert "Walking group" in result_titles(client.get("/search/?q=harbour"))
    searches = [q["sql"] for q in captured if "wagtailsearch_indexentry" in q["sql"]]
    assert searches
    for sql in searches:
        assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql
        assert '("wagtailcore_page"."id")::varchar(50)' in sql

    # With a handful of rows PostgreSQL reads tables whole; with that off, it must be
    # able to answer each shape from its index.
    shapes = {
        "portal_search_title_body_gin": "SELECT id FROM wagtailsearch_indexentry"
        " WHERE (title || body) @@ to_tsquery('harbour')",
        "portal_page_id_as_text": "SELECT id FROM wagtailcore_page WHERE (id)::varchar(50) = '1'",
    }
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for index_name, sql in shapes.items():
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index_name in plan, plan
