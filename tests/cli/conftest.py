"""Helpers for the command-line tests: run ``python -m tuitrain`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "cases"


def tuitrain_env(**extra: str) -> dict[str, str]:
    """Return an environment with English messages and this checkout on the path."""
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


@pytest.fixture
def run(tmp_path):
    """Run tuitrain with the given arguments in tmp_path and return the CompletedProcess."""

    def run_tuitrain(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tuitrain", *args],
            cwd=tmp_path, env=env or tuitrain_env(), capture_output=True, text=True,
            encoding="utf-8", timeout=timeout,
        )

    return run_tuitrain


@pytest.fixture
def case():
    """Return the path, as text, of a file in tests/cases."""
    return lambda name: str(CASES / name)
