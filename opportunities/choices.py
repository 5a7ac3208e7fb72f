"""Fixed vocabularies of the catalogue, and the plain words the public sees for them.

Values are stable (they appear in URLs such as ``/opportunities/?level=group``).
Every public label lives here, in plain English for a reading age of about nine, so
the filters, the cards, the facts on each page and the chooser all say the same
thing. Where the research has its own word for something (``Collective``, ``peer
support``), it is kept as a short secondary note for people who know it.
"""

from django.db import models


class Level(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    GROUP = "group", "Group"
    COLLECTIVE = "collective", "Collective"


LEVEL_DESCRIPTIONS = {
    Level.INDIVIDUAL: (
        "Just you. Tell us what you think of a service, fill in a short survey or talk "
        "through how things went for you. A gentle first step."
    ),
    Level.GROUP: (
        "You and others. Join a walking group, an art group, a breakfast club or a "
        "group where people help each other along."
    ),
    Level.COLLECTIVE: (
        "Change things for everyone. Meet with the people in charge, help choose and "
        "train staff, ask others what they think, or help plan a service."
    ),
}


# Level -> (plain label, the research term shown after it in smaller text).
LEVEL_LABELS = {
    Level.INDIVIDUAL: ("Just you", "Individual"),
    Level.GROUP: ("With others", "Group"),
    Level.COLLECTIVE: ("Changing things for everyone", "Collective"),
}


def level_label(level):
    """The plain public label of a level value, e.g. "With others" for "group"."""
    return LEVEL_LABELS[level][0] if level in LEVEL_LABELS else ""


def level_choices():
    return [(level.value, LEVEL_LABELS[level][0]) for level in Level]


def levels_for_display():
    """The three levels with plain label, research term and description, in order."""
    return [
        {
            "value": level.value,
            "label": LEVEL_LABELS[level][0],
            "term": LEVEL_LABELS[level][1],
            "description": LEVEL_DESCRIPTIONS[level],
        }
        for level in Level
    ]


# The seven types of engagement are snippets editors can rename; these are the plain
# labels of the seven seeded by migration 0002, by slug. A type an editor adds shows
# its own name. The snippet's name (the research term) is shown as secondary text.
TYPE_LABELS = {
    "consultation-feedback": "Tell us what you think",
    "forums-councils-panels": "Meet and speak up",
    "peer-led": "Help each other",
    "service-design-delivery": "Plan and run a service",
    "recruitment-governance": "Choose staff and run things",
    "research-quality-monitoring": "Find things out and check",
    "user-led-organisations": "Groups run by people like you",
}


def next_level(level):
    """The level one step further along the continuum, or None at the end."""
    order = list(Level.values)
    index = order.index(level)
    return order[index + 1] if index + 1 < len(order) else None


class Commitment(models.TextChoices):
    DROP_IN = "drop-in", "Drop in when you like"
    ONE_OFF = "one-off", "One time only"
    FEW_WEEKS = "few-weeks", "A few weeks"
    ONGOING = "ongoing", "Ongoing"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    FULL = "full", "Full"
    CLOSED = "closed", "Closed"


class Payment(models.TextChoices):
    """Whether taking part pays. Stored on every opportunity and event."""

    NONE = "none", "No pay"
    EXPENSES = "expenses", "Costs paid back"
    VOUCHER = "voucher", "A voucher"
    PAID = "paid", "Paid"


PAYMENT_DESCRIPTIONS = {
    Payment.NONE: "You give your time for free. This is volunteering.",
    Payment.EXPENSES: "We pay back what it costs you to come, like a bus fare.",
    Payment.VOUCHER: "You get a shop voucher to say thank you.",
    Payment.PAID: "You get paid money for your time.",
}

DISCLOSURE_LABELS = {
    True: "You need a record check first",
    False: "No record check",
}
DISCLOSURE_DESCRIPTION = (
    "A record check means we ask Disclosure Scotland what is on your criminal record. "
    "Having a record does not stop you taking part. We talk it through with you first."
)


# Things that can be ticked more than once are stored as one boolean column each:
# portable across SQLite and PostgreSQL, cheap to filter and indexable for search.
# Each entry: URL value -> (model field name, label shown to the public).
FORMATS = {
    "in-person": ("format_in_person", "In person"),
    "online": ("format_online", "Online"),
    "phone": ("format_phone", "By phone"),
    "in-custody": ("format_in_custody", "In prison"),
}

SUPPORT = {
    "travel": ("support_travel", "Bus fares paid"),
    "food": ("support_food", "Food"),
    "training": ("support_training", "Help to get ready"),
    "accessible": ("support_accessible_venue", "Easy to get in"),
    "peer": ("support_peer", "Help from people who have been there"),
    "recognition": ("support_recognition", "Thanks for your time"),
}

MOTIVATIONS = {
    "development": ("motivation_development", "Learn new skills"),
    "purpose": ("motivation_purpose", "Something to do each week"),
    "belonging": ("motivation_belonging", "Meet people and belong"),
    "giving-back": ("motivation_giving_back", "Give something back"),
}

# When an opportunity happens. Opportunities tick these; an event's is worked out from
# its start (see EventPage.when_values): evening from 17:00 UK time, weekend on
# Saturday and Sunday, daytime otherwise.
EVENING_STARTS_AT = 17
WHEN = {
    "daytime": ("when_daytime", "Weekday daytime"),
    "evening": ("when_evening", "Weekday evening"),
    "weekend": ("when_weekend", "Weekend"),
}

# Who can take part. "anyone" is open to everyone, so it matches every "who" filter.
WHO = {
    "lived-experience": ("who_lived_experience", "People who have been through it"),
    "families": ("who_families", "Family and friends"),
    "anyone": ("who_anyone", "Anyone"),
}

# A short plain note after a label, where a word needs explaining or the research
# term helps people who know it. Keyed by URL value; shown in smaller text.
EXPLAINED = {
    "in-custody": "For people in custody now",
    "training": "Training or a chat before you start",
    "accessible": "Step-free, with an accessible toilet",
    "peer": "Peer support",
    "recognition": "A certificate, a reference or a thank-you gift",
    "development": "Personal growth",
    "purpose": "Purpose and routine",
    "belonging": "Belonging",
    "lived-experience": "Prison, probation or a court order",
}


class ContactMethod(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    WORKER = "worker", "Through my support or key worker"
