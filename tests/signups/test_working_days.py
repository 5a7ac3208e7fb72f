"""Reply-by dates, counted by hand across weekends and bank holidays."""

import datetime

import pytest

from opportunities.working_days import add_working_days


@pytest.mark.parametrize(
    ("region", "start", "days", "expected"),
    [
        # Friday to the next Friday: the weekend does not count.
        ("GB-SCT", datetime.date(2027, 2, 5), 5, datetime.date(2027, 2, 12)),
        # New Year in Scotland: 1 January (Friday) and 2 January, kept on Monday 4th.
        ("GB-SCT", datetime.date(2026, 12, 30), 2, datetime.date(2027, 1, 5)),
        # England has no second day of New Year: Monday 4 January is a working day.
        ("GB-ENG", datetime.date(2026, 12, 30), 2, datetime.date(2027, 1, 4)),
        # St Andrew's Day (Monday 30 November 2026) is a holiday in Scotland only.
        ("GB-SCT", datetime.date(2026, 11, 27), 1, datetime.date(2026, 12, 1)),
        ("GB-ENG", datetime.date(2026, 11, 27), 1, datetime.date(2026, 11, 30)),
        # No region: weekdays only, Christmas Day included.
        ("", datetime.date(2026, 12, 24), 1, datetime.date(2026, 12, 25)),
    ],
)
def test_working_days_skip_weekends_and_the_regions_bank_holidays(
    settings, region, start, days, expected
):
    settings.BANK_HOLIDAYS = region

    assert add_working_days(start, days) == expected
