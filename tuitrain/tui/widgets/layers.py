"""The Layers panel: input, hidden layers and output as a table, and an editor for one layer."""

from __future__ import annotations

import copy

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from tuitrain.config import LayerConfig
from tuitrain.core.activations import ACTIVATIONS
from tuitrain.experiment import Experiment
from tuitrain.locales import _, render
from tuitrain.tui.widgets.fields import SettingRequested

HIDDEN_ACTIVATIONS = [name for name in ACTIVATIONS if name != "softmax"]
"""Softmax normalises a whole row, so it belongs to the output layer only."""


class LayersPanel(Vertical):
    """The network as a list, each layer with y = f(W·x + b) shapes and its parameter count."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hidden: list[LayerConfig] = []

    def compose(self) -> ComposeResult:
        yield Static("y = f(W·x + b)", classes="formula")
        yield DataTable(id="layer-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="output-reason", classes="reason")
        yield Static("", id="param-total", classes="total")
        with Horizontal(id="layer-editor"):
            yield Label(_("Units"), classes="editor-label")
            yield Input("", id="layer-units", compact=True, type="integer")
            yield Select([(name, name) for name in HIDDEN_ACTIVATIONS], id="layer-activation",
                         allow_blank=False, compact=True, value="relu")
        yield Label("", id="layer-error", classes="field-error")
        with Horizontal(id="layer-buttons"):
            yield Button(_("+ Add"), id="layer-add", compact=True)
            yield Button(_("− Remove"), id="layer-remove", compact=True)
            yield Button("↑", id="layer-up", compact=True)
            yield Button("↓", id="layer-down", compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Layer"), "f", "W", "b", _("Params"))

    # Showing ------------------------------------------------------------------------

    def sync(self, experiment: Experiment) -> None:
        """Show the layers of ``experiment``; its config lists the hidden layers."""
        self.hidden = copy.deepcopy(experiment.config.model.layers)
        model = experiment.model
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        table.add_row(_("input"), _("{count} features", count=model.input_dim), "", "", "", key="input")
        for i, layer in enumerate(model.layers):
            is_output = i == len(model.layers) - 1
            name = _("output") if is_output else _("hidden {index}", index=i + 1)
            table.add_row(name, layer.activation, f"{layer.input_dim}×{layer.units}", str(layer.units),
                          f"{layer.n_params:,}", key=str(i))
        table.move_cursor(row=min(max(row, 1), table.row_count - 1))
        target = experiment.target
        reason = render(target.reason_template, target.reason_params) if target.reason_template else target.reason
        self.query_one("#output-reason", Static).update(_("Output layer ({reason})", reason=reason))
        self.query_one("#param-total", Static).update(_("Total parameters: {count:,}", count=model.n_params))
        self._show_selected()

    def _selected(self) -> int | None:
        """Return the index of the selected hidden layer, or None for input and output."""
        row = self.query_one(DataTable).cursor_row - 1
        return row if 0 <= row < len(self.hidden) else None

    def _show_selected(self) -> None:
        index = self._selected()
        units = self.query_one("#layer-units", Input)
        activation = self.query_one("#layer-activation", Select)
        editable = index is not None
        units.disabled = activation.disabled = not editable
        for name in ("remove", "up", "down"):
            self.query_one(f"#layer-{name}", Button).disabled = not editable
        if editable:
            layer = self.hidden[index]
            units.value = str(layer.units)
            with activation.prevent(Select.Changed):
                activation.value = layer.activation if layer.activation in HIDDEN_ACTIVATIONS else "relu"
        self.query_one("#layer-error", Label).update("")

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_selected()

    # Editing ------------------------------------------------------------------------

    def _request(self, layers: list[LayerConfig], select: int | None = None) -> None:
        if select is not None:
            self.query_one(DataTable).move_cursor(row=select + 1)
        self.post_message(SettingRequested("model.layers", layers, self))

    def show_error(self, text: str) -> None:
        self.query_one("#layer-error", Label).update(text)

    @on(Input.Submitted, "#layer-units")
    @on(Input.Blurred, "#layer-units")
    def _units(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        index = self._selected()
        if index is None:
            return
        try:
            units = int(event.value)
        except ValueError:
            self.show_error(_("Units must be a whole number from 1 to 4096."))
            return
        if not 1 <= units <= 4096:
            self.show_error(_("Units must be a whole number from 1 to 4096."))
            return
        if units == self.hidden[index].units:
            return
        layers = copy.deepcopy(self.hidden)
        layers[index].units = units
        self._request(layers, index)

    @on(Select.Changed, "#layer-activation")
    def _activation(self, event: Select.Changed) -> None:
        event.stop()
        index = self._selected()
        if index is None or event.value == self.hidden[index].activation:
            return
        layers = copy.deepcopy(self.hidden)
        layers[index].activation = str(event.value)
        self._request(layers, index)

    @on(Button.Pressed, "#layer-add")
    def add_layer(self) -> None:
        index = self._selected()
        layers = copy.deepcopy(self.hidden)
        if index is not None:
            template = layers[index]
        elif layers:
            template = layers[-1]
        else:
            template = LayerConfig(16, "relu")
        position = (index + 1) if index is not None else len(layers)
        layers.insert(position, copy.deepcopy(template))
        self._request(layers, position)

    @on(Button.Pressed, "#layer-remove")
    def remove_layer(self) -> None:
        index = self._selected()
        if index is None:
            return
        layers = copy.deepcopy(self.hidden)
        del layers[index]
        self._request(layers, min(index, len(layers) - 1) if layers else None)

    @on(Button.Pressed, "#layer-up")
    def move_up(self) -> None:
        self._move(-1)

    @on(Button.Pressed, "#layer-down")
    def move_down(self) -> None:
        self._move(1)

    def _move(self, offset: int) -> None:
        index = self._selected()
        if index is None or not 0 <= index + offset < len(self.hidden):
            return
        layers = copy.deepcopy(self.hidden)
        layers[index], layers[index + offset] = layers[index + offset], layers[index]
        self._request(layers, index + offset)
