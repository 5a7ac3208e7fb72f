"""A year of made-up sign-ups, so the staff insights page has something to show.

Spread over the last twelve months across the demo's live opportunities and events,
with the statuses and first contacts a real year would have. The people are made up:
names from a short list, e-mail addresses at example.org and phone numbers from the
range Ofcom keeps for examples (07700 900000 to 07700 900999).
"""

import datetime
import random

from django.utils import timezone
from wagtail.models import Page

from .models import EventPage, OpportunityPage
from .models.signups import (
    REFERENCE_ALPHABET,
    ContactMethod,
    SignUp,
    SignUpStatus,
    SignUpStatusChange,
    Source,
)
from .working_days import add_working_days

MARKER = "demo-year"
SIGN_UPS = 360
NAMES = ["Sam", "Jo", "Alex", "Chris", "Pat", "Lee", "Kim", "Robin", "Jamie", "Ash"]
# How a year's sign-ups end up: mostly contacted or taking part, a few still new.
STATUSES = [
    (SignUpStatus.TAKING_PART, 40),
    (SignUpStatus.CONTACTED, 30),
    (SignUpStatus.NOT_GOING_AHEAD, 8),
    (SignUpStatus.WITHDRAWN, 7),
    (SignUpStatus.WAITING_LIST, 5),
    (SignUpStatus.NEW, 10),
]
METHODS = [ContactMethod.EMAIL, ContactMethod.PHONE, ContactMethod.TEXT, ContactMethod.WORKER]


def _contact(method, number):
    if method == ContactMethod.EMAIL:
        return {"contact_detail": f"person-{number}@example.org"}
    if method in (ContactMethod.PHONE, ContactMethod.TEXT):
        return {"contact_detail": f"07700 900{number % 1000:03d}"}
    return {"worker_name": "Demo worker", "worker_contact": f"worker-{number}@example.org"}


def _reference(chooser, taken):
    while True:
        letters = "".join(chooser.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"{letters[:3]}-{letters[3:]}"
        if reference not in taken:
            taken.add(reference)
            return reference


def create_demo_content(stdout, options):
    if SignUp.objects.filter(privacy_notice_version=MARKER).exists():
        return 0
    pages = list(
        Page.objects.live().type(OpportunityPage, EventPage).order_by("pk").only("pk", "title")
    )
    if not pages:
        return 0
    chooser = random.Random(2026)  # the same year every time the demo is loaded
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    now = timezone.now()
    sign_ups, changes = [], []
    taken = set(SignUp.objects.values_list("reference", flat=True))
    for number in range(SIGN_UPS):
        page = chooser.choice(pages)
        method = chooser.choice(METHODS)
        received = now - datetime.timedelta(
            days=chooser.randint(0, 364), hours=chooser.randint(0, 9)
        )
        status = chooser.choice(statuses)
        sign_ups.append(
            SignUp(
                page_id=page.pk,
                page_title=page.title,
                reference=_reference(chooser, taken),
                preferred_name=chooser.choice(NAMES),
                contact_method=method,
                consent=True,
                privacy_notice_version=MARKER,
                source=chooser.choice([Source.ONLINE] * 8 + [Source.PHONE, Source.PAPER]),
                status=status,
                created_at=received,
                **_contact(method, number),
            )
        )
    created = SignUp.objects.bulk_create(sign_ups)
    for sign_up in created:
        if sign_up.status == SignUpStatus.NEW:
            continue
        # First contact within a few working days, now and then late.
        days = chooser.choice([1, 1, 2, 2, 3, 3, 4, 5, 5, 7, 9])
        contacted = timezone.make_aware(
            datetime.datetime.combine(
                add_working_days(timezone.localdate(sign_up.created_at), days),
                datetime.time(11),
            )
        )
        if contacted > now:
            contacted = now
        changes.append(
            SignUpStatusChange(
                sign_up=sign_up,
                changed_at=contacted,
                from_status=SignUpStatus.NEW,
                to_status=sign_up.status,
            )
        )
    SignUpStatusChange.objects.bulk_create(changes)
    stdout.write(f"{len(created)} made-up sign-ups over the last year, for the insights page.")
    return len(created)
