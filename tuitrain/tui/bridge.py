"""The one path from the training thread to the app: trainer records become messages.

The trainer calls ``TrainingBridge`` for every record, in the training thread, between
batches. The bridge stores what the screen needs in plain attributes under a lock and
posts at most one progress message per ``interval`` seconds, so a fast loop cannot flood
the app's queue. Records that change what the person sees at once (a pause, the end, a
divergence, a changed setting, a notice) are posted right away; they are rare.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

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

PROGRESS_INTERVAL = 0.2
"""Minimum seconds between two ``TrainingProgressed`` messages."""


@dataclass
class TrainingProgressed(Message):
    """New batches, epochs or statistics are waiting in the bridge; call ``drain()``."""


@dataclass
class TrainingStateChanged(Message):
    """The trainer started running or paused."""

    state: str
    """``"running"`` or ``"paused"``."""


@dataclass
class SettingApplied(Message):
    """The trainer applied a changed setting at a batch boundary."""

    change: SettingChanged


@dataclass
class TrainingNoticed(Message):
    """The trainer raised a notice that does not stop training."""

    notice: Notice


@dataclass
class TrainingDivergedMessage(Message):
    """The loss, a gradient or the weights became non-finite; the run has ended."""

    record: TrainingDiverged


@dataclass
class TrainingFinished(Message):
    """``Trainer.run()`` returned."""

    record: TrainingEnded


@dataclass
class Progress:
    """Records received since the last ``drain()``."""

    batch: BatchEnded | None
    """Latest batch, or None if no batch ended since the last drain."""
    epochs: list[EpochEnded]
    """Every epoch that ended since the last drain, in order."""
    stats: StatsComputed | None
    """Latest layer statistics, or None."""


class TrainingBridge:
    """A trainer listener that stores records and posts messages through ``post``.

    Args:
        post: A thread-safe function that delivers a message to the app, such as
            ``screen.post_message``.
        interval: Minimum seconds between two progress messages.
    """

    def __init__(self, post: Callable[[Message], object], interval: float = PROGRESS_INTERVAL) -> None:
        self._post = post
        self.interval = interval
        self._lock = threading.Lock()
        self._batch: BatchEnded | None = None
        self._epochs: list[EpochEnded] = []
        self._stats: StatsComputed | None = None
        self._last_post = 0.0
        self.closed = False
        """Set when the experiment this bridge serves was replaced; later records are dropped."""

    def __call__(self, record: object) -> None:
        if self.closed:
            return
        kind = type(record)
        if kind is BatchEnded:
            self._batch = record
        elif kind is EpochEnded:
            with self._lock:
                self._epochs.append(record)
        elif kind is StatsComputed:
            self._stats = record
        elif kind is StateChanged:
            self._send(TrainingStateChanged(record.state))
            return
        elif kind is SettingChanged:
            self._send(SettingApplied(record))
            return
        elif kind is Notice:
            self._send(TrainingNoticed(record))
            return
        elif kind is TrainingDiverged:
            self._send(TrainingDivergedMessage(record))
            return
        elif kind is TrainingEnded:
            self._send(TrainingProgressed())
            self._send(TrainingFinished(record))
            return
        now = time.perf_counter()
        if now - self._last_post >= self.interval:
            self._last_post = now
            self._send(TrainingProgressed())

    def _send(self, message: Message) -> None:
        message.origin = self
        self._post(message)

    def drain(self) -> Progress:
        """Return and forget everything that arrived since the last call (UI thread)."""
        with self._lock:
            epochs, self._epochs = self._epochs, []
        batch, self._batch = self._batch, None
        stats, self._stats = self._stats, None
        return Progress(batch, epochs, stats)
