"""Headless training for ``tuitrain --batch``: the app's training, driven by the core.

``run_batch`` trains in the calling (main) thread, so that SIGINT and SIGTERM handlers can ask
the trainer to stop after the current batch. The run folder is written whatever the outcome
once training has started: completed, stopped early, diverged or interrupted.
"""

from __future__ import annotations

import argparse
import signal
import threading
import time
import warnings
from datetime import datetime

from tuitrain.batch.report import Reporter, diverged_lines
from tuitrain.batch.runfolder import create_run_folder, write_run_folder
from tuitrain.config import RunConfig
from tuitrain.core import Checkpoint
from tuitrain.core.trainer import UNSCALED_INPUT
from tuitrain.experiment import build_experiment
from tuitrain.locales import _


def run_batch(config: RunConfig, args: argparse.Namespace, *, checkpoint: Checkpoint | None = None) -> int:
    """Train ``config`` headless, print progress, write the run folder; return the exit code."""
    from tuitrain.cli import ExitCode

    reporter = Reporter(json_lines=args.json, quiet=args.quiet, show_lr=config.training.schedule != "constant")
    started = datetime.now()
    experiment = build_experiment(config, checkpoint=checkpoint, listeners=(reporter.on_record,))
    trainer = experiment.trainer
    reporter.planned_epochs = trainer.epochs

    folder = create_run_folder(args.out, config.name, started, overwrite=args.overwrite)
    reporter.start(experiment, str(folder))
    for notice in experiment.notices:
        reporter.notice(notice)
    if experiment.scaler is None and trainer.input_scale > UNSCALED_INPUT:
        reporter.note(_("The inputs are not scaled (the largest |x| is {scale:g}) because --scale is "
                        "none. Large inputs slow training down or make it diverge. Use --scale "
                        "standard.", scale=trainer.input_scale))

    clock = time.perf_counter()
    with _StopOnSignal(trainer), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        reason = trainer.run()
    seconds = time.perf_counter() - clock

    if reason != "diverged":
        # After a divergence the overflow warnings only repeat the divergence error.
        for message in sorted({str(warning.message) for warning in caught}):
            reporter.warning(message)

    summary = {
        "name": config.name,
        "stop_reason": reason,
        "seconds": seconds,
        "started": started.isoformat(timespec="seconds"),
        "resumed_from_epoch": None if checkpoint is None else (checkpoint.trainer_state or {}).get("epoch", 0),
    }
    if reporter.diverged is not None:
        record = reporter.diverged
        summary["diverged"] = {
            "epoch": record.epoch, "batch": record.batch, "step": record.step + 1,
            "quantity": record.quantity, "layer": record.layer,
            "cause": record.cause.format(**record.cause_params),
        }
    write_run_folder(folder, experiment, summary)

    if reporter.diverged is not None:
        for line in diverged_lines(reporter.diverged):
            reporter.err(line)
        reporter.err(_("The weights of the last finite step are saved in {folder}.", folder=folder))
    if reason == "stopped":
        reporter.err(_("Interrupted: training stopped after the current batch. The run folder {folder} "
                       "has the {epochs} completed epoch(s).", folder=folder, epochs=trainer.epoch))
    reporter.end(reason=reason, history=trainer.history, epochs=trainer.epoch, steps=trainer.step_count,
                 seconds=seconds, folder=str(folder))
    if args.plot and trainer.history:
        from tuitrain.batch.plot import print_loss_plot

        print_loss_plot(trainer.history, reporter.stderr if args.json else reporter.stdout)

    return {
        "diverged": ExitCode.DIVERGED,
        "stopped": ExitCode.INTERRUPTED,
    }.get(reason, ExitCode.OK)


class _StopOnSignal:
    """Make SIGINT and SIGTERM stop ``trainer`` after the current batch.

    A second signal raises KeyboardInterrupt, for a batch that takes too long to finish.
    Outside the main thread, where Python cannot install handlers, this does nothing.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, trainer) -> None:
        self.trainer = trainer
        self.received: int | None = None
        self.previous: dict = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = signum
        self.trainer.stop()

    def __exit__(self, *exc) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
