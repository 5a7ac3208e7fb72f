"""The insights page for staff (``/admin/insights/``): counts of sign-ups, suppressed."""
