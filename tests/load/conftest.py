import pytest


def pytest_collection_modifyitems(items):
    """Everything here is slow: CI runs it, ``make test-fast`` leaves it out."""
    for item in items:
        if item.path.parent.name == "load":
            item.add_marker(pytest.mark.slow)
