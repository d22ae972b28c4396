"""The help screen: keys, what each panel does and the two formulas of the tutorial."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tuitrain.locales import _


def help_text() -> str:
    keys = [
        ("space", _("Start, pause or resume training")),
        ("s", _("Train one batch, then pause")),
        ("e", _("Train to the end of the epoch, then pause")),
        ("r", _("Reset: new weights from the seed, history cleared")),
        ("+ / −", _("Train faster or slower (wait after each batch)")),
        ("1 2 3", _("Show the Layers, Hyperparameters or Data panel")),
        ("ctrl+p", _("Command palette: every action by name")),
        ("? / F1", _("This help")),
        ("q", _("Quit (stops training at once)")),
    ]
    width = max(len(key) for key, _text in keys)
    lines = [f"[b]{_('Keys')}[/b]"]
    lines += [f"  [b reverse] {key.ljust(width)} [/]  {text}" for key, text in keys]
    lines += [
        "",
        f"[b]{_('How a network trains')}[/b]",
        "  y = f(W·x + b)",
        "  " + _("Each layer multiplies its input x by the weights W, adds the bias b and applies the activation f."),
        "  θ ← θ − α∇J(θ)",
        "  " + _("Each batch moves every parameter θ against the gradient of the loss J, scaled by the learning rate α."),
        "",
        f"[b]{_('Live changes')}[/b]",
        "  " + _("Learning rate, batch size, optimizer settings, L1, L2, dropout and speed apply at the next batch and keep the weights. The loss chart marks each change with a vertical line."),
        "  " + _("Layers, loss, data, seed, schedule and early stopping build a new network: the app asks first when that would discard training."),
        "",
        f"[b]{_('Charts')}[/b]",
        "  " + _("Loss: training (braille line) and validation (dots) by epoch."),
        "  " + _("Activations: f(x) and its slope f'(x) for each activation in the model."),
        "  " + _("Layer health: outputs of each hidden layer on a fixed batch; dead units never fire, saturated units sit where f' is almost 0."),
        "  " + _("Boundary: for data with two features, the class the model predicts at each point."),
    ]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys and concepts, in the app's language."""

    BINDINGS = [
        Binding("escape", "dismiss", show=False),
        Binding("q", "dismiss", show=False),
        Binding("question_mark", "dismiss", show=False),
        Binding("f1", "dismiss", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Help")
            box.border_subtitle = _("Esc to close")
            yield Static(help_text(), id="help-text")
