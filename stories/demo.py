"""Demo content for stories: the stories listing, eight stories, 'You said, we did'.

Idempotent: pages are looked up by slug and change records by their first words,
so running ``load_demo_content`` again adds only what is missing. The catalogue's
demo runs first; change records and stories link to its opportunities when they
exist, and are created without links when they do not.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from opportunities.choices import Level
from opportunities.models import OpportunityPage
from portal.environment import is_local
from portal.models import HomePage

from .choices import ChangeStatus, ConsentMethod
from .models import (
    ChangeRecord,
    ChangeRecordOpportunity,
    StoryIndexPage,
    StoryOpportunity,
    StoryPage,
    YouSaidWeDidPage,
)
from .moderation import MODERATORS, STORYTELLERS, set_up_story_moderation

DEMO_PASSWORD = "change-me-now"  # noqa: S105 - local demo only, printed on screen
DEMO_USERS = [
    # username, first name, group
    ("storyteller", "Sam", STORYTELLERS),
    ("moderator", "Morgan", MODERATORS),
]


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _quote(text):
    return {"type": "pull_quote", "value": {"quote": text}}


# Each story: slug, title, name (None: shared without a name), themes, level,
# engagement type of the opportunities it links to, days since it was published.
STORIES = [
    {
        "slug": "the-first-survey-i-ever-filled-in",
        "title": "The first survey I ever filled in",
        "display_name": "Dee",
        "themes": ["development"],
        "level": Level.INDIVIDUAL,
        "type": "consultation-feedback",
        "days_ago": 3,
        "summary": "I nearly threw it away. Then I saw they had changed something because of it.",
        "body": [
            _paragraph(
                "When my probation officer handed me a form, I thought nobody would read it. "
                "I filled it in anyway, on the bus home."
            ),
            _quote("Three months later the waiting room had a quiet corner. I asked for that."),
            _paragraph(
                "It was a small thing. But it was the first time I felt my words went somewhere."
            ),
        ],
    },
    {
        "slug": "walking-on-a-tuesday",
        "title": "Walking on a Tuesday",
        "display_name": "Ray",
        "themes": ["belonging", "purpose"],
        "level": Level.GROUP,
        "type": "peer-led",
        "days_ago": 10,
        "summary": "The walking group gave my week a shape, and gave me people to talk to.",
        "body": [
            _paragraph(
                "After I came out, the days were long and empty. A friend told me about a "
                "walking group that met every Tuesday by the canal."
            ),
            _paragraph(
                "Nobody asked about my past. We just walked and talked. Now I help lead the walk."
            ),
        ],
    },
    {
        "slug": "sitting-on-the-council",
        "title": "Sitting on the council",
        "display_name": "J. K.",
        "themes": ["giving-back", "development"],
        "level": Level.COLLECTIVE,
        "type": "forums-councils-panels",
        "days_ago": 17,
        "summary": "I did not think people like me got a seat at the table. I was wrong.",
        "body": [
            _paragraph(
                "The council meets once a month. Staff listen, and they come back and tell us "
                "what they did with our ideas."
            ),
            _quote("Being listened to is a skill they had to learn too."),
        ],
    },
    {
        "slug": "breakfast-club",
        "title": "Why I keep going to breakfast club",
        "display_name": None,
        "themes": ["belonging"],
        "level": Level.GROUP,
        "type": "peer-led",
        "days_ago": 24,
        "content_note": "This story talks about feeling lonely and about drinking.",
        "summary": "A cup of tea and a bacon roll, and people who understand.",
        "body": [
            _paragraph(
                "I used to drink to fill the mornings. Breakfast club gave me somewhere to be "
                "at nine o'clock, with people who had been where I had been."
            ),
            _paragraph("Some weeks it is the only time I talk to anyone. That matters."),
        ],
    },
    {
        "slug": "helping-choose-staff",
        "title": "Helping to choose new staff",
        "display_name": "Marcus",
        "themes": ["giving-back", "purpose"],
        "level": Level.COLLECTIVE,
        "type": "recruitment-governance",
        "days_ago": 31,
        "summary": "I sat on an interview panel for new probation staff. They wanted to know what I thought.",
        "body": [
            _paragraph(
                "We had training first, so I knew what to do. On the day I asked my own "
                "question: how would you talk to someone who has given up?"
            ),
            _quote("The person we chose gave the best answer to my question."),
        ],
    },
    {
        "slug": "peer-research",
        "title": "Asking the questions for once",
        "display_name": "Priya",
        "themes": ["development", "giving-back"],
        "level": Level.COLLECTIVE,
        "type": "research-quality-monitoring",
        "days_ago": 38,
        "summary": "As a peer researcher, I interviewed people about what helped them on licence.",
        "body": [
            _paragraph(
                "People told me things they would never tell an official. Because I had been "
                "there too, they trusted me."
            ),
            _paragraph("I learned how to run an interview and write up what I found."),
        ],
    },
    {
        "slug": "art-group",
        "title": "Painting again",
        "display_name": "Lou",
        "themes": ["purpose", "belonging"],
        "level": Level.GROUP,
        "type": "peer-led",
        "days_ago": 45,
        "summary": "I had not picked up a brush since school. Now my picture is in an exhibition.",
        "body": [
            _paragraph(
                "The creative group meets in the library. You do not have to be good. You "
                "just have to turn up."
            ),
            _quote("Seeing my painting on a wall, with my name under it, made me stand taller."),
        ],
    },
    {
        "slug": "mentoring",
        "title": "Being the person I needed",
        "display_name": "Chris",
        "themes": ["giving-back", "development"],
        "level": Level.COLLECTIVE,
        "type": "peer-led",
        "days_ago": 52,
        "summary": "Now I mentor people in their first weeks out. I remember how scary it was.",
        "body": [
            _paragraph(
                "I meet people at the gate, help with forms and just listen. I was trained "
                "for it, and I get support from the team too."
            ),
        ],
    },
]

# A draft waiting for consent: it shows the review path and stays off the site.
DRAFT_STORY = {
    "slug": "my-first-week-at-the-cafe",
    "title": "My first week at the recovery café",
    "display_name": "Tash",
    "themes": ["belonging"],
    "level": Level.GROUP,
    "summary": "A draft: the storyteller has not yet approved the final words.",
    "body": [_paragraph("I was nervous walking in. Someone made me a coffee without asking why.")],
}

CHANGE_RECORDS = [
    {
        "you_said": "The waiting room at the probation office is loud. It is hard to stay calm.",
        "we_did": "We made a quiet corner with soft chairs, and staff now call names more gently.",
        "status": ChangeStatus.DONE,
        "days_ago": 20,
        "type": "consultation-feedback",
    },
    {
        "you_said": "Travel money takes weeks to come through, so some people cannot come.",
        "we_did": "We now pay travel in cash on the day, or send a bus ticket in advance.",
        "status": ChangeStatus.DONE,
        "days_ago": 45,
        "type": "forums-councils-panels",
    },
    {
        "you_said": "Letters from probation are hard to read and full of jargon.",
        "we_did": "The service-user council is rewriting the five most common letters with staff.",
        "status": ChangeStatus.IN_PROGRESS,
        "days_ago": 12,
        "type": "forums-councils-panels",
    },
    {
        "you_said": "People in custody want to take part in the council too.",
        "we_did": "We will run a council meeting inside two prisons, starting next spring.",
        "status": ChangeStatus.PLANNED,
        "days_ago": 8,
        "type": "forums-councils-panels",
    },
    {
        "you_said": "Please hold the groups in the evening so people who work can come.",
        "we_did": "",
        "reason_not_doing": "The buildings we use close at six, and we cannot pay for a new "
        "venue this year. We have added a phone group on Thursday evenings instead.",
        "status": ChangeStatus.NOT_DOING,
        "days_ago": 30,
        "type": "peer-led",
    },
    {
        "you_said": "Interview panels should include someone with lived experience every time.",
        "we_did": "Every probation staff interview panel in the area now has a lived-experience member.",
        "status": ChangeStatus.DONE,
        "days_ago": 60,
        "type": "recruitment-governance",
    },
]


def _opportunities_by_type():
    """Live demo opportunities grouped by engagement-type slug (may be empty)."""
    grouped = {}
    for page in OpportunityPage.objects.live().select_related("engagement_type").order_by("pk"):
        grouped.setdefault(page.engagement_type.slug, []).append(page)
    return grouped


STORY_INDEX = {
    "title": "Stories",
    "slug": "stories",
    "show_in_menus": True,
    "summary": "People who took part tell you, in their own words, what it was like.",
    "intro": (
        "Real stories from people who have taken part. Some use a made-up name, and some "
        "share without a name. Every story is shared with the storyteller's permission."
    ),
}
YOU_SAID_WE_DID_PAGE = {
    "title": "You said, we did",
    "slug": "you-said-we-did",
    "show_in_menus": True,
    "summary": "What people told us, what we changed because of it, and what we could not change.",
    "intro": (
        "When you take part, you tell us what works and what does not. Here is what we "
        "did about it. When we could not make a change, we say why."
    ),
}


def create_pages(home):
    index = StoryIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=StoryIndexPage(**STORY_INDEX))
    set_up_story_moderation(index)
    changes_page = YouSaidWeDidPage.objects.first()
    if changes_page is None:
        changes_page = home.add_child(instance=YouSaidWeDidPage(**YOU_SAID_WE_DID_PAGE))
    return index, changes_page


def _new_story(index, spec, owner):
    story = StoryPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        content_note=spec.get("content_note", ""),
        body=spec["body"],
        display_name=spec["display_name"] or "",
        show_no_name=spec["display_name"] is None,
        level=spec["level"],
        owner=owner,
        live=False,
        **{f"theme_{value.replace('-', '_')}": True for value in spec["themes"]},
    )
    index.add_child(instance=story)
    return story


def create_stories(index, opportunities, owner):
    existing = set(StoryPage.objects.child_of(index).values_list("slug", flat=True))
    today = timezone.localdate()
    created = 0
    for spec in STORIES:
        if spec["slug"] in existing:
            continue
        story = _new_story(index, spec, owner)
        story.consent_date = today - datetime.timedelta(days=spec["days_ago"] + 14)
        story.consent_method = ConsentMethod.WRITTEN if created % 2 else ConsentMethod.VERBAL
        story.storyteller_approved = True
        # One story is due for its consent check, so the admin report has something in it.
        story.consent_review_date = (
            today - datetime.timedelta(days=1)
            if spec["slug"] == "mentoring"
            else story.consent_date + datetime.timedelta(days=365)
        )
        story.opportunity_links = [
            StoryOpportunity(opportunitypage=opportunity)
            for opportunity in opportunities.get(spec["type"], [])[:2]
        ]
        story.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
        published_at = timezone.now() - datetime.timedelta(days=spec["days_ago"])
        StoryPage.objects.filter(pk=story.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        created += 1
    if DRAFT_STORY["slug"] not in existing:
        _new_story(index, DRAFT_STORY, owner).save_revision(user=owner)
    return created


def create_change_records(opportunities):
    today = timezone.localdate()
    created = 0
    for spec in CHANGE_RECORDS:
        if ChangeRecord.objects.filter(you_said=spec["you_said"]).exists():
            continue
        record = ChangeRecord(
            you_said=spec["you_said"],
            we_did=spec["we_did"],
            reason_not_doing=spec.get("reason_not_doing", ""),
            status=spec["status"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
        )
        record.opportunity_links = [
            ChangeRecordOpportunity(opportunitypage=opportunity)
            for opportunity in opportunities.get(spec["type"], [])[:2]
        ]
        record.save()
        created += 1
    return created


def create_demo_users():
    """A storyteller and a moderator for trying the review path. Returns the new usernames."""
    User = get_user_model()
    created = []
    for username, first_name, group_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@example.org",
                DEMO_PASSWORD,
                first_name=first_name,
                last_name="Demo",
            )
            created.append(username)
        user.groups.add(Group.objects.get(name=group_name))
    return created


def create_demo_content(stdout, options):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Stories: no home page yet, so no stories were added.")
        return None
    index, _ = create_pages(home)
    # Demo users (published password) only on a laptop; on a server stories have no owner.
    demo_users = DEMO_USERS if is_local() else []
    new_users = create_demo_users() if demo_users else []
    owner = get_user_model().objects.get(username=DEMO_USERS[0][0]) if demo_users else None
    opportunities = _opportunities_by_type()
    stories = create_stories(index, opportunities, owner)
    records = create_change_records(opportunities)
    stdout.write(
        f"Stories: {stories} stories and {records} 'you said, we did' records added "
        f"({'linked to' if opportunities else 'no'} demo opportunities)."
    )
    for username, _, group_name in demo_users:
        if username in new_users:
            stdout.write(
                f"Created a {group_name} user for local use: log in at /admin/ as "
                f"'{username}' with password '{DEMO_PASSWORD}'."
            )
        else:
            stdout.write(f"{group_name} user '{username}' already exists; password unchanged.")
    return index
