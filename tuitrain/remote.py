"""Run a Trainer in a child process and mirror its state in the caller's copy.

Python runs one thread at a time, so an app that draws charts in the same process takes
time from its training thread. ``run_in_process(trainer)`` trains a copy of ``trainer`` in a
child process instead, on the other core. The caller's trainer stays the one to talk to:
its commands (``pause``, ``set_lr``...) are checked there and forwarded, and its listeners
receive the child's records. Its counters and history follow the records. Its weights,
settings and optimizer state are copied from the child at each statistics record (at most
4 times a second by default), at each setting change, and when the child pauses or ends.
The child continues the parent's random generator state, so a run gives the same history
in either process.

This module uses NumPy and the standard library only.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

import numpy as np

from tuitrain.core.layers import Dense
from tuitrain.core.losses import get_loss
from tuitrain.core.model import Sequential
from tuitrain.core.optimizers import get_optimizer
from tuitrain.core.records import (
    BatchEnded,
    EpochEnded,
    Notice,
    SettingChanged,
    StateChanged,
    StatsComputed,
    TrainingDiverged,
    TrainingEnded,
)
from tuitrain.core.schedules import EarlyStopping, get_schedule
from tuitrain.core.trainer import Trainer

BATCH_INTERVAL = 0.05
"""Minimum seconds between two BatchEnded records sent to the parent; the last one always goes."""

JOIN_SECONDS = 5.0
"""Seconds to wait for the child to exit after its run ended, before it is terminated."""


class TrainingProcessError(RuntimeError):
    """The child process failed; the message carries its traceback."""


def run_in_process(trainer: Trainer) -> str:
    """Train ``trainer``'s copy in a child process until it stops; return the stop reason.

    Blocks the calling thread, as ``Trainer.run()`` does. Commands queued on ``trainer``
    before the call go to the child first.
    """
    context = multiprocessing.get_context("spawn")
    parent_end, child_end = context.Pipe()
    package = _package(trainer)
    process = context.Process(
        target=_child_main, args=(child_end, package), name="tuitrain-trainer", daemon=True
    )
    _start(process)
    child_end.close()
    send_lock = threading.Lock()

    def forward(name: str, payload: object) -> None:
        with send_lock:
            try:
                parent_end.send(("command", name, payload))
            except (BrokenPipeError, OSError):
                pass  # The child has ended; its last state is on the way or already here.

    trainer.forward_commands(forward)
    try:
        return _relay(parent_end, process, trainer)
    finally:
        trainer.forward_commands(None)
        with send_lock:
            parent_end.close()
        process.join(JOIN_SECONDS)
        if process.is_alive():
            process.terminate()
            process.join()


def _start(process) -> None:
    """Start ``process`` with the interpreter's own standard streams in place.

    multiprocessing passes ``sys.stderr.fileno()`` to the child, and an app that captures
    prints (Textual does) has replaced sys.stderr by an object without a usable file
    descriptor, which makes the start fail with "bad value(s) in fds_to_keep".
    """
    captured = sys.stdout, sys.stderr
    if sys.__stdout__ is not None and sys.__stderr__ is not None:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    try:
        process.start()
    finally:
        sys.stdout, sys.stderr = captured


def _relay(connection: Connection, process, trainer: Trainer) -> str:
    """Pass the child's records to ``trainer``'s listeners until the child reports its end."""
    while True:
        try:
            kind, payload = connection.recv()
        except EOFError:
            process.join(JOIN_SECONDS)
            raise TrainingProcessError(
                f"the training process ended without a result (exit code {process.exitcode})"
            ) from None
        if kind == "record":
            _mirror(trainer, payload)
            trainer.emit(payload)
        elif kind == "sync":
            _apply_sync(trainer, payload)
        elif kind == "error":
            raise TrainingProcessError(payload)
        elif kind == "done":
            return payload


# Parent side: packing the trainer and following the child ------------------------------


def _package(trainer: Trainer) -> dict:
    """Return everything the child needs to rebuild ``trainer`` exactly."""
    model, optimizer = trainer.model, trainer.optimizer
    early = trainer.early_stopping
    return {
        "model": model.config(),
        "theta": model.theta,
        "optimizer": optimizer.config(),
        "iterations": optimizer.iterations,
        "optimizer_state": optimizer.state,
        "loss": trainer.loss.name,
        "data": (trainer.X_train, trainer.y_train, trainer.X_val, trainer.y_val, trainer.X_probe),
        "epochs": trainer.epochs,
        "batch_size": trainer.batch_size,
        "schedule": trainer.schedule.config(),
        "early_stopping": None if early is None else (early.patience, early.min_delta, early.restore_best),
        "stats_interval": trainer.stats_interval,
        "state": trainer.state(),
        "extra": trainer.continuation_state(),
        "commands": trainer.take_commands(),
    }


def _mirror(trainer: Trainer, record: object) -> None:
    """Update the counters of ``trainer`` that ``record`` reports."""
    kind = type(record)
    if kind is BatchEnded:
        trainer.step_count = record.step
    elif kind is EpochEnded:
        trainer.epoch = record.epoch
        trainer.append_history(
            {"epoch": record.epoch, **record.metrics, "lr": record.lr, "seconds": record.seconds}
        )
    elif kind is SettingChanged:
        trainer.changes.append(record)
    elif kind is Notice:
        trainer.notices.append(record)
    elif kind is TrainingDiverged:
        trainer.stop_reason = "diverged"
    elif kind is TrainingEnded:
        trainer.stop_reason = record.reason


def _apply_sync(trainer: Trainer, sync: dict) -> None:
    """Copy the child's weights and settings (and with ``state``, everything) into ``trainer``."""
    model = trainer.model
    model.theta[...] = sync["theta"]
    trainer.epoch, trainer.step_count = sync["epoch"], sync["step"]
    trainer.batch_size, trainer.base_lr, trainer.delay = sync["batch_size"], sync["base_lr"], sync["delay"]
    for layer, (l1, l2, dropout) in zip(model.layers, sync["regularization"]):
        if (layer.l1, layer.l2, layer.dropout) != (l1, l2, dropout):
            layer.l1, layer.l2, layer.dropout = l1, l2, dropout
            model.clear_buffers()

    config = dict(sync["optimizer"])
    name = config.pop("name")
    if name != trainer.optimizer.name:
        trainer.optimizer = get_optimizer(name, **config)
        trainer.optimizer.build(model.n_params, model.dtype)
    else:
        trainer.optimizer.set(**config)
    trainer.optimizer.iterations = sync["iterations"]
    for key, values in sync.get("optimizer_state", {}).items():
        trainer.optimizer.state[key][...] = values

    if "state" in sync:
        trainer.load_state(sync["state"])
        trainer.load_continuation_state(sync["extra"])


# Child side ------------------------------------------------------------------------------


def _child_main(connection: Connection, package: dict) -> None:
    """Rebuild the trainer, run it, and report to the parent over ``connection``."""
    # The parent's terminal belongs to its app: a warning printed here would garble it.
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")
    send_lock = threading.Lock()

    def send(message: tuple) -> None:
        with send_lock:
            connection.send(message)

    try:
        trainer = _rebuild(package)
        relay = _ChildRelay(trainer, send)
        trainer.add_listener(relay)
        threading.Thread(target=_read_commands, args=(connection, trainer), daemon=True).start()
        reason = trainer.run()
        relay.flush()
        send(("done", reason))
    except Exception:
        send(("error", traceback.format_exc()))
    finally:
        connection.close()


def _read_commands(connection: Connection, trainer: Trainer) -> None:
    """Queue the parent's commands on ``trainer``; a closed pipe stops the run."""
    while True:
        try:
            _, name, payload = connection.recv()
        except (EOFError, OSError):
            trainer.stop()
            return
        trainer.command(name, payload)


def _rebuild(package: dict) -> Trainer:
    spec = package["model"]
    layers = [Dense(**layer) for layer in spec["layers"]]
    model = Sequential(layers, spec["input_dim"], np.random.default_rng(0), spec["dtype"])
    model.theta[...] = package["theta"]

    config = dict(package["optimizer"])
    optimizer = get_optimizer(config.pop("name"), **config)
    optimizer.build(model.n_params, model.dtype)
    optimizer.iterations = package["iterations"]
    for key, values in package["optimizer_state"].items():
        optimizer.state[key][...] = values

    schedule_config = dict(package["schedule"])
    schedule = get_schedule(schedule_config.pop("name"), **schedule_config)
    early = package["early_stopping"]
    X_train, y_train, X_val, y_val, X_probe = package["data"]
    trainer = Trainer(
        model,
        optimizer,
        get_loss(package["loss"]),
        X_train,
        y_train,
        X_val,
        y_val,
        rng=np.random.default_rng(),
        epochs=package["epochs"],
        batch_size=package["batch_size"],
        schedule=schedule,
        early_stopping=None if early is None else EarlyStopping(*early),
        stats_interval=package["stats_interval"],
    )
    trainer.X_probe = X_probe
    trainer.load_state(package["state"])
    trainer.load_continuation_state(package["extra"])
    for name, payload in package["commands"]:
        trainer.command(name, payload)
    return trainer


class _ChildRelay:
    """Listener in the child: sends records to the parent, with the state they depend on.

    A light sync (weights, settings, counters) goes before each record that the parent's
    screen reads them for. A full one, with the optimizer state and the random generator,
    goes before a pause and the end, because the parent may then save the model.
    """

    def __init__(self, trainer: Trainer, send) -> None:
        self.trainer = trainer
        self.send = send
        self.pending_batch: BatchEnded | None = None
        self.last_batch_sent = 0.0

    def __call__(self, record: object) -> None:
        kind = type(record)
        if kind is BatchEnded:
            now = time.perf_counter()
            if now - self.last_batch_sent < BATCH_INTERVAL:
                self.pending_batch = record
                return
            self.last_batch_sent = now
            self.pending_batch = None
            self.send(("record", record))
            return
        self.flush()
        if kind is TrainingEnded or (kind is StateChanged and record.state == "paused"):
            self.send(("sync", _sync(self.trainer, full=True)))
        elif kind in (SettingChanged, StatsComputed, TrainingDiverged):
            self.send(("sync", _sync(self.trainer, full=False)))
        self.send(("record", record))

    def flush(self) -> None:
        """Send the BatchEnded record held back by the rate limit, if any."""
        if self.pending_batch is not None:
            self.send(("record", self.pending_batch))
            self.pending_batch = None


def _sync(trainer: Trainer, *, full: bool) -> dict:
    model, optimizer = trainer.model, trainer.optimizer
    sync = {
        "theta": model.theta.copy(),
        "epoch": trainer.epoch,
        "step": trainer.step_count,
        "batch_size": trainer.batch_size,
        "base_lr": trainer.base_lr,
        "delay": trainer.delay,
        "regularization": [(layer.l1, layer.l2, layer.dropout) for layer in model.layers],
        "optimizer": optimizer.config(),
        "iterations": optimizer.iterations,
    }
    if full:
        sync["optimizer_state"] = {key: value.copy() for key, value in optimizer.state.items()}
        sync["state"] = trainer.state()
        sync["extra"] = trainer.continuation_state()
    return sync
