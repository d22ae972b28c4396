"""The tuitrain app: one main screen, help, and every action in the command palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingsMap
from textual.screen import Screen

from tuitrain.config import RunConfig
from tuitrain.locales import _
from tuitrain.tui.screens.help import HelpScreen
from tuitrain.tui.screens.main import MainScreen


def app_bindings() -> list[Binding]:
    """Return the app-wide keys, described in the current language."""
    return [
        Binding("question_mark,f1", "help", _("Help")),
        Binding("q", "quit", _("Quit")),
        Binding("ctrl+c", "quit", _("Quit"), show=False, priority=True),
        Binding("ctrl+p", "command_palette", _("Commands"), show=False, priority=True),
    ]


class TuitrainApp(App):
    """Train a small neural network and watch it learn."""

    CSS_PATH = "tuitrain.tcss"
    TITLE = "tuitrain"

    def __init__(self, config: RunConfig | None = None) -> None:
        super().__init__()
        # Textual's own bindings stay, but for its command-palette binding, whose description
        # ("palette") it does not translate: app_bindings has a translated one.
        textual_bindings = BindingsMap(
            [binding for _key, binding in self._bindings if binding.action != "command_palette"]
        )
        self._bindings = BindingsMap.merge([textual_bindings, BindingsMap(app_bindings())])
        self.config = config or RunConfig()

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.config))

    @property
    def main(self) -> MainScreen:
        """The main screen, wherever it sits in the screen stack."""
        return next(screen for screen in self.screen_stack if isinstance(screen, MainScreen))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Stop training within one batch and exit at once."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.stop_now()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main

        def run(action: str):
            return lambda: self.call_later(main.run_action, action)

        commands = [
            (_("Start or pause training"), _("Start, pause or resume (space)"), "toggle_training"),
            (_("Step one batch"), _("Train one batch, then pause (s)"), "step('batch')"),
            (_("Step one epoch"), _("Train to the end of the epoch, then pause (e)"), "step('epoch')"),
            (_("Reset"), _("New weights from the seed, history cleared (r)"), "reset"),
            (_("Train faster"), _("Wait less after each batch (+)"), "faster"),
            (_("Train slower"), _("Wait longer after each batch (−)"), "slower"),
            (_("Save model"), _("Write the model, optimizer and history to an .npz file"), "save_model"),
            (_("Load model"), _("Continue from a model file"), "load_model"),
            (_("Export run"), _("Write config.toml, history and model.npz to a folder"), "export_run"),
            (_("Open data file"), _("Train on a CSV, NPZ or IDX file"), "open_data_file"),
            (_("Show layers"), _("The Layers panel (1)"), "show_panel('layers')"),
            (_("Show hyperparameters"), _("The Hyperparameters panel (2)"), "show_panel('hyperparameters')"),
            (_("Show data"), _("The Data panel (3)"), "show_panel('data')"),
        ]
        for title, help_text, action in commands:
            yield SystemCommand(title, help_text, run(action))
        yield SystemCommand(_("Help"), _("Keys and concepts (? or F1)"), self.action_help)


def create_app(config: RunConfig | None = None) -> App:
    """Return the app for ``config``, or for the reference workload when it is None.

    Set the language with ``tuitrain.locales.set_language`` before calling this.
    """
    return TuitrainApp(config)
