"""Before they commit, people ask: does it pay, when is it, who is it for, is there a
record check. Each is a fact on the page and the card, and a filter on the listing."""

import re

import pytest

from opportunities.choices import Level, Payment
from tests.pages import card_titles_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def four(make_opportunity):
    return {
        "panel": make_opportunity(
            "Interview panel",
            level=Level.COLLECTIVE,
            payment=Payment.PAID,
            payment_amount="£15 an hour",
            disclosure_check=True,
            when_daytime=True,
            location="Irvine",
            what_you_get="£15 an hour\nA reference for your CV\n\nLunch on the day",
        ),
        "football": make_opportunity(
            "Football on a Wednesday",
            level=Level.GROUP,
            time_estimate="90 minutes each Wednesday evening",
            when_evening=True,
            location="Kilmarnock sports centre",
            area="east-ayrshire",
        ),
        "walk": make_opportunity(
            "Saturday walk",
            level=Level.GROUP,
            payment=Payment.EXPENSES,
            when_weekend=True,
            who_families=True,
        ),
        "families": make_opportunity(
            "Families' group",
            level=Level.GROUP,
            payment=Payment.VOUCHER,
            payment_amount="A £10 voucher",
            when_evening=True,
            when_weekend=True,
            who_lived_experience=False,
            who_families=True,
        ),
    }


def test_the_money_and_record_check_are_on_the_page_with_a_link_to_what_they_mean(client, four):
    html = client.get(four["panel"].url).content.decode()
    assert "Paid: £15 an hour" in html
    assert "You get paid money for your time." in html
    assert '<a href="/money-and-benefits/">What this means for your benefits</a>' in html
    assert "You need a record check first" in html
    html = client.get(four["football"].url).content.decode()
    assert "No pay" in html and "This is volunteering." in html
    assert "No record check" in html
    assert '<a href="/money-and-benefits/">' in html


def test_cards_show_money_when_and_where(client, four):
    html = client.get("/opportunities/").content.decode()
    card = html.split(">Interview panel</a>")[1].split("</li>\n</ul>")[0].split("</ul>")[0]
    assert "<b>Money:</b> Paid: £15 an hour" in card
    assert "<b>When:</b> Weekday daytime" in card
    assert "<b>Where:</b> Irvine, North Ayrshire" in card
    families = html.split(">Families&#x27; group</a>")[1].split("</ul>")[0]
    assert "<b>When:</b> Weekday evening, Weekend" in families
    assert "<b>Money:</b> A voucher: A £10 voucher" in families


@pytest.mark.parametrize(
    "query, expected",
    [
        ("payment=paid", ["Interview panel"]),
        ("payment=voucher&payment=expenses", ["Families' group", "Saturday walk"]),
        ("payment=none", ["Football on a Wednesday"]),
        ("no_record_check=on", ["Families' group", "Football on a Wednesday", "Saturday walk"]),
        ("when=evening", ["Families' group", "Football on a Wednesday"]),
        ("when=daytime&when=weekend", ["Families' group", "Interview panel", "Saturday walk"]),
        ("when=weekend&level=group&payment=expenses", ["Saturday walk"]),
        ("who=families", ["Families' group", "Saturday walk"]),
        ("who=lived-experience&when=weekend", ["Saturday walk"]),
    ],
)
def test_new_filters_narrow_the_list_and_keep_working_with_the_old(client, four, query, expected):
    response = client.get(f"/opportunities/?{query}")
    assert sorted(card_titles_in(response)) == expected


def test_anyone_matches_every_who_filter(client, four, make_opportunity):
    make_opportunity("Open to all", who_lived_experience=False, who_anyone=True)
    assert "Open to all" in card_titles_in(client.get("/opportunities/?who=families"))
    assert "Open to all" in card_titles_in(client.get("/opportunities/?who=lived-experience"))


@pytest.mark.parametrize("bad", ["payment=lots", "when=midnight", "who=everybody"])
def test_a_bad_value_gets_a_message_and_the_other_filters_still_apply(client, four, bad):
    response = client.get(f"/opportunities/?{bad}&level=collective")
    assert response.status_code == 200
    assert "Some of your choices could not be used" in response.content.decode()
    assert card_titles_in(response) == ["Interview panel"]


def test_searching_evening_finds_evening_ones(client, four):
    assert "Football on a Wednesday" in card_titles_in(client.get("/opportunities/?q=evening"))
    assert card_titles_in(client.get("/opportunities/?when=evening&q=football")) == [
        "Football on a Wednesday"
    ]


def test_the_filter_control_counts_what_is_chosen(client, four):
    html = client.get("/opportunities/?level=group&when=evening&when=weekend").content.decode()
    assert "Filter results (3 chosen)" in html
    assert "Filter results (0 chosen)" in client.get("/opportunities/").content.decode()


def test_what_you_get_is_listed_one_item_per_line(client, four):
    html = client.get(four["panel"].url).content.decode()
    section = html.split('id="gain-heading"')[1].split("</section>")[0]
    items = re.findall(r"<li>([^<]+)</li>", section)
    assert items[:3] == ["£15 an hour", "A reference for your CV", "Lunch on the day"]


def test_who_can_take_part_is_said_plainly(client, four):
    html = client.get(four["families"].url).content.decode()
    assert "<dt>Who can take part</dt><dd>Family and friends</dd>" in html


def test_ready_for_more_only_offers_what_the_same_people_can_do(client, make_opportunity):
    family_group = make_opportunity(
        "Family support group",
        level=Level.GROUP,
        engagement_type="peer-led",
        who_lived_experience=False,
        who_families=True,
    )
    make_opportunity(
        "Mentor people leaving prison", level=Level.COLLECTIVE, engagement_type="peer-led"
    )
    make_opportunity(
        "Run the family group",
        level=Level.COLLECTIVE,
        engagement_type="peer-led",
        who_lived_experience=False,
        who_families=True,
    )
    make_opportunity(
        "Plan the recovery walk",
        level=Level.COLLECTIVE,
        engagement_type="peer-led",
        who_lived_experience=False,
        who_anyone=True,
    )
    html = client.get(family_group.url).content.decode()
    more = html.split('id="more-heading"')[1].split("</section>")[0]
    assert "Run the family group" in more and "Plan the recovery walk" in more
    assert "Mentor people leaving prison" not in more
