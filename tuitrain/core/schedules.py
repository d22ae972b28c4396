"""Learning-rate schedules and early stopping, applied at the end of each epoch.

A schedule returns a factor on the base learning rate for the next epoch. When the learning
rate is set by hand during a run, the trainer moves the base so that the rate typed in is
the rate used, and the schedule carries on from there.
"""

from __future__ import annotations

import math

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError


class Schedule:
    """Constant learning rate: factor 1 at every epoch."""

    name = "constant"

    def factor(self, epoch: int, monitored: float) -> float:
        """Return the factor for the epoch after ``epoch`` (1-based, just finished)."""
        return 1.0

    def config(self) -> dict:
        """Return the settings that rebuild this schedule."""
        return {"name": self.name}

    def state(self) -> dict:
        """Return what changes during a run, to save with the model."""
        return {}

    def load_state(self, state: dict) -> None:
        """Restore what ``state`` returned."""


class StepDecay(Schedule):
    """Multiply the rate by ``gamma`` every ``step_size`` epochs."""

    name = "step"

    def __init__(self, step_size: int = 10, gamma: float = 0.5) -> None:
        if int(step_size) != step_size or step_size < 1:
            raise ConfigError(messages.BAD_SCHEDULE_SETTING, name="step_size", value=step_size)
        _check_fraction("gamma", gamma)
        self.step_size, self.gamma = int(step_size), float(gamma)

    def factor(self, epoch, monitored):
        return self.gamma ** (epoch // self.step_size)

    def config(self):
        return {"name": self.name, "step_size": self.step_size, "gamma": self.gamma}


class ExponentialDecay(Schedule):
    """Multiply the rate by ``gamma`` after every epoch."""

    name = "exponential"

    def __init__(self, gamma: float = 0.95) -> None:
        _check_fraction("gamma", gamma)
        self.gamma = float(gamma)

    def factor(self, epoch, monitored):
        return self.gamma**epoch

    def config(self):
        return {"name": self.name, "gamma": self.gamma}


class CosineDecay(Schedule):
    """Follow half a cosine from 1 down to ``min_factor`` over ``epochs`` epochs."""

    name = "cosine"

    def __init__(self, epochs: int = 10, min_factor: float = 0.0) -> None:
        if int(epochs) != epochs or epochs < 1:
            raise ConfigError(messages.BAD_SCHEDULE_SETTING, name="epochs", value=epochs)
        if not 0 <= min_factor <= 1:
            raise ConfigError(messages.BAD_SCHEDULE_SETTING, name="min_factor", value=min_factor)
        self.epochs, self.min_factor = int(epochs), float(min_factor)

    def factor(self, epoch, monitored):
        progress = min(epoch, self.epochs) / self.epochs
        return self.min_factor + (1 - self.min_factor) * 0.5 * (1 + math.cos(math.pi * progress))

    def config(self):
        return {"name": self.name, "epochs": self.epochs, "min_factor": self.min_factor}


class ReduceOnPlateau(Schedule):
    """Multiply the rate by ``gamma`` when the monitored loss has not improved by
    ``min_delta`` for ``patience`` epochs, down to ``min_factor`` (Keras's ReduceLROnPlateau)."""

    name = "plateau"

    def __init__(
        self, patience: int = 5, gamma: float = 0.1, min_delta: float = 1e-4, min_factor: float = 0.0
    ) -> None:
        if int(patience) != patience or patience < 1:
            raise ConfigError(messages.BAD_SCHEDULE_SETTING, name="patience", value=patience)
        _check_fraction("gamma", gamma)
        self.patience, self.gamma = int(patience), float(gamma)
        self.min_delta, self.min_factor = float(min_delta), float(min_factor)
        self.best = math.inf
        self.wait = 0
        self.current = 1.0

    def factor(self, epoch, monitored):
        if monitored < self.best - self.min_delta:
            self.best, self.wait = monitored, 0
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.current = max(self.current * self.gamma, self.min_factor)
                self.wait = 0
        return self.current

    def config(self):
        return {
            "name": self.name,
            "patience": self.patience,
            "gamma": self.gamma,
            "min_delta": self.min_delta,
            "min_factor": self.min_factor,
        }

    def state(self):
        return {"best": self.best, "wait": self.wait, "current": self.current}

    def load_state(self, state):
        self.best, self.wait, self.current = state["best"], state["wait"], state["current"]


SCHEDULES: dict[str, type[Schedule]] = {
    cls.name: cls for cls in (Schedule, StepDecay, ExponentialDecay, CosineDecay, ReduceOnPlateau)
}
"""Every schedule by its config name."""


def get_schedule(name: str, **params: float) -> Schedule:
    """Return the schedule called ``name`` with ``params``, or raise ConfigError."""
    try:
        cls = SCHEDULES[name]
    except KeyError:
        raise ConfigError(messages.UNKNOWN_SCHEDULE, name=name, choices=sorted(SCHEDULES)) from None
    try:
        return cls(**params)
    except TypeError:
        raise ConfigError(
            messages.UNKNOWN_SCHEDULE_SETTING, name=name, settings=sorted(params)
        ) from None


class EarlyStopping:
    """Stop when the monitored loss has not improved by ``min_delta`` for ``patience`` epochs.

    With ``restore_best`` the weights of the best epoch come back when training stops, as
    Keras's ``restore_best_weights=True`` does.
    """

    def __init__(self, patience: int, min_delta: float = 0.0, restore_best: bool = True) -> None:
        if int(patience) != patience or patience < 1:
            raise ConfigError(messages.BAD_PATIENCE, value=patience)
        self.patience, self.min_delta, self.restore_best = int(patience), float(min_delta), restore_best
        self.best = math.inf
        self.best_epoch = 0
        self.wait = 0

    def update(self, epoch: int, monitored: float) -> tuple[bool, bool]:
        """Record an epoch's loss; return (improved, should_stop)."""
        if monitored < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = monitored, epoch, 0
            return True, False
        self.wait += 1
        return False, self.wait >= self.patience


def _check_fraction(name: str, value: float) -> None:
    if not 0 < value <= 1:
        raise ConfigError(messages.BAD_SCHEDULE_SETTING, name=name, value=value)
