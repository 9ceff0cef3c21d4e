"""What the fault tests share: every one of them is slow (CI runs them in its PostgreSQL pass)."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/faults/" in str(item.path):
            item.add_marker(pytest.mark.slow)
