"""Site-wide views."""
