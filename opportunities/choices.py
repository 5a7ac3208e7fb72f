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
