"""How a storyteller's own "I agree" tick becomes the consent record moderators check."""

from django.utils import timezone

from .choices import ConsentMethod


def consent_from_tick(agrees, consent_date, consent_method):
    """The consent date and method to keep, given the storyteller's "I agree" tick.

    Ticking the box records consent on that day, unless staff already recorded it
    another way. Unticking it takes back consent that came from the tick.
    """
    if agrees and not consent_date and not consent_method:
        return timezone.localdate(), ConsentMethod.TICKED
    if not agrees and consent_method == ConsentMethod.TICKED:
        return None, ""
    return consent_date, consent_method
