"""Export the app's run as the run folder that ``tuitrain --batch`` writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tuitrain.batch import runfolder
from tuitrain.experiment import Experiment


def write_run_folder(experiment: Experiment, folder: Path) -> list[Path]:
    """Write the batch run folder's files for ``experiment`` into ``folder``; return them.

    The files are the ones ``tuitrain --batch`` writes, each written atomically. The
    summary also lists the settings changed while the run trained.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    trainer = experiment.trainer
    summary = {
        "name": experiment.config.name,
        "stop_reason": trainer.stop_reason,
        "exported": datetime.now().isoformat(timespec="seconds"),
        "changes": [
            {"epoch": c.epoch, "step": c.step, "name": c.name, "old": c.old, "new": c.new}
            for c in trainer.changes
        ],
    }
    runfolder.write_run_folder(folder, experiment, summary)
    return [folder / name for name in runfolder.RUN_FILES]
