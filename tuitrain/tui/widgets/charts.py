"""Charts drawn with plotext: loss history, activation curves, layer histograms.

Each chart keeps its data and draws only when ``redraw()`` is called, which the screen
does on a timer for the charts that are visible. Titles and labels in the reader's
language live in the widget's border, never inside the plotext canvas, because plotext
counts characters where a CJK glyph takes two terminal cells. Every series is filtered
for NaN and infinity before plotting.
"""

from __future__ import annotations

import math

import numpy as np
from textual_plotext import PlotextPlot

from tuitrain.core.activations import curve
from tuitrain.core.records import LayerStats
from tuitrain.plotting import epoch_ticks
from tuitrain.tui.series import DownsampledSeries

TRAIN_MARKER = "braille"
VALIDATION_MARKER = "dot"
"""Training and validation curves differ in marker as well as colour, for NO_COLOR and 16 colours."""

MAX_CHANGE_MARKS = 64
"""Setting changes marked on the loss chart; older ones are dropped."""


class _Chart(PlotextPlot):
    """Base of the charts: a titled frame, redrawn by the screen's timer when ``dirty``."""

    DEFAULT_CSS = """
    _Chart {
        border: round $primary 60%;
        border-title-color: $text;
        border-title-style: bold;
    }
    """


class HistoryChart(_Chart):
    """One or two quantities by epoch, training and validation, with setting-change marks."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.train = DownsampledSeries()
        self.validation = DownsampledSeries()
        self.train_label = "loss"
        self.validation_label = "val_loss"
        self.changes: list[float] = []
        self.log_scale = False
        self.dirty = True
        self.empty_hint = ""
        """Text shown under the frame while there are no points, such as how to start."""

    def show_hint(self, text: str) -> None:
        """Show ``text`` under the frame while there are no points."""
        if text != self.empty_hint:
            self.empty_hint = text
            if not self.train.finite()[0] and not self.validation.finite()[0]:
                self.border_subtitle = text

    def reset(self, train_label: str, validation_label: str) -> None:
        """Forget every point and name the two series (plotext legend, ASCII names)."""
        self.train.clear()
        self.validation.clear()
        self.changes.clear()
        self.train_label = train_label
        self.validation_label = validation_label
        self.dirty = True

    def mark_change(self, epoch: float) -> None:
        """Mark a setting change at ``epoch`` (the epoch in which it took effect)."""
        self.changes.append(epoch)
        del self.changes[:-MAX_CHANGE_MARKS]
        self.dirty = True

    def redraw(self) -> None:
        """Rebuild the plot from the stored series and refresh the widget."""
        self.dirty = False
        plt = self.plt
        plt.clear_figure()
        plt.xlabel("epoch")
        xs, ys = self.train.finite()
        if xs:
            plt.plot(xs, ys, marker=TRAIN_MARKER, color="cyan", label=self.train_label)
        vxs, vys = self.validation.finite()
        if vxs:
            plt.plot(vxs, vys, marker=VALIDATION_MARKER, color="orange", label=self.validation_label)
        # A change in epoch e took effect during e, so it sits between e - 1 and e.
        for epoch in self.changes:
            plt.vline(max(epoch - 0.5, 0.5), "magenta")
        if not xs and not vxs:
            plt.xlim(0, 1)
            plt.ylim(0, 1)
        else:
            plt.xticks(epoch_ticks(min(xs or vxs), max((xs or [0])[-1], (vxs or [0])[-1])))
        self.border_subtitle = "" if xs or vxs else self.empty_hint
        self.refresh()


class ActivationChart(_Chart):
    """f(x) and its derivative f'(x) of one activation on x in [-4, 4]."""

    X = np.linspace(-4.0, 4.0, 161)

    def __init__(self, activation: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.activation = activation
        self.dirty = True

    def redraw(self) -> None:
        self.dirty = False
        f, df = curve(self.activation, self.X)
        x = self.X.tolist()
        plt = self.plt
        plt.clear_figure()
        plt.plot(x, _finite_or_zero(f), marker=TRAIN_MARKER, color="cyan", label="f(x)")
        plt.plot(x, _finite_or_zero(df), marker=VALIDATION_MARKER, color="orange", label="f'(x)")
        plt.hline(0.0, "gray")
        plt.vline(0.0, "gray")
        self.refresh()


class HistogramChart(_Chart):
    """Histogram of one layer's outputs on the trainer's fixed probe batch."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stats: LayerStats | None = None
        self.dirty = True

    def show(self, stats: LayerStats) -> None:
        self.stats = stats
        self.dirty = True

    def redraw(self) -> None:
        self.dirty = False
        plt = self.plt
        plt.clear_figure()
        stats = self.stats
        if stats is None:
            self.refresh()
            return
        edges = np.asarray(stats.edges, dtype=np.float64)
        counts = np.asarray(stats.counts, dtype=np.float64)
        centers = (edges[:-1] + edges[1:]) / 2
        keep = np.isfinite(centers) & np.isfinite(counts)
        if keep.any():
            plt.bar(centers[keep].tolist(), counts[keep].tolist(), width=0.9, color="cyan", marker="hd")
            low, high = float(edges[0]), float(edges[-1])
            if math.isfinite(low) and math.isfinite(high) and high > low:
                plt.xlim(low, high)
                ticks = np.linspace(low, high, 5).tolist()
                plt.xticks(ticks, [f"{tick:.3g}" for tick in ticks])
            # Counts are whole numbers; plotext would label them 1961.7 and the like.
            top = int(counts[keep].max())
            yticks = sorted({round(top * i / 4) for i in range(5)})
            plt.yticks(yticks, [str(tick) for tick in yticks])
            plt.xlabel("a = f(z)")
        self.refresh()


def _finite_or_zero(values: np.ndarray) -> list[float]:
    return np.where(np.isfinite(values), values, 0.0).tolist()
