"""Modal dialogs: confirm, message, a path prompt and a data-file picker."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

from tuitrain.locales import _

DATA_SUFFIXES = (".csv", ".npz", ".gz", ".idx", ".ubyte")


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes-or-no question; dismisses with True for yes."""

    BINDINGS = [Binding("escape", "dismiss(False)", show=False), Binding("y", "dismiss(True)", show=False)]

    def __init__(self, title: str, text: str, confirm: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            yield Static(self.text, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm, id="yes", variant="warning")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class MessageScreen(ModalScreen[None]):
    """Show a message that needs attention, such as a diverged run."""

    BINDINGS = [Binding("escape", "dismiss", show=False), Binding("enter", "dismiss", show=False)]

    def __init__(self, title: str, text: str, *, error: bool = False) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box error" if self.error else "dialog-box") as box:
            box.border_title = self.title_text
            yield Static(self.text, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed)
    def _close(self) -> None:
        self.dismiss(None)


class _PathDialog(ModalScreen[Path | None]):
    """Base of the dialogs that end with the path typed in the ``#path`` input, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class PathScreen(_PathDialog):
    """Ask for a file or folder path; dismisses with the path, or None when cancelled."""

    def __init__(self, title: str, prompt: str, default: str, confirm: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.default = default
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            yield Label(self.prompt)
            yield Input(self.default, id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm, id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")



class DataFileTree(DirectoryTree):
    """A directory tree that lists folders and data files only."""

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.name.endswith(DATA_SUFFIXES))]


class FilePickerScreen(_PathDialog):
    """Pick a CSV, NPZ or IDX data file from a directory tree, or type its path."""

    def __init__(self, start: Path) -> None:
        super().__init__(classes="dialog")
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box picker") as box:
            box.border_title = _("Open a data file")
            yield Label(_("Choose a CSV, NPZ or IDX file, or type its path and press Enter."))
            yield DataFileTree(self.start, id="tree")
            yield Input("", id="path", placeholder=_("path/to/data.csv"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Open"), id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    @on(DirectoryTree.FileSelected)
    def _selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)

