import pytest


def pytest_collection_modifyitems(items):
    """The benchmark smoke test is slow: ``make test-fast`` leaves it out. Its answer does
    not depend on the database, so it is also marked ``once``: CI runs it in one pass."""
    for item in items:
        if item.path.parent.name == "benchmark":
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.once)
