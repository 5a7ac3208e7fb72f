"""Demo events: twelve coming up over the next three months and four in the past.

Dates are computed from today, so the demo always has something on. Idempotent:
events are found by slug before anything is created.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from portal.models import HomePage

from .choices import WHO, Level
from .demo import get_or_create_by_slug
from .demo_data import AREAS, GROUP_FOR_AREA, GROUPS
from .models import (
    Area,
    EngagementType,
    EventIndexPage,
    EventPage,
    OpportunityPage,
    OrganisingGroup,
    Venue,
)
from .models.signups import ContactMethod, SignUp

EVENT_INDEX = {
    "title": "What's on",
    "slug": "events",
    "summary": "Meetings, walks, launch days and exhibitions you can come to.",
    "intro": "Come along to something. You can bring a friend, and we pay travel.",
    "show_in_menus": True,
}

VENUES = [
    {
        "name": "Townhead Community Centre",
        "address": "12 Townhead Street\nIrvine",
        "postcode": "KA12 0BL",
        "accessibility_notes": "Step-free entrance, accessible toilet and a hearing loop. A quiet room is available.",
        "directions": "Five minutes' walk from Irvine station. Buses 11 and 21 stop outside.",
    },
    {
        "name": "The Recovery Hub",
        "address": "4 Bank Place\nKilmarnock",
        "postcode": "KA1 1HJ",
        "accessibility_notes": "Ground floor only. Accessible toilet. Assistance dogs welcome.",
        "directions": "Opposite the bus station. Free parking behind the building.",
    },
    {
        "name": "Riverside Library",
        "address": "Main Street\nAyr",
        "postcode": "KA7 1AB",
        "accessibility_notes": "Lift to the first floor meeting room. Large-print copies of papers on request.",
        "directions": "Ten minutes' walk from Ayr station. Ask at the front desk and we will come and meet you.",
    },
]

# (days from today, start hour, hours long, title, level, engagement type slug, summary, capacity)
EVENTS = [
    (
        6,
        10,
        2,
        "Service user forum: open meeting",
        Level.COLLECTIVE,
        "forums-councils-panels",
        "Have your say on what the justice service should change next. New faces welcome.",
        20,
    ),
    (
        9,
        11,
        3,
        "Recovery walk along the coast",
        Level.GROUP,
        "peer-led",
        "A gentle walk with people who have been there. Lunch at the end.",
        25,
    ),
    (
        13,
        14,
        2,
        "Drop-in recovery café",
        Level.GROUP,
        "user-led-organisations",
        "Tea, toast and a chat. Come for ten minutes or stay all afternoon.",
        None,
    ),
    (
        17,
        18,
        2,
        "Tell us about probation: evening feedback session",
        Level.INDIVIDUAL,
        "consultation-feedback",
        "A relaxed evening to talk about your time on probation, one to one or in a small group.",
        12,
    ),
    (
        23,
        10,
        6,
        "Launch day: the new community justice plan",
        Level.COLLECTIVE,
        "service-design-delivery",
        "See the plan that people who have been through it helped to write. Hear what happens next.",
        60,
    ),
    (
        30,
        13,
        3,
        "Creative writing workshop",
        Level.GROUP,
        "peer-led",
        "Write, draw or just listen. No experience needed.",
        10,
    ),
    (
        37,
        10,
        4,
        "Interview panel training",
        Level.COLLECTIVE,
        "recruitment-governance",
        "Learn how to sit on a panel that chooses new staff. Paid for your time.",
        8,
    ),
    (
        44,
        12,
        2,
        "Peer research: first meeting",
        Level.COLLECTIVE,
        "research-quality-monitoring",
        "Find out how you can learn to ask others about their lives, for a study that will change things.",
        15,
    ),
    (
        52,
        11,
        2,
        "Football and lunch",
        Level.GROUP,
        "peer-led",
        "Five-a-side football for anyone who wants a game, then lunch together.",
        16,
    ),
    (
        60,
        18,
        2,
        "Families' evening",
        Level.GROUP,
        "consultation-feedback",
        "For partners, parents and children of someone in prison or on an order. Tell us what would help you.",
        20,
    ),
    (
        71,
        10,
        5,
        "Exhibition: Our Journeys",
        Level.COLLECTIVE,
        "user-led-organisations",
        "Art, photos and writing by people who have been through it. It is free to come in.",
        None,
    ),
    (
        82,
        14,
        2,
        "Council meeting: you said, we did",
        Level.COLLECTIVE,
        "forums-councils-panels",
        "Hear what changed because of what people told us, and what did not and why.",
        30,
    ),
    (
        -10,
        10,
        2,
        "Winter recovery walk",
        Level.GROUP,
        "peer-led",
        "A walk in the park, then soup.",
        20,
    ),
    (
        -24,
        13,
        3,
        "Service user forum: December meeting",
        Level.COLLECTIVE,
        "forums-councils-panels",
        "The forum's last meeting of the year.",
        20,
    ),
    (
        -40,
        11,
        2,
        "Survey launch coffee morning",
        Level.INDIVIDUAL,
        "consultation-feedback",
        "Coffee and a chat to start this year's survey about our service.",
        None,
    ),
    (
        -55,
        10,
        6,
        "Peer mentoring celebration day",
        Level.GROUP,
        "peer-led",
        "A party for the mentors who have finished their training.",
        40,
    ),
]

# Where each event is, what it belongs to, and its other facts. The area decides the
# group that runs it (PING in South, M.A.D in North, CVN in East Ayrshire) and the venue.
# title: (area, related opportunity title or None, who, payment, amount, what you get)
EVENT_DETAILS = {
    "Service user forum: open meeting": (
        "north-ayrshire",
        "Join the service-user forum",
        "lived-experience",
        "expenses",
        "",
        "Lunch\nA say in what changes",
    ),
    "Recovery walk along the coast": (
        "south-ayrshire",
        "Organise the recovery walk",
        "anyone",
        "none",
        "",
        "Lunch at the end\nCompany",
    ),
    "Drop-in recovery café": (
        "north-ayrshire",
        "Help run the recovery café",
        "anyone",
        "none",
        "",
        "Tea and toast",
    ),
    "Tell us about probation: evening feedback session": (
        "east-ayrshire",
        "Leaving prison: a short questionnaire",
        "lived-experience",
        "voucher",
        "A £10 shop voucher",
        "A £10 shop voucher\nA hot drink",
    ),
    "Launch day: the new community justice plan": (
        "south-ayrshire",
        "Have your say on the community justice plan",
        "anyone",
        "none",
        "",
        "Lunch",
    ),
    "Creative writing workshop": (
        "south-ayrshire",
        "Creative arts group",
        "lived-experience families",
        "none",
        "",
        "A notebook to keep",
    ),
    "Interview panel training": (
        "north-ayrshire",
        "Help choose new staff",
        "lived-experience",
        "paid",
        "£15 an hour",
        "£15 an hour\nA certificate\nLunch",
    ),
    "Peer research: first meeting": (
        "east-ayrshire",
        "Peer research: ask others about housing",
        "lived-experience",
        "expenses",
        "",
        "Lunch",
    ),
    "Football and lunch": (
        "east-ayrshire",
        "Football on a Wednesday",
        "lived-experience",
        "none",
        "",
        "A game\nLunch",
    ),
    "Families' evening": (
        "east-ayrshire",
        "Family support group",
        "families",
        "expenses",
        "",
        "A meal\nPeople who understand",
    ),
    "Exhibition: Our Journeys": (
        "north-ayrshire",
        "Put on an exhibition",
        "anyone",
        "none",
        "",
        "",
    ),
    "Council meeting: you said, we did": (
        "east-ayrshire",
        "Community justice council",
        "lived-experience",
        "expenses",
        "",
        "Lunch",
    ),
    "Winter recovery walk": (
        "south-ayrshire",
        "Organise the recovery walk",
        "anyone",
        "none",
        "",
        "Soup",
    ),
    "Service user forum: December meeting": (
        "north-ayrshire",
        "Join the service-user forum",
        "lived-experience",
        "expenses",
        "",
        "",
    ),
    "Survey launch coffee morning": (
        "south-ayrshire",
        "Rate the service you got",
        "anyone",
        "none",
        "",
        "",
    ),
    "Peer mentoring celebration day": (
        "south-ayrshire",
        "Become a peer mentor",
        "lived-experience families",
        "none",
        "",
        "",
    ),
}
VENUE_FOR_AREA = {
    "north-ayrshire": "Townhead Community Centre",
    "east-ayrshire": "The Recovery Hub",
    "south-ayrshire": "Riverside Library",
}

# The first two demo events fill up so that the waiting list can be seen.
FULL_EVENT_INDEXES = (0, 3)


def _areas_and_groups():
    """Areas and their groups by area slug, made if the catalogue's demo has not run."""
    areas = {spec["slug"]: get_or_create_by_slug(Area, spec) for spec in AREAS}
    groups_by_slug = {spec["slug"]: get_or_create_by_slug(OrganisingGroup, spec) for spec in GROUPS}
    return areas, {area: groups_by_slug[group] for area, group in GROUP_FOR_AREA.items()}


def create_event_index(home):
    index = EventIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(**EVENT_INDEX))
    return index


def create_demo_content(stdout, options):
    home = HomePage.objects.first()
    if home is None:
        return None
    index = create_event_index(home)
    venues = {
        venue["name"]: Venue.objects.get_or_create(name=venue["name"], defaults=venue)[0]
        for venue in VENUES
    }
    areas, group_for_area = _areas_and_groups()
    types = {engagement.slug: engagement for engagement in EngagementType.objects.all()}
    today = timezone.localdate()
    created = 0
    for days, hour, hours, title, level, type_slug, summary, capacity in EVENTS:
        slug = slugify(title)[:80]
        if EventPage.objects.filter(slug=slug).exists():
            continue
        start_day = today + datetime.timedelta(days=days)
        start = timezone.make_aware(datetime.datetime.combine(start_day, datetime.time(hour)))
        area_slug, related_title, who, payment, amount, gets = EVENT_DETAILS[title]
        area = areas[area_slug]
        related = (
            OpportunityPage.objects.live().filter(title=related_title).first()
            if related_title
            else None
        )
        event = EventPage(
            title=title,
            slug=slug,
            summary=summary,
            level=level,
            engagement_type=types[type_slug],
            area=area,
            organising_group=group_for_area[area_slug],
            venue=venues[VENUE_FOR_AREA[area_slug]],
            start=start,
            end=start + datetime.timedelta(hours=hours),
            capacity=capacity,
            who_can_take_part="Anyone who has been in prison or on probation, and their families.",
            food_and_travel="Tea, coffee and a light lunch. Bring your bus ticket and we pay it back on the day.",
            support_travel=True,
            support_food=True,
            support_accessible_venue=True,
            support_peer=level != Level.INDIVIDUAL,
            motivation_belonging=level != Level.INDIVIDUAL,
            motivation_giving_back=level == Level.COLLECTIVE,
            motivation_development=True,
            format_in_person=True,
            related_opportunity=related,
            payment=payment,
            payment_amount=amount,
            what_you_get=gets,
            **{field: value in who.split() for value, (field, _label) in WHO.items()},
        )
        index.add_child(instance=event)
        created += 1
    filled = fill_demo_events(index)
    stdout.write(
        f"Events: {created} added, {EventPage.objects.count()} in all; "
        f"{filled} demo sign-ups fill two events so the waiting list shows."
    )
    return index


def fill_demo_events(index):
    """Give the chosen demo events as many (made-up) sign-ups as they have places."""
    events = list(EventPage.objects.child_of(index).order_by("start"))
    upcoming = [event for event in events if not event.is_past]
    created = 0
    for position in FULL_EVENT_INDEXES:
        if position >= len(upcoming):
            continue
        event = upcoming[position]
        missing = (event.capacity or 0) - SignUp.objects.filter(page=event).count()
        for number in range(max(missing, 0)):
            SignUp.objects.create(
                page=event,
                page_title=event.title,
                preferred_name=f"Demo person {number + 1}",
                contact_method=ContactMethod.EMAIL,
                contact_detail=f"demo-{event.pk}-{number + 1}@example.org",
                consent=True,
                privacy_notice_version="demo",
            )
            created += 1
    return created


def demo_event_numbers():
    """How many demo events lie ahead and behind today (used by tests)."""
    ahead = sum(1 for days, *_ in EVENTS if days >= 0)
    return ahead, len(EVENTS) - ahead
