"""PostgreSQL can answer the listing and the suggestions from their indexes.

With tens of thousands of opportunities, sorting every match to show twelve (or three)
is what made these pages slow (docs/benchmarks/private-apis-before-after.md, "At 50,000
opportunities"). The indexes in ``OpportunityPage.Meta`` hold the rows in the pages'
own order. These tests fail if a page's order or filters stop matching its index, for
instance if the order changes in the code but not in the index.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opportunities.choices import Level, Status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="Needs PostgreSQL (set DATABASE_URL)."
    ),
]


def plans_of(client, url, marker):
    """The plans PostgreSQL makes for the page's queries that contain ``marker``, with
    whole-table reads and sorts made a last resort: a handful of rows would otherwise
    be read whole whatever the indexes."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = [query["sql"] for query in captured if marker in query["sql"]]
    assert queries, f"no query on {url} has {marker!r}"
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for sql in queries:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_one_page_of_the_listing_is_read_in_order_from_its_index(client, make_opportunity):
    for number in range(3):
        make_opportunity(f"Survey {number}")
        make_opportunity(f"Full {number}", status=Status.FULL)

    [plan] = plans_of(client, "/opportunities/", "ORDER BY CASE")
    assert "opportunity_listing_order" in plan, plan
    assert "Sort" not in plan, plan


def test_both_suggestions_are_read_in_order_from_their_indexes(client, make_opportunity):
    walking = make_opportunity("Walking group", level=Level.GROUP, engagement_type="peer-led")
    make_opportunity("Run the group", level=Level.COLLECTIVE, engagement_type="peer-led")
    make_opportunity("Breakfast club", level=Level.GROUP)

    plans = plans_of(client, walking.url, '"first_step" DESC')
    assert len(plans) == 2, plans
    assert any("opportunity_next_level" in plan for plan in plans), plans
    assert any("opportunity_in_area" in plan for plan in plans), plans
    assert not any("Sort" in plan for plan in plans), plans
