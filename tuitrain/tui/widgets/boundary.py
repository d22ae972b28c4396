"""A decision-boundary map of a model with two input features."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.markup import escape
from textual.strip import Strip
from textual.widget import Widget

from tuitrain.core.model import Sequential

CLASS_COLOURS = np.array(
    [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
     (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)],
    dtype=np.float64,
)
BACKGROUND = np.array((16, 16, 24), dtype=np.float64)
MAX_POINTS = 400
"""Training samples drawn over the map."""


class BoundaryMap(Widget):
    """The model's prediction on a grid over two features, with training samples on top.

    Each terminal cell shows two grid rows with the upper half block, so the map has twice
    the vertical resolution of the widget. Region colour is the predicted class, darker where
    the model is less sure; samples are drawn in their true class's full colour. Regression
    models are shaded from low (blue) to high (orange).
    """

    DEFAULT_CSS = """
    BoundaryMap {
        border: round $primary 60%;
        border-title-color: $text;
        border-title-style: bold;
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: Sequential | None = None
        self.X: np.ndarray | None = None
        self.y: np.ndarray | None = None
        self.classification = True
        self._rows: list[Strip] = []
        self.dirty = True

    def set_data(self, model: Sequential, X: np.ndarray, y: np.ndarray, classification: bool) -> None:
        """Draw ``model`` over samples X, shape (n, 2), with targets ``y``."""
        self.model = model
        rng = np.random.default_rng(0)
        pick = np.sort(rng.choice(len(X), size=min(MAX_POINTS, len(X)), replace=False))
        self.X = np.asarray(X[pick], dtype=np.float64)
        y = np.asarray(y[pick])
        self.y = y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(len(y), -1)[:, 0]
        self.classification = classification
        self.dirty = True

    @staticmethod
    def legend(classes: list[str]) -> str:
        """Return content markup naming each class with a block of its colour."""
        entries = []
        for index, name in enumerate(classes):
            r, g, b = CLASS_COLOURS[index % len(CLASS_COLOURS)].astype(int).tolist()
            entries.append(f"[rgb({r},{g},{b})]■[/] {escape(name)}")
        return "  ".join(entries)

    def redraw(self) -> None:
        self.dirty = False
        width, height = self.content_size.width, self.content_size.height * 2
        if self.model is None or self.X is None or width < 2 or height < 2:
            self._rows = []
            self.refresh()
            return
        low, high = self.X.min(axis=0), self.X.max(axis=0)
        pad = (high - low) * 0.08 + 1e-9
        low, high = low - pad, high + pad
        gx = np.linspace(low[0], high[0], width)
        gy = np.linspace(high[1], low[1], height)
        grid = np.stack(np.meshgrid(gx, gy), axis=-1).reshape(-1, 2)
        colours = self._colours(_predict(self.model, grid)).reshape(height, width, 3)

        cols = np.clip(((self.X[:, 0] - low[0]) / (high[0] - low[0]) * (width - 1)).round().astype(int), 0, width - 1)
        rows = np.clip(((high[1] - self.X[:, 1]) / (high[1] - low[1]) * (height - 1)).round().astype(int), 0, height - 1)
        colours[rows, cols] = self._point_colours(self.y)
        self._rows = [self._strip(colours[2 * r], colours[2 * r + 1]) for r in range(height // 2)]
        self.refresh()

    def _colours(self, outputs: np.ndarray) -> np.ndarray:
        outputs = np.nan_to_num(outputs, nan=0.0, posinf=1.0, neginf=0.0)
        if not self.classification:
            value = outputs[:, 0]
            span = value.max() - value.min()
            t = (value - value.min()) / span if span > 0 else np.zeros_like(value)
            return _mix(CLASS_COLOURS[0], CLASS_COLOURS[1], t[:, None]) * 0.7
        if outputs.shape[1] == 1:
            p = outputs[:, 0]
            index = (p > 0.5).astype(int)
            sure = np.abs(p - 0.5) * 2
        else:
            index = outputs.argmax(axis=1)
            sure = outputs.max(axis=1)
        base = CLASS_COLOURS[index % len(CLASS_COLOURS)]
        return _mix(BACKGROUND, base, (0.25 + 0.35 * sure)[:, None])

    def _point_colours(self, y: np.ndarray) -> np.ndarray:
        if not self.classification:
            span = y.max() - y.min()
            t = (y - y.min()) / span if span > 0 else np.zeros_like(y, dtype=np.float64)
            return _mix(CLASS_COLOURS[0], CLASS_COLOURS[1], t[:, None].astype(np.float64))
        return _mix(CLASS_COLOURS[y.astype(int) % len(CLASS_COLOURS)], np.array([255.0, 255, 255]), 0.25)

    @staticmethod
    def _strip(top: np.ndarray, bottom: np.ndarray) -> Strip:
        segments = []
        for (r1, g1, b1), (r2, g2, b2) in zip(top.astype(int).tolist(), bottom.astype(int).tolist()):
            style = Style(color=f"rgb({r1},{g1},{b1})", bgcolor=f"rgb({r2},{g2},{b2})")
            segments.append(Segment("▀", style))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        if y < len(self._rows):
            return self._rows[y]
        return Strip.blank(self.content_size.width)

    def on_resize(self) -> None:
        self.dirty = True


def _mix(a: np.ndarray, b: np.ndarray, t) -> np.ndarray:
    return a * (1 - t) + b * t


def _predict(model: Sequential, X: np.ndarray) -> np.ndarray:
    """Run the model on X with copies of its weights.

    The worker thread copies the training process's weights into the model in place, so
    each layer's W and b are copied first: a layer stays consistent even if new weights
    arrive in the middle. The model's shared work buffers are never touched.
    """
    a = X.astype(model.dtype)
    for layer in model.layers:
        z = a @ layer.W.copy() + layer.b.copy()
        a = layer.f.forward(z, np.empty_like(z))
    return a.astype(np.float64)
