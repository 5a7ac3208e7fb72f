import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from stories.choices import ChangeStatus
from stories.models import ChangeRecord
from tests.factories.stories import ChangeRecordFactory, StoryPageFactory


@pytest.mark.django_db
def test_not_doing_needs_a_reason():
    record = ChangeRecord(
        you_said="Hold groups in the evening.",
        status=ChangeStatus.NOT_DOING,
        date=datetime.date(2025, 5, 1),
    )
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert "reason_not_doing" in caught.value.message_dict

    record.reason_not_doing = "The building closes at six."
    record.full_clean()


@pytest.mark.django_db
def test_other_statuses_need_to_say_what_changed():
    record = ChangeRecord(
        you_said="More chairs.", status=ChangeStatus.DONE, date=datetime.date.today()
    )
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert "we_did" in caught.value.message_dict


def test_you_said_we_did_page_groups_records_and_links_live_opportunities(
    client, changes_page, make_opportunity, django_assert_max_num_queries
):
    council = make_opportunity("Service-user council")
    hidden = make_opportunity("Unpublished panel", live=False)
    ChangeRecordFactory(
        you_said="The waiting room is loud.",
        we_did="A quiet corner.",
        opportunities=[council, hidden],
    )
    ChangeRecordFactory(
        you_said="Evening groups please.",
        we_did="",
        status=ChangeStatus.NOT_DOING,
        reason_not_doing="The building closes at six.",
    )
    for number in range(10):
        ChangeRecordFactory(
            status=ChangeStatus.PLANNED, we_did=f"Plan {number}", opportunities=[council]
        )
    client.get(changes_page.url)

    with django_assert_max_num_queries(14):
        response = client.get(changes_page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert changes_page.url == "/you-said-we-did/"
    assert "The waiting room is loud." in html and "A quiet corner." in html
    assert "Why we are not doing it" in html and "The building closes at six." in html
    assert "Service-user council" in html
    assert "Unpublished panel" not in html
    assert html.index(">Done<") < html.index(">Not doing, and why<")


def test_what_came_of_it_lists_the_records_linked_to_an_opportunity_in_one_query(
    make_opportunity, django_assert_num_queries
):
    council = make_opportunity("Service-user council")
    other = make_opportunity("Walking group", level="group")
    ChangeRecordFactory(
        you_said="Letters are hard to read.",
        we_did="Rewriting them.",
        status=ChangeStatus.IN_PROGRESS,
        opportunities=[council],
    )
    ChangeRecordFactory(
        you_said="Pay travel on the day.", we_did="We pay cash now.", opportunities=[council, other]
    )
    ChangeRecordFactory(you_said="Unrelated idea.", we_did="Done elsewhere.", opportunities=[other])

    with django_assert_num_queries(1):
        html = render_to_string("stories/includes/what_came_of_it.html", {"page": council})

    assert "What came of it" in html
    assert "Letters are hard to read." in html and "Pay travel on the day." in html
    assert "Unrelated idea." not in html
    assert html.index("Pay travel") < html.index("Letters are hard")  # newest first


def test_what_came_of_it_is_empty_without_records(make_opportunity):
    council = make_opportunity("Service-user council")
    assert (
        render_to_string("stories/includes/what_came_of_it.html", {"page": council}).strip() == ""
    )


def test_related_stories_include_shows_live_stories_for_an_opportunity(
    story_index, make_opportunity
):
    council = make_opportunity("Service-user council")
    live = StoryPageFactory(parent=story_index, title="My council story")
    draft = StoryPageFactory(parent=story_index, title="Draft council story", live=False)
    for story in (live, draft):
        story.related_opportunities.set([council])
        story.save()

    html = render_to_string("stories/includes/related_stories.html", {"page": council})

    assert "My council story" in html
    assert "Draft council story" not in html


def test_editors_can_add_change_records_in_the_admin(admin_client, make_opportunity):
    council = make_opportunity("Service-user council")
    url = reverse("wagtailsnippets_stories_changerecord:add")

    response = admin_client.post(
        url,
        {
            "you_said": "Meetings start too early.",
            "we_did": "",
            "status": "not-doing",
            "reason_not_doing": "",
            "date": "2025-06-01",
            **nested_form_data(
                {"opportunity_links": inline_formset([{"opportunitypage": council.pk}])}
            ),
        },
    )
    assert response.status_code == 200
    assert "Say why we are not doing this" in response.content.decode()

    response = admin_client.post(
        url,
        {
            "you_said": "Meetings start too early.",
            "we_did": "Meetings now start at eleven.",
            "status": "done",
            "date": "2025-06-01",
            **nested_form_data(
                {"opportunity_links": inline_formset([{"opportunitypage": council.pk}])}
            ),
        },
    )
    assert response.status_code == 302
    assert list(ChangeRecord.objects.get().opportunities.all()) == [council]
