import pytest

# Tests that start gunicorn (and private database and Redis servers) run one after
# another on one test process, so two of them never share the machine's cores.
SERVERS = pytest.mark.xdist_group("servers")


def pytest_collection_modifyitems(items):
    """Everything here is slow: CI runs it, ``make test-fast`` leaves it out."""
    for item in items:
        if item.path.parent.name != "load":
            continue
        item.add_marker(pytest.mark.slow)
        if item.path.name in {"test_faults.py", "test_reliability.py"}:
            item.add_marker(SERVERS)
