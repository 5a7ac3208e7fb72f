"""Working days, for the reply we promise after a sign-up, and where a day starts.

A working day is Monday to Friday and not a bank holiday where the team works
(``BANK_HOLIDAYS`` in the settings: a country code and, for the UK, the nation, e.g.
"GB-SCT" for Scotland, "GB-ENG" for England). The dates come from the ``holidays``
package, which keeps each year's substitute days ("Boxing Day (observed)") and one-off
holidays.
"""

import datetime
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone


@cache
def bank_holidays(region):
    country, _, subdivision = region.partition("-")
    return holidays.country_holidays(country, subdiv=subdivision or None)


def is_working_day(day):
    region = getattr(settings, "BANK_HOLIDAYS", "GB-SCT")
    return day.weekday() < 5 and (not region or day not in bank_holidays(region))


def add_working_days(start, days):
    """The date ``days`` working days after ``start``."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def start_of(day):
    """The first moment of ``day`` in the site's time zone: what "received on or after
    ``day``" counts from, in the lists' filters and on the insights page."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
