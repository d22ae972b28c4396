"""Settings fields that parse their value, show why a value is rejected and post a request."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select


@dataclass
class SettingRequested(Message):
    """A person committed a new value for the setting ``key`` (such as ``optimizer.lr``)."""

    key: str
    value: object
    field: Widget | None = None
    """The field that sent it, to show an error from the trainer under it; None for keys."""


class _LabelledSetting(Vertical):
    """Base of the labelled fields: a reason shown under the widget when a value is invalid."""

    def show_error(self, text: str) -> None:
        self.query_one(".field-error", Label).update(text)
        self.add_class("-invalid")

    def clear_error(self) -> None:
        self.remove_class("-invalid")


class Field(_LabelledSetting):
    """A labelled text input: Enter or leaving the input commits the parsed value."""

    DEFAULT_CSS = """
    Field {
        height: auto;
    }
    Field > Horizontal {
        height: auto;
    }
    Field Label.field-label {
        width: 20;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    Field Input {
        width: 1fr;
    }
    Field Label.field-error {
        display: none;
        width: 1fr;
        height: auto;
        color: $text-error;
        padding: 0 0 0 20;
    }
    Field.-invalid Label.field-error {
        display: block;
    }
    """

    def __init__(self, key: str, label: str, value: str, parse: Callable[[str], object], *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.label = label
        self.parse = parse
        self._committed = value
        self._initial = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label")
            yield Input(self._initial, compact=True, select_on_focus=True)
        yield Label("", classes="field-error")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def set_value(self, value: str) -> None:
        """Show ``value`` without posting a request."""
        self._committed = self._initial = value
        if self.is_mounted and self.query(Input):
            self.input.value = value
        self.clear_error()

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _commit(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        text = event.value
        try:
            value = self.parse(text)
        except ValueError as error:
            self.show_error(str(error))
            return
        self.clear_error()
        if text.strip() == self._committed.strip() and isinstance(event, Input.Blurred):
            return
        self._committed = text
        self.post_message(SettingRequested(self.key, value, self))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()


class ChoiceField(_LabelledSetting):
    """A labelled drop-down; choosing an option commits it."""

    DEFAULT_CSS = """
    ChoiceField {
        height: auto;
    }
    ChoiceField > Horizontal {
        height: auto;
    }
    ChoiceField Label.field-label {
        width: 20;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    ChoiceField Select {
        width: 1fr;
    }
    ChoiceField Label.field-error {
        display: none;
        width: 1fr;
        height: auto;
        color: $text-error;
        padding: 0 0 0 20;
    }
    ChoiceField.-invalid Label.field-error {
        display: block;
    }
    """

    def __init__(self, key: str, label: str, options: Iterable[tuple[str, object]], value: object, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.label = label
        self.options = list(options)
        if value not in [option for _text, option in self.options]:
            # A config value this app does not list (a newer setting) stays selectable.
            self.options.append((str(value), value))
        self._initial = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label")
            yield Select(self.options, value=self._initial, allow_blank=False, compact=True)
        yield Label("", classes="field-error")

    @property
    def select(self) -> Select:
        return self.query_one(Select)

    def set_value(self, value: object) -> None:
        """Show ``value`` without posting a request."""
        self._initial = value
        if self.is_mounted and self.query(Select):
            with self.select.prevent(Select.Changed):
                self.select.value = value
        self.clear_error()

    def set_options(self, options: Iterable[tuple[str, object]], value: object) -> None:
        """Replace the options and show ``value`` without posting a request."""
        self.options = list(options)
        with self.select.prevent(Select.Changed):
            self.select.set_options(self.options)
        self.set_value(value)

    @on(Select.Changed)
    def _commit(self, event: Select.Changed) -> None:
        event.stop()
        # Select also posts Changed when it is mounted or its options change; only a value
        # that differs from the one shown last is a request.
        if event.value is Select.NULL or event.value == self._initial:
            return
        self._initial = event.value
        self.clear_error()
        self.post_message(SettingRequested(self.key, event.value, self))


class SwitchField(Checkbox):
    """A check box that commits its state as a setting."""

    def __init__(self, key: str, label: str, value: bool, *, id: str | None = None) -> None:
        super().__init__(label, value, compact=True, id=id)
        self.key = key
        self._shown = value

    def set_value(self, value: bool) -> None:
        with self.prevent(Checkbox.Changed):
            self.value = value
        self._shown = value

    def show_error(self, text: str) -> None:
        self.app.notify(text, severity="error")

    @on(Checkbox.Changed)
    def _commit(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value == getattr(self, "_shown", None):
            return
        self._shown = event.value
        self.post_message(SettingRequested(self.key, event.value, self))
