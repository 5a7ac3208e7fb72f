"""Flyers and the printed list read as plainly as the pages they come from, by the same
measure as test_readability.py.

Each demo flyer is held to the page limits. The printed list is almost all editors'
summaries, one after another (test_readability.py already checks those, pooled), so
for the list the measure is its own words: what it says around the summaries.
"""

import statistics

import pytest
import textstat

from opportunities.models import EventPage, OpportunityPage

from .test_readability import MEDIAN_LIMIT, PAGE_LIMIT, prose


def grade(text):
    return textstat.flesch_kincaid_grade(text)


@pytest.mark.django_db
def test_every_demo_flyer_reads_at_about_age_nine(client, demo):
    pages = [*OpportunityPage.objects.live(), *EventPage.objects.live()]
    grades = {}
    for page in pages:
        response = client.get(page.url + "print/")
        assert response.status_code == 200, page.url
        grades[page.url] = grade(prose(response.content.decode()))

    worst = max(grades, key=grades.get)
    assert grades[worst] <= PAGE_LIMIT, (worst, grades[worst])
    assert statistics.median(grades.values()) <= MEDIAN_LIMIT


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?format=in-custody", "?level=collective&show_closed=on"])
def test_the_printed_list_s_own_words_read_at_about_age_nine(client, demo, query):
    text = prose(client.get("/opportunities/print/" + query).content.decode())
    summaries = {page.summary for page in OpportunityPage.objects.live() if page.summary}
    for summary in sorted(summaries, key=len, reverse=True):
        text = text.replace(summary, "")

    assert "Code P" in text
    assert grade(text) <= MEDIAN_LIMIT, text
