"""Shared helpers for the tests of tuitrain.data."""

from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent.parent / "cases"


@pytest.fixture
def case():
    """Return the path, as text, of a file in tests/cases."""
    return lambda name: str(CASES / name)


@pytest.fixture
def write_file(tmp_path):
    """Write text or bytes to a file in tmp_path and return its path as text."""

    def write(name, content):
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return str(path)

    return write
