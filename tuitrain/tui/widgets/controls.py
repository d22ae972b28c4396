"""The controls bar: start or pause, step, reset, speed, and the model and run files."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from tuitrain.locales import _
from tuitrain.tui.widgets.fields import ChoiceField
from tuitrain.tui.widgets.hyperparams import speed_options

BUTTONS = (
    ("start", "toggle_training"),
    ("step-batch", "step('batch')"),
    ("step-epoch", "step('epoch')"),
    ("reset", "reset"),
    ("save", "save_model"),
    ("load", "load_model"),
    ("export", "export_run"),
)


def button_labels() -> dict[str, str]:
    return {
        "start": _("▶ Start"),
        "step-batch": _("Step batch"),
        "step-epoch": _("Step epoch"),
        "reset": _("Reset"),
        "save": _("Save model"),
        "load": _("Load model"),
        "export": _("Export run"),
    }


class ControlsBar(Horizontal):
    """Buttons for every training action; each runs the screen action of the same key."""

    def compose(self) -> ComposeResult:
        labels = button_labels()
        for key, _action in BUTTONS:
            variant = "success" if key == "start" else "default"
            yield Button(labels[key], id=f"control-{key}", variant=variant, compact=True)
        yield ChoiceField("speed", _("Speed"), speed_options(), 0.0, id="speed")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("control-")
        for name, action in BUTTONS:
            if name == key:
                event.stop()
                self.app.run_action(f"screen.{action}")

    def show_running(self, running: bool) -> None:
        button = self.query_one("#control-start", Button)
        button.label = _("⏸ Pause") if running else _("▶ Start")
        button.variant = "warning" if running else "success"
