"""Small-number suppression for the insights page and its CSV: rounding.

Every count from 1 to 4 shows as "fewer than 5". Every other count, and every total,
is rounded to the nearest 5 on its own (0 stays 0). Because totals are rounded
independently of the cells they add up, a hidden cell cannot be worked out by taking
the shown cells away from a shown total: the answer is always uncertain by more than
the hidden cell could be. Rounding was chosen over secondary suppression because it
works the same way for any table shape (months by level, by type, by area, by group,
with row and column totals) without having to hide extra cells, and it is a pure
function of one number, so the page and the CSV cannot disagree.

Percentages and medians worked out from fewer than 5 records are not shown at all.
"""

import statistics

THRESHOLD = 5
FEWER_THAN = "fewer than 5"
TOO_FEW = "too few to show"
METHOD_SENTENCE = (
    'To protect people\'s privacy, counts from 1 to 4 show as "fewer than 5" and all other '
    "counts and totals are rounded to the nearest 5 on their own, so totals may not add up."
)


def is_suppressed(count):
    """True for a count that must not be shown (1 to 4)."""
    return 0 < count < THRESHOLD


def rounded(count):
    """A count rounded to the nearest 5 (0 stays 0); ``None`` when it must be hidden."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if is_suppressed(count):
        return None
    return (count + 2) // 5 * 5


def safe_count(count):
    """A count as it may be shown: "fewer than 5", or rounded to the nearest 5."""
    value = rounded(count)
    return FEWER_THAN if value is None else value


def enough(records):
    """Whether a share or a median may be worked out from this many records."""
    return records >= THRESHOLD


def safe_share(part, whole):
    """A percentage such as "80%", or "too few to show" below 5 records."""
    if not enough(whole):
        return TOO_FEW
    return f"{round(100 * part / whole)}%"


def safe_median(values):
    """The median of a list of numbers as text, or "too few to show" below 5 values."""
    if not enough(len(values)):
        return TOO_FEW
    return f"{statistics.median(values):g}"
