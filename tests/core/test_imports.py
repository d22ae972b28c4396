"""The core must load without the user interface, the data loaders or the catalogs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import tuitrain

REPO = Path(tuitrain.__file__).resolve().parent.parent

SCRIPT = "import json, sys; import tuitrain.core; print(json.dumps(sorted(sys.modules)))"


def loaded_modules():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_core_import_loads_no_ui_or_data():
    modules = loaded_modules()
    assert "tuitrain.core" in modules
    for banned in ("textual", "rich", "plotext", "tuitrain.tui", "tuitrain.data", "tuitrain.locales"):
        hits = [m for m in modules if m == banned or m.startswith(banned + ".")]
        assert hits == [], f"import tuitrain.core loaded {hits}"
