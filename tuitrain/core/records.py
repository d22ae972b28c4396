"""Records that the trainer sends to its listeners, one dataclass per event.

Listeners run in the training thread, between batches, so they must return quickly: a user
interface copies what it needs and draws later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class BatchEnded:
    """One mini-batch was trained."""

    epoch: int
    """Epoch being trained, from 1."""
    batch: int
    """Batch within the epoch, from 1."""
    batches: int
    """Batches in this epoch at the current batch size."""
    step: int
    """Updates applied since the start of training."""
    loss: float
    """Mean loss of this batch, penalties included."""
    batch_size: int
    """Samples in this batch; the last batch of an epoch may be smaller."""


@dataclass(frozen=True)
class EpochEnded:
    """End of an epoch, with the loss, the metric and their validation values."""

    epoch: int
    """Epochs completed, from 1."""
    epochs: int | None
    """Planned epochs, or None when training runs until stopped."""
    steps: int
    """Batches in this epoch."""
    metrics: dict[str, float]
    """``loss``, ``accuracy`` or ``mae``, and ``val_`` versions when there is validation data."""
    lr: float
    """Learning rate used during the epoch."""
    seconds: float
    """Wall time of the epoch, validation included."""


@dataclass(frozen=True)
class LayerStats:
    """Health of one layer on the fixed probe batch."""

    index: int
    """Layer position, from 0."""
    activation: str
    """Name of the layer's activation."""
    counts: np.ndarray
    """Histogram counts of the layer's outputs, shape (bins,)."""
    edges: np.ndarray
    """Histogram bin edges, shape (bins + 1,)."""
    mean: float
    """Mean output."""
    std: float
    """Standard deviation of the outputs."""
    dead: float
    """Share of units whose output is the same constant for every probe sample (ReLU at 0)."""
    saturated: float
    """Share of units in a flat region of f (f' below 1% of its peak) for 90% of the probe."""
    grad_norm: float
    """L2 norm of the layer's gradient dJ/dθ at the last batch."""
    update_ratio: float
    """||Δθ|| / ||θ|| of the layer at the last update; about 1e-3 is healthy."""


@dataclass(frozen=True)
class StatsComputed:
    """Per-layer statistics, sent at each epoch end and at the trainer's stats interval."""

    epoch: int
    step: int
    layers: tuple[LayerStats, ...]


@dataclass(frozen=True)
class SettingChanged:
    """A setting changed during training; charts mark it at ``step``."""

    epoch: int
    step: int
    name: str
    old: object
    new: object


@dataclass(frozen=True)
class Notice:
    """Something the user should know that does not stop training, as a message template."""

    template: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class StateChanged:
    """The trainer started running (``"running"``) or paused (``"paused"``)."""

    state: str
    epoch: int
    step: int


@dataclass(frozen=True)
class TrainingDiverged:
    """A loss, gradient or weight became NaN or infinite; the last finite weights are back.

    ``cause`` is an English template for the likely cause and the fix, filled from
    ``cause_params``.
    """

    epoch: int
    batch: int
    step: int
    quantity: str
    """``"loss"``, ``"gradient"`` or ``"weights"``."""
    layer: int | None
    """First layer (from 0) where a non-finite value appeared, when one was found."""
    cause: str
    cause_params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TrainingEnded:
    """Training stopped for ``reason``: completed, stopped, early_stopping or diverged."""

    reason: str
    epoch: int
    step: int
