"""Fixed vocabularies of the catalogue.

Values are stable (they appear in URLs such as ``/opportunities/?level=group``);
labels and descriptions are plain English for a reading age of about nine.
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
        "You and others. Join a walking group, a creative group, a breakfast club or "
        "a mutual-aid group, and help each other along."
    ),
    Level.COLLECTIVE: (
        "Change things for everyone. Sit on a forum or council, help choose and train "
        "staff, do peer research or help design a service."
    ),
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


# Things that can be ticked more than once are stored as one boolean column each:
# portable across SQLite and PostgreSQL, cheap to filter and indexable for search.
# Each entry: URL value -> (model field name, label shown to the public).
FORMATS = {
    "in-person": ("format_in_person", "In person"),
    "online": ("format_online", "Online"),
    "phone": ("format_phone", "By phone"),
    "in-custody": ("format_in_custody", "In prison (in custody)"),
}

SUPPORT = {
    "travel": ("support_travel", "Travel costs paid"),
    "food": ("support_food", "Food provided"),
    "training": ("support_training", "Training or preparation"),
    "accessible": ("support_accessible_venue", "Accessible venue"),
    "peer": ("support_peer", "Peer support"),
    "recognition": ("support_recognition", "Recognition for your time"),
}

MOTIVATIONS = {
    "development": ("motivation_development", "Learn and grow (personal development)"),
    "purpose": ("motivation_purpose", "Purpose and routine"),
    "belonging": ("motivation_belonging", "Belonging and friendship"),
    "giving-back": ("motivation_giving_back", "Giving something back"),
}
