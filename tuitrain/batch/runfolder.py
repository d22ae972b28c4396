"""The run folder of a ``--batch`` run: config, history, model and summary, each written atomically.

Layout::

    config.toml    the run's full config; ``tuitrain --batch --config config.toml`` replays it
    history.csv    epoch,loss,<metrics>,lr,seconds with floats in repr precision
    history.json   the same rows as a JSON list, NaN and infinity as null
    model.npz      model, optimizer state, scaler and labels (``experiment.save_model``)
    summary.json   final metrics, stop reason, epochs, steps, seconds, versions, data, model
"""

from __future__ import annotations

import csv
import io
import json
import platform
from datetime import datetime
from pathlib import Path

import numpy as np

import tuitrain
from tuitrain import messages
from tuitrain.batch.describe import data_description, json_safe, model_description
from tuitrain.core import ConfigError
from tuitrain.core.atomic import write_text
from tuitrain.experiment import Experiment, save_model

RUN_FILES = ("config.toml", "history.csv", "history.json", "model.npz", "summary.json")
"""Files of a run folder, in the order of the layout above."""

RUNS_DIR = "runs"
"""Parent folder of run folders, relative to the current directory."""


def create_run_folder(out: str | None, name: str, started: datetime, *, overwrite: bool = False) -> Path:
    """Create and return the run folder: ``out``, or a new ``runs/<YYYYmmdd-HHMMSS>-<name>``.

    A default folder that exists already gets a suffix (``-2``, ``-3``, ...), so two runs
    never share one. An ``out`` folder may exist. When it contains run files, they are
    replaced only with ``overwrite``, and otherwise ConfigError is raised before training.
    """
    if out is not None:
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ConfigError(messages.OUT_IS_A_FILE, path=out)
        earlier_files = [file for file in RUN_FILES if (folder / file).exists()]
        if earlier_files and not overwrite:
            raise ConfigError(messages.OUT_HAS_RUN, path=out, files=", ".join(earlier_files))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigError(messages.OUT_NOT_CREATED, path=out, detail=error.strerror or error) from None
        return folder
    base = Path(RUNS_DIR) / f"{started:%Y%m%d-%H%M%S}-{_safe_name(name)}"
    base.parent.mkdir(parents=True, exist_ok=True)
    folder, suffix = base, 1
    while True:
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            suffix += 1
            folder = base.with_name(f"{base.name}-{suffix}")


def _safe_name(name: str) -> str:
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in name) or "run"


def history_columns(experiment: Experiment) -> list[str]:
    """Return the columns of history.csv: epoch, loss, the metric, their val_ forms, lr, seconds."""
    metric = experiment.trainer.metric
    columns = ["epoch", "loss", metric]
    if experiment.n_val:
        columns += ["val_loss", f"val_{metric}"]
    return columns + ["lr", "seconds"]


def history_csv(columns: list[str], history: list[dict]) -> str:
    """Write history rows as CSV; floats use ``repr`` so that they read back to the same bits."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in history:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    return buffer.getvalue()


def _cell(value) -> str:
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def versions() -> dict:
    return {"tuitrain": tuitrain.__version__, "numpy": np.__version__, "python": platform.python_version()}


def write_run_folder(folder: Path, experiment: Experiment, summary: dict) -> None:
    """Write every file of the run folder; ``summary`` adds run facts to summary.json."""
    trainer = experiment.trainer
    # NOTE: a resumed run's config.toml replays the whole run from scratch, which matches the
    # resumed history only when the first part was trained with the same config.
    write_text(folder / "config.toml", experiment.config.to_toml())
    write_text(folder / "history.csv", history_csv(history_columns(experiment), trainer.history))
    write_text(folder / "history.json", _json(trainer.history))
    save_model(experiment, folder / "model.npz")
    document = {
        **summary,
        "metrics": {k: v for k, v in (trainer.history[-1] if trainer.history else {}).items()
                    if k not in ("epoch", "lr", "seconds")},
        "epochs": trainer.epoch,
        "steps": trainer.step_count,
        "versions": versions(),
        "data": data_description(experiment),
        "model": model_description(experiment),
    }
    write_text(folder / "summary.json", _json(document))


def _json(value) -> str:
    return json.dumps(json_safe(value), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
