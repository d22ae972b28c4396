"""The Data panel: source, size, noise, label column, split and scaling, with a preview."""

from __future__ import annotations

from collections import Counter

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from rich.cells import cell_len
from textual.widgets import Button, DataTable, Static

from tuitrain.config import RunConfig
from tuitrain.data import DATASETS
from tuitrain.data.target import label_text
from tuitrain.experiment import Experiment
from tuitrain.locales import _
from tuitrain.tui import parsing
from tuitrain.tui.widgets.fields import ChoiceField, Field
from tuitrain.tui.widgets.hyperparams import fmt

PREVIEW_ROWS = 5
PREVIEW_FEATURES = 4


class DataPanel(VerticalScroll):
    """The data settings: source, preparation, and a preview of the samples."""

    def __init__(self, config: RunConfig, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.config = config

    def compose(self) -> ComposeResult:
        data = self.config.data
        yield ChoiceField("data.source", _("Source"), self._sources(data.source), data.source)
        yield Button(_("Open a CSV or NPZ file…"), id="open-file", compact=True)
        yield Static("", id="data-description", classes="reason")
        yield Field("data.samples", _("Samples (0: auto)"), str(data.samples), parsing.non_negative_integer)
        yield Field("data.noise", _("Noise (empty: auto)"), "" if data.noise < 0 else fmt(data.noise),
                    parsing.noise)
        yield Field("data.label", _("Label column"), data.label, parsing.text_value)
        yield Field("data.val_split", _("Validation split"), fmt(data.val_split), parsing.fraction)
        yield ChoiceField("data.scale", _("Scaling"), [(_("auto"), "auto"), (_("standard"), "standard"), (_("none"), "none")],
                          data.scale)
        yield Static("", id="data-error", classes="field-error")
        yield Static("", id="data-summary", classes="total")
        yield DataTable(id="data-preview", zebra_stripes=True, cursor_type="none", show_cursor=False)
        yield Static("", id="class-counts")

    @staticmethod
    def _sources(current: str) -> list[tuple[str, str]]:
        options = [(name, name) for name in DATASETS]
        if current not in DATASETS:
            options.append((current, current))
        return options

    @on(Button.Pressed, "#open-file")
    def _open(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.run_action("screen.open_data_file")

    def show_error(self, text: str) -> None:
        error = self.query_one("#data-error", Static)
        error.update(text)
        error.display = bool(text)

    def sync(self, experiment: Experiment) -> None:
        """Show the settings of ``experiment.config`` and a preview of its data."""
        config = experiment.config
        self.config = config
        data = config.data
        source = self.query_one(ChoiceField)
        source.set_options(self._sources(data.source), data.source)
        values = {
            "data.samples": str(data.samples),
            "data.noise": "" if data.noise < 0 else fmt(data.noise),
            "data.label": data.label,
            "data.val_split": fmt(data.val_split),
            "data.scale": data.scale,
        }
        for widget in self.query("Field, ChoiceField"):
            if widget.key in values:
                widget.set_value(values[widget.key])
        self.show_error("")

        dataset = experiment.dataset
        info = DATASETS.get(dataset.name)
        description = _(info.description) if info else dataset.description
        self.query_one("#data-description", Static).update(description)
        target = experiment.target
        self.query_one("#data-summary", Static).update(
            _("{samples} samples · {features} features · {train} train / {val} validation",
              samples=dataset.n_samples, features=dataset.n_features,
              train=experiment.n_train, val=experiment.n_val)
        )
        self._preview(experiment)
        if target.n_classes:
            counts = Counter(label_text(value) for value in dataset.labels)
            parts = [f"{name}: {counts.get(name, 0)}" for name in target.classes]
            text = _("Class counts: {counts}", counts=" · ".join(parts))
        else:
            text = _("Regression target: {name}", name=dataset.label_name)
        self.query_one("#class-counts", Static).update(text)

    def _preview(self, experiment: Experiment) -> None:
        dataset = experiment.dataset
        table = self.query_one("#data-preview", DataTable)
        table.clear(columns=True)
        shown = min(dataset.n_features, PREVIEW_FEATURES)
        names = [name[:10] for name in dataset.feature_names[:shown]]
        if dataset.n_features > shown:
            names.append("…")
        names.append(dataset.label_name[:10] or _("label"))
        rows = []
        for row in range(min(PREVIEW_ROWS, dataset.n_samples)):
            cells = [f"{value:.3g}" for value in np.asarray(dataset.X[row, :shown], dtype=np.float64)]
            if dataset.n_features > shown:
                cells.append("…")
            label = dataset.labels[row]
            cells.append(label_text(label) if np.ndim(label) == 0 else ", ".join(f"{v:.3g}" for v in label))
            rows.append(cells)
        # Widths measured here from the cells, so that the preview does not depend on when
        # the table measures automatic widths, which it does later, when idle.
        for index, name in enumerate(names):
            width = max([cell_len(name), *(cell_len(cells[index]) for cells in rows)])
            table.add_column(name, width=width)
        for cells in rows:
            table.add_row(*cells)
