"""The idea box at /ideas/, and made-up ideas in every state.

One idea became a "you said, we did" record; the person who sent it left a mobile
number, so loading the demo prints their "what came of it" text on the console (the
development text backend). Numbers are from the range Ofcom keeps for examples.
"""

import datetime

from django.utils import timezone

from opportunities.models import Area
from opportunities.models.signups import ContactMethod
from portal.models import HomePage

from .choices import ChangeStatus
from .models import ChangeRecord, Idea, IdeaBoxPage, IdeaStatus

IDEA_BOX = {
    "title": "Idea box",
    "slug": "ideas",
    "intro": "Tell us what should change in a service: probation, a prison, a group or this "
    "website. You can stay anonymous.",
}

IDEAS = [
    {
        "idea": "The probation office should have a board with pictures of who is who.",
        "service": "Probation office",
        "status": IdeaStatus.NEW,
        "days_ago": 2,
    },
    {
        "idea": "Please put the times of groups on paper we can take away.",
        "service": "Peer support group",
        "status": IdeaStatus.NEW,
        "days_ago": 5,
        "preferred_name": "Dee",
        "contact_method": ContactMethod.TEXT,
        "contact_detail": "07700 900471",
    },
    {
        "idea": "Visits should be easier to book for families who work shifts.",
        "service": "Prison visits",
        "status": IdeaStatus.LOOKING,
        "days_ago": 16,
        "preferred_name": "Mo",
        "contact_method": ContactMethod.EMAIL,
        "contact_detail": "mo@example.org",
    },
    {
        "idea": "The job centre and probation should talk to each other about appointments.",
        "service": "Job centre",
        "status": IdeaStatus.PASSED_ON,
        "passed_to": "Local job centre manager",
        "days_ago": 40,
    },
    {
        "idea": "Have a phone number you can text instead of calling. Calling is hard for me.",
        "service": "This website",
        "status": IdeaStatus.CHANGED,
        "days_ago": 70,
        "preferred_name": "Kit",
        "contact_method": ContactMethod.TEXT,
        "contact_detail": "07700 900472",
        "change": {
            "you_said": "A number you can text, for people who find phone calls hard.",
            "we_did": "You can now text the team on the number at the bottom of every page.",
            "status": ChangeStatus.DONE,
        },
    },
    {
        "idea": "Open the office on Saturday mornings.",
        "service": "Probation office",
        "status": IdeaStatus.NOT_TAKEN_FORWARD,
        "reason_not_taken_forward": "The building is shared and closed at weekends. We added "
        "an evening phone line instead.",
        "days_ago": 55,
        "preferred_name": "Jay",
        "contact_method": ContactMethod.WORKER,
        "worker_name": "Demo key worker",
        "worker_contact": "keyworker@example.org",
    },
]


def create_idea_box(home):
    page = IdeaBoxPage.objects.first()
    if page is None:
        page = IdeaBoxPage(**IDEA_BOX)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def create_ideas():
    if Idea.objects.exists():
        return 0
    areas = list(Area.objects.order_by("pk"))
    now = timezone.now()
    for number, spec in enumerate(IDEAS):
        spec = dict(spec)
        change = spec.pop("change", None)
        days_ago = spec.pop("days_ago")
        idea = Idea(
            **spec,
            area=areas[number % len(areas)] if areas else None,
            consent=bool(spec.get("contact_method")),
            privacy_notice_version="demo",
            created_at=now - datetime.timedelta(days=days_ago),
        )
        if change:
            idea.change_record = ChangeRecord.objects.create(
                **change, date=timezone.localdate() - datetime.timedelta(days=days_ago - 10)
            )
        idea.save()
    return len(IDEAS)


def create_demo_content(stdout, options):
    home = HomePage.objects.first()
    if home is None:
        return
    create_idea_box(home)
    created = create_ideas()
    if created:
        stdout.write(f"The idea box at /ideas/, with {created} made-up ideas.")
