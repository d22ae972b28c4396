"""The status bar: epoch, loss and metric in large digits that read from the back of a room."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from tuitrain.locales import _


def digits(value: float | None, percent: bool = False) -> str:
    """Format a number for a Digits widget, which has no letters for nan or inf."""
    if value is None:
        return "-"
    if not math.isfinite(value):
        return "--"
    if percent:
        return f"{value * 100:.1f}"
    return f"{value:.4f}" if abs(value) < 1000 else f"{value:.3g}"


class StatusBar(Horizontal):
    """Large numbers for the epoch, the losses and the metric, and the trainer's state."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: dict[str, str] = {}
        """Text last written to each widget, by selector."""

    def compose(self) -> ComposeResult:
        for key, title in (("epoch", _("Epoch")), ("loss", _("Loss")), ("val-loss", _("Val loss")),
                           ("metric", _("Accuracy %")), ("val-metric", _("Val accuracy %"))):
            with Vertical(id=f"status-{key}", classes="status-box"):
                yield Label(title, classes="status-title")
                yield Digits("-", classes="status-digits")
        with Vertical(id="status-state-box"):
            yield Label("", id="status-state")
            yield Label("", id="status-progress")
            yield Label("", id="status-details")

    def set_metric_name(self, metric: str) -> None:
        """Title the metric boxes: accuracy in percent or mean absolute error."""
        if metric == "accuracy":
            titles = (_("Accuracy %"), _("Val accuracy %"))
        else:
            titles = (_("MAE"), _("Val MAE"))
        self.query_one("#status-metric .status-title", Label).update(titles[0])
        self.query_one("#status-val-metric .status-title", Label).update(titles[1])
        self.percent = metric == "accuracy"

    def set_validation(self, present: bool) -> None:
        """Mark whether the run has validation data; a narrow screen then drops the empty boxes."""
        self.set_class(not present, "-no-validation")

    def show_values(self, epoch: str, loss, val_loss, metric, val_metric) -> None:
        percent = getattr(self, "percent", True)
        self._show("#status-epoch Digits", epoch)
        self._show("#status-loss Digits", digits(loss))
        self._show("#status-val-loss Digits", digits(val_loss))
        self._show("#status-metric Digits", digits(metric, percent))
        self._show("#status-val-metric Digits", digits(val_metric, percent))

    def show_state(self, state: str, progress: str = "", details: str = "") -> None:
        self._show("#status-state", state)
        self._show("#status-progress", progress)
        self._show("#status-details", details)

    def _show(self, selector: str, text: str) -> None:
        """Update one widget, skipping unchanged text.

        A layout pass of the screen takes the GIL from the training thread while a run is
        live, so the status bar writes only what changed, and its state labels, whose size
        the stylesheet fixes, skip the layout pass.
        """
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        widget = self.query_one(selector)
        if isinstance(widget, Label):
            widget.update(text, layout=False)
        else:
            widget.update(text)
