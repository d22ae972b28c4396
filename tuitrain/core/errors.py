"""Errors raised for bad input, each carrying an English message template and its values.

The template is also the key of the translation catalogs in ``tuitrain.locales``, so the
command line and the app can show the same error in Chinese without the core knowing
about languages: ``str(error)`` gives English, ``tuitrain.locales.describe(error)`` gives
the user's language.
"""

from __future__ import annotations


class TuitrainError(Exception):
    """Base class for errors caused by the user's input, never by a bug in tuitrain.

    Attributes:
        template: English message with ``{name}`` fields, used as the catalog key.
        params: Values for the fields of ``template``.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(self.render(template))

    def render(self, template: str) -> str:
        """Fill ``template`` (this message or its translation) with this error's values."""
        return template.format(**{k: format_value(v) for k, v in self.params.items()})


class ConfigError(TuitrainError):
    """A setting is invalid: an unknown name, a value out of range, a bad combination."""


class DataError(TuitrainError):
    """A data set cannot be loaded or does not fit the model or the loss."""


class ModelFileError(TuitrainError):
    """A model file is missing, truncated, foreign or of an unsupported format version."""


def format_value(value: object) -> str:
    """Format a value for a message: floats in short form, lists without brackets."""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    return str(value)
