import pytest


def pytest_collection_modifyitems(items):
    """The benchmark smoke test is slow: CI runs it, ``make test-fast`` does not."""
    for item in items:
        if item.path.parent.name == "benchmark":
            item.add_marker(pytest.mark.slow)
