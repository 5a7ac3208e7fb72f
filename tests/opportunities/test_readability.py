"""Every public label and every demo page should suit a reading age of about nine.

The measure
-----------
Prose is held to the Flesch-Kincaid grade (textstat 0.7.3, which counts syllables with
pyphen and needs no download). The grade is a US school year; reading age is about the
grade plus five, so grade 4 is a reading age of nine and grade 5 of ten.

* Each demo page as people see it: every paragraph inside ``<main>``, the template's
  own words included, since that is what a reader reads. Limit: grade 5 for any one
  page (reading age about ten, the most we allow), and grade 4 (age nine) for the
  median page.
* The words editors wrote for the demo (summary, body and the page's other text
  fields), pooled by page type. One opportunity has 20 to 40 words of its own, and on
  so few words a single long word moves the grade by three years; pooled, each type has
  hundreds of words and the grade is steady. Limit: grade 4.5.
* The longer descriptions in choices.py (levels, money, record checks): grade 4 each.

Labels are two to eight words, where grade formulas mean nothing (they are built from
sentence length). Each label is checked the way plain-English guides judge short text:
at most eight words, and at most one "hard" word of three or more syllables (Gunning's
complex word). The short notes shown after a label may name the research term, so they
may use two.

Stories are left out: they are told in the storyteller's own words, and moderators, not
a formula, decide what is changed.
"""

import html
import re
import statistics
from collections import defaultdict

import pytest
import textstat
from wagtail.models import Page

from opportunities import choices
from opportunities.event_forms import EventFilterForm
from opportunities.forms import ChooserForm, OpportunityFilterForm

PAGE_LIMIT = 5.0
MEDIAN_LIMIT = 4.0
CONTENT_LIMIT = 4.5
DESCRIPTION_LIMIT = 4.0
MOST_WORDS = 8
OWN_TEXT_FIELDS = ("intro", "who_we_are", "meets", "how_to_join", "who_can_take_part")
NOT_CHECKED = {"StoryPage"}


def prose(page_html):
    """The paragraphs of a page's main content as plain sentences."""
    main = page_html.split("<main", 1)[1].split("</main>", 1)[0]
    sentences = []
    for paragraph in re.findall(r"<p\b[^>]*>(.*?)</p>", main, re.S):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", paragraph)).split())
        if text:
            sentences.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(sentences)


def hard_words(label):
    words = re.findall(r"[A-Za-z’'-]+", label)
    return words, [word for word in words if textstat.syllable_count(word) >= 3]


def public_labels():
    """Every label the public sees for the catalogue's vocabularies, from choices.py."""
    labels = [plain for plain, _term in choices.LEVEL_LABELS.values()]
    labels += choices.TYPE_LABELS.values()
    labels += [label for _value, label in choices.Payment.choices]
    labels += choices.DISCLOSURE_LABELS.values()
    for spec in (choices.FORMATS, choices.SUPPORT, choices.MOTIVATIONS, choices.WHEN):
        labels += [label for _field, label in spec.values()]
    labels += [label for _field, label in choices.WHO.values()]
    labels += [label for _value, label in choices.Commitment.choices]
    labels += [label for _value, label in choices.Status.choices]
    return labels


def form_labels():
    """Labels of the filters and of the chooser's questions and answers."""
    labels = []
    for form in (OpportunityFilterForm(), EventFilterForm(), ChooserForm()):
        for field in form:
            labels.append(str(field.label))
            for _value, label in getattr(field.field, "choices", []):
                # A note in smaller text follows some labels; it is checked on its own.
                labels.append(html.unescape(re.sub(r"<span.*", "", str(label))).strip())
    return [label for label in labels if label and not re.match(r"[A-Z][a-z]+ \d{4}$", label)]


@pytest.mark.parametrize("label", public_labels())
def test_each_public_label_is_short_and_easy(label):
    words, hard = hard_words(label)
    assert len(words) <= MOST_WORDS, label
    assert len(hard) <= 1, (label, hard)


@pytest.mark.django_db
def test_each_filter_and_chooser_label_is_short_and_easy():
    for label in form_labels():
        words, hard = hard_words(label)
        # The chooser asks questions and answers in whole short sentences.
        assert len(words) <= MOST_WORDS + 2, label
        assert len(hard) <= 1, (label, hard)


@pytest.mark.parametrize("note", choices.EXPLAINED.values())
def test_each_note_after_a_label_is_short(note):
    words, hard = hard_words(note)
    assert len(words) <= MOST_WORDS, note
    assert len(hard) <= 2, (note, hard)


@pytest.mark.parametrize(
    "text",
    [
        *choices.LEVEL_DESCRIPTIONS.values(),
        *choices.PAYMENT_DESCRIPTIONS.values(),
        choices.DISCLOSURE_DESCRIPTION,
    ],
)
def test_each_description_reads_at_about_age_nine(text):
    assert textstat.flesch_kincaid_grade(text) <= DESCRIPTION_LIMIT, text


@pytest.mark.django_db
def test_every_demo_page_reads_at_about_age_nine(client, demo):
    grades = {}
    paths = [page.url for page in Page.objects.live().specific() if page.depth > 1]
    paths += ["/opportunities/find/", "/events/past/"]
    skipped = {
        page.url for page in Page.objects.live().specific() if type(page).__name__ in NOT_CHECKED
    }
    for path in paths:
        if path in skipped:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        grades[path] = textstat.flesch_kincaid_grade(prose(response.content.decode()))
    worst = max(grades, key=grades.get)
    assert grades[worst] <= PAGE_LIMIT, (worst, grades[worst])
    assert statistics.median(grades.values()) <= MEDIAN_LIMIT


@pytest.mark.django_db
def test_the_demo_s_own_words_read_at_about_age_nine(demo):
    pooled = defaultdict(list)
    for page in Page.objects.live().specific():
        kind = type(page).__name__
        body = getattr(page, "body", None)
        if body is None or kind in NOT_CHECKED:
            continue
        fields = [page.summary, *(getattr(page, name, "") or "" for name in OWN_TEXT_FIELDS)]
        own = "".join(f"<p>{text}</p>" for text in fields if text)
        pooled[kind].append(prose(f"<main>{own}{body.render_as_block()}</main>"))
    assert {"ContentPage", "OpportunityPage", "EventPage", "GroupPage"} <= set(pooled)
    for kind, texts in pooled.items():
        grade = textstat.flesch_kincaid_grade(" ".join(texts))
        assert grade <= CONTENT_LIMIT, (kind, grade)
