"""Write the run folder that ``tuitrain --batch`` writes, from the app's experiment."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tuitrain.core.atomic import write_text
from tuitrain.experiment import Experiment, save_model


def write_run_folder(experiment: Experiment, folder: Path) -> list[Path]:
    """Write config.toml, history.csv, history.json and model.npz into ``folder``.

    Every file is written atomically, so a reader never sees half a file. Returns the
    paths written.
    """
    # TODO: call the batch runner's own writer once tuitrain.batch provides one, so both
    # faces write the same files.
    folder.mkdir(parents=True, exist_ok=True)
    trainer = experiment.trainer
    history = trainer.history
    paths = [folder / name for name in ("config.toml", "history.csv", "history.json", "model.npz")]

    write_text(paths[0], experiment.config.to_toml())

    columns: list[str] = []
    for row in history:
        columns.extend(key for key in row if key not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or ["epoch"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(history)
    write_text(paths[1], buffer.getvalue())

    changes = [
        {"epoch": c.epoch, "step": c.step, "name": c.name, "old": c.old, "new": c.new} for c in trainer.changes
    ]
    document = {"history": history, "changes": changes, "stop_reason": trainer.stop_reason}
    write_text(paths[2], json.dumps(document, indent=2, default=str, allow_nan=True) + "\n")

    save_model(experiment, paths[3])
    return paths
