"""Parse what a person types into a settings field; a bad value raises ValueError in words.

Each message is already translated, so a field can show it as it is.
"""

from __future__ import annotations

import math

from tuitrain.locales import _


def number(text: str) -> float:
    """Parse a finite number; scientific notation such as ``1e-4`` is accepted."""
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        raise ValueError(_("\"{text}\" is not a number; type a value such as 0.01 or 1e-4.", text=text)) from None
    if not math.isfinite(value):
        raise ValueError(_("{text} is not a finite number; type a value such as 0.01 or 1e-4.", text=text))
    return value


def positive(text: str) -> float:
    """Parse a number greater than 0, such as a learning rate."""
    value = number(text)
    if value <= 0:
        raise ValueError(_("Must be greater than 0, got {value}.", value=text.strip()))
    return value


def non_negative(text: str) -> float:
    """Parse a number that is 0 or more, such as an L2 factor."""
    value = number(text)
    if value < 0:
        raise ValueError(_("Must be 0 or more, got {value}.", value=text.strip()))
    return value


def fraction(text: str) -> float:
    """Parse a share in [0, 1), such as dropout or the validation split."""
    value = number(text)
    if not 0 <= value < 1:
        raise ValueError(_("Must be at least 0 and below 1, got {value}.", value=text.strip()))
    return value


def integer(text: str) -> int:
    """Parse a whole number."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        raise ValueError(_("\"{text}\" is not a whole number.", text=text)) from None


def positive_integer(text: str) -> int:
    """Parse a whole number of 1 or more, such as a batch size."""
    value = integer(text)
    if value < 1:
        raise ValueError(_("Must be 1 or more, got {value}.", value=value))
    return value


def non_negative_integer(text: str) -> int:
    """Parse a whole number of 0 or more, such as epochs where 0 means no limit."""
    value = integer(text)
    if value < 0:
        raise ValueError(_("Must be 0 or more, got {value}.", value=value))
    return value


def noise(text: str) -> float:
    """Parse generator noise: 0 or more, or empty for the generator's default (-1)."""
    if not text.strip():
        return -1.0
    return non_negative(text)


def text_value(text: str) -> str:
    """Return the text without surrounding spaces."""
    return text.strip()
