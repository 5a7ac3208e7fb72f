import pytest

from tests.load.conftest import SERVERS


def pytest_collection_modifyitems(items):
    """The benchmark is slow and starts gunicorn: CI runs it, ``make test-fast`` does
    not, and it waits its turn with the other tests that start servers."""
    for item in items:
        if item.path.parent.name == "benchmark":
            item.add_marker(pytest.mark.slow)
            item.add_marker(SERVERS)
