"""The Hyperparameters panel: optimizer and its settings, batch, epochs, loss, penalties."""

from __future__ import annotations

from dataclasses import fields

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tuitrain.config import OptimizerConfig, RunConfig
from tuitrain.core.optimizers import OPTIMIZERS
from tuitrain.data import LOSSES
from tuitrain.locales import _
from tuitrain.tui import parsing
from tuitrain.tui.widgets.fields import ChoiceField, Field, SwitchField

SCHEDULES = ("constant", "step", "exponential", "cosine", "plateau")

SPEEDS = (0.0, 0.005, 0.02, 0.1, 0.5)
"""Seconds the trainer waits after each batch, fastest first."""


def speed_options() -> list[tuple[str, float]]:
    return [
        (_("full speed"), 0.0),
        (_("fast (5 ms per batch)"), 0.005),
        (_("medium (20 ms per batch)"), 0.02),
        (_("slow (0.1 s per batch)"), 0.1),
        (_("very slow (0.5 s per batch)"), 0.5),
    ]


def optimizer_settings(name: str) -> list[str]:
    """Return the settings of optimizer ``name`` that the config stores, without lr."""
    stored = {f.name for f in fields(OptimizerConfig)}
    return [key for key in OPTIMIZERS[name].defaults if key in stored and key != "lr"]


def fmt(value: float) -> str:
    """Format a number as a person would type it: 0.001, 1e-07, 32."""
    return f"{value:g}"


class HyperparametersPanel(VerticalScroll):
    """Settings of the optimizer and the training loop."""

    def __init__(self, config: RunConfig, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.config = config

    def compose(self) -> ComposeResult:
        config = self.config
        yield Static("θ ← θ − α∇J(θ)", classes="formula")
        yield ChoiceField("optimizer.name", _("Optimizer"), [(n, n) for n in OPTIMIZERS], config.optimizer.name)
        yield Field("optimizer.lr", _("Learning rate α"), fmt(config.optimizer.lr), parsing.positive)
        with Vertical(id="optimizer-settings"):
            yield from self._optimizer_fields(config)
        yield Field("training.batch_size", _("Batch size"), str(config.training.batch_size),
                    parsing.positive_integer)
        yield Field("training.epochs", _("Epochs (0: no limit)"), str(config.training.epochs),
                    parsing.non_negative_integer)
        yield ChoiceField("model.loss", _("Loss"), [(n, n) for n in LOSSES], config.model.loss)
        first = config.model.layers[0] if config.model.layers else None
        yield Field("regularization.l1", _("L1 (all layers)"), fmt(first.l1 if first else 0.0),
                    parsing.non_negative)
        yield Field("regularization.l2", _("L2 (all layers)"), fmt(first.l2 if first else 0.0),
                    parsing.non_negative)
        yield Field("regularization.dropout", _("Dropout"), fmt(first.dropout if first else 0.0),
                    parsing.fraction)
        yield Field("training.seed", _("Seed"), str(config.training.seed), parsing.integer)
        yield ChoiceField("training.schedule", _("LR schedule"), [(n, n) for n in SCHEDULES],
                          config.training.schedule)
        yield Field("training.schedule_gamma", _("Schedule factor γ"), fmt(config.training.schedule_gamma),
                    parsing.positive)
        yield Field("training.schedule_step", _("Step every (epochs)"), str(config.training.schedule_step),
                    parsing.positive_integer)
        yield Field("training.schedule_patience", _("Plateau patience"),
                    str(config.training.schedule_patience), parsing.positive_integer)
        yield Field("training.early_stopping", _("Early stop (0: off)"), str(config.training.early_stopping),
                    parsing.non_negative_integer)

    def _optimizer_fields(self, config: RunConfig):
        for key in optimizer_settings(config.optimizer.name):
            value = getattr(config.optimizer, key)
            if isinstance(value, bool):
                yield SwitchField(f"optimizer.{key}", key, value)
            else:
                parse = parsing.fraction if key in ("momentum", "beta_1", "beta_2", "rho") else parsing.non_negative
                yield Field(f"optimizer.{key}", key, fmt(value), parse)

    async def show_optimizer(self, config: RunConfig) -> None:
        """Replace the optimizer settings with those of ``config.optimizer.name``."""
        box = self.query_one("#optimizer-settings", Vertical)
        await box.remove_children()
        await box.mount_all(list(self._optimizer_fields(config)))

    def sync(self, config: RunConfig) -> None:
        """Show every value of ``config`` without posting requests."""
        self.config = config
        values = {
            "optimizer.name": config.optimizer.name,
            "optimizer.lr": fmt(config.optimizer.lr),
            "training.batch_size": str(config.training.batch_size),
            "training.epochs": str(config.training.epochs),
            "model.loss": config.model.loss,
            "training.seed": str(config.training.seed),
            "training.schedule": config.training.schedule,
            "training.schedule_gamma": fmt(config.training.schedule_gamma),
            "training.schedule_step": str(config.training.schedule_step),
            "training.schedule_patience": str(config.training.schedule_patience),
            "training.early_stopping": str(config.training.early_stopping),
        }
        first = config.model.layers[0] if config.model.layers else None
        for key in ("l1", "l2", "dropout"):
            values[f"regularization.{key}"] = fmt(getattr(first, key) if first else 0.0)
        for key in optimizer_settings(config.optimizer.name):
            value = getattr(config.optimizer, key)
            values[f"optimizer.{key}"] = value if isinstance(value, bool) else fmt(value)
        for widget in self.query("Field, ChoiceField, SwitchField"):
            if widget.key in values:
                widget.set_value(values[widget.key])
