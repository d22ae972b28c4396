"""Packaging: files the code loads at run time are listed as package data."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _package_data_patterns() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]["package-data"]["tuitrain"]


def _shipped(relative: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def test_bundled_data_is_package_data():
    patterns = _package_data_patterns()
    bundled = sorted((ROOT / "tuitrain" / "data" / "bundled").iterdir())
    assert bundled
    unshipped = [p.name for p in bundled if not _shipped(f"data/bundled/{p.name}", patterns)]
    assert unshipped == []


def test_stylesheets_are_package_data():
    patterns = _package_data_patterns()
    sheets = [p.relative_to(ROOT / "tuitrain").as_posix() for p in (ROOT / "tuitrain").rglob("*.tcss")]
    unshipped = [s for s in sheets if not _shipped(s, patterns)]
    assert unshipped == []


def test_console_script_points_to_main():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["tuitrain"] == "tuitrain.cli:main"
