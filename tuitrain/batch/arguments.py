"""Parsers of command-line values: each checks one option and explains a bad value.

Every parser raises ``argparse.ArgumentTypeError`` with a translated message that names the
value and shows a valid one, so argparse reports it as a usage error (exit code 2).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Iterable

from tuitrain.config import LayerConfig
from tuitrain.core import ACTIVATIONS
from tuitrain.locales import _


def _float(text: str) -> float | None:
    """Return ``text`` as a finite float, or None when it is not one."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _int(text: str) -> int | None:
    """Return ``text`` as an int, or None when it is not a whole number."""
    try:
        return int(text)
    except ValueError:
        return None


def learning_rate(text: str) -> float:
    value = _float(text)
    if value is None or value <= 0:
        raise argparse.ArgumentTypeError(
            _("invalid learning rate '{value}': use a positive number such as 0.001 or 1e-4", value=text)
        )
    return value


def batch_size(text: str) -> int:
    value = _int(text)
    if value is None or value < 1:
        raise argparse.ArgumentTypeError(
            _("invalid batch size '{value}': use a whole number of at least 1, such as 32", value=text)
        )
    return value


def epochs(text: str) -> int:
    value = _int(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(
            _("invalid number of epochs '{value}': use a whole number of 0 or more "
              "(0 trains until stopped)", value=text)
        )
    return value


def val_split(text: str) -> float:
    value = _float(text)
    if value is None or not 0 <= value < 1:
        raise argparse.ArgumentTypeError(
            _("invalid validation split '{value}': use a number of at least 0 and below 1, "
              "such as 0.2", value=text)
        )
    return value


def seed(text: str) -> int:
    value = _int(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(
            _("invalid seed '{value}': use a whole number of 0 or more, such as 42", value=text)
        )
    return value


def patience(text: str) -> int:
    value = _int(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(
            _("invalid patience '{value}': use a whole number of epochs of 0 or more "
              "(0 turns early stopping off)", value=text)
        )
    return value


def count(text: str) -> int:
    """Parse a size such as --samples, --features, --classes or --output-units."""
    value = _int(text)
    if value is None or value < 1:
        raise argparse.ArgumentTypeError(
            _("invalid count '{value}': use a whole number of at least 1", value=text)
        )
    return value


def non_negative(text: str) -> float:
    """Parse --noise, --l1, --l2 and the schedule factor: a number of 0 or more."""
    value = _float(text)
    if value is None or value < 0:
        raise argparse.ArgumentTypeError(
            _("invalid value '{value}': use a number of 0 or more, such as 0.01", value=text)
        )
    return value


def fraction(text: str) -> float:
    """Parse --momentum and --dropout: a number in [0, 1)."""
    value = _float(text)
    if value is None or not 0 <= value < 1:
        raise argparse.ArgumentTypeError(
            _("invalid value '{value}': use a number of at least 0 and below 1, such as 0.9",
              value=text)
        )
    return value


def choice(names: Iterable[str]) -> Callable[[str], str]:
    """Return a parser that accepts one of ``names`` and lists them otherwise."""
    names = list(names)

    def parse(text: str) -> str:
        if text not in names:
            raise argparse.ArgumentTypeError(
                _("invalid choice '{value}': use one of {choices}", value=text, choices=", ".join(names))
            )
        return text

    parse.__name__ = "choice"
    return parse


def layers(text: str) -> list[LayerConfig]:
    """Parse hidden layers such as ``64:relu,32:tanh``; ``none`` means no hidden layer.

    A layer without an activation uses relu.
    """
    if text.strip().lower() in ("", "none"):
        return []
    result = []
    for item in text.split(","):
        units_text, _sep, activation = item.strip().partition(":")
        units = _int(units_text)
        if units is None or units < 1:
            raise argparse.ArgumentTypeError(
                _("invalid layer '{item}' in --layers: write units:activation, such as 64:relu,32:tanh, "
                  "or none for no hidden layer", item=item)
            )
        activation = activation.strip() or "relu"
        if activation not in ACTIVATIONS:
            raise argparse.ArgumentTypeError(
                _("invalid activation '{value}' in --layers: use one of {choices}",
                  value=activation, choices=", ".join(ACTIVATIONS))
            )
        result.append(LayerConfig(units, activation))
    return result


def format_layers(layer_configs: list[LayerConfig]) -> str:
    """Write hidden layers in the form that ``layers`` reads."""
    return ",".join(f"{layer.units}:{layer.activation}" for layer in layer_configs) or "none"
