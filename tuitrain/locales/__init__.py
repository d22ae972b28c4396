"""User-facing text in English and Simplified Chinese.

English text is the message id, as in gettext: code writes ``_("Start")`` or raises an error
with an English template, and the Chinese catalog maps each English template to its
translation. A missing translation falls back to English, and a test checks that none is
missing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping

from tuitrain.locales.zh_CN import MESSAGES as _ZH

LANGUAGES = ("en", "zh")
"""Language codes accepted by ``--lang``."""

_language = "en"


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """Pick ``"zh"`` or ``"en"`` from ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``, in POSIX order.

    The first of those variables that is set and non-empty decides, as in POSIX. A value
    such as ``zh_CN.UTF-8`` or ``zh_SG`` selects Chinese, and any other value English.
    """
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language_code(name: str) -> str | None:
    """Return ``"en"`` or ``"zh"`` for a name such as en, en_US, zh, zh_CN, zh-CN or
    zh_CN.UTF-8 (in any case), or None for another language."""
    base = name.strip().lower().replace("-", "_").partition(".")[0].partition("_")[0]
    return base if base in LANGUAGES else None


def set_language(language: str) -> None:
    """Make ``language`` (``"en"`` or ``"zh"``) the language of every later message."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    _language = language


def get_language() -> str:
    """Return the current language code."""
    return _language


def _(template: str, **params: object) -> str:
    """Translate ``template`` into the current language and fill in ``params``."""
    text = _ZH.get(template, template) if _language == "zh" else template
    return text.format(**params) if params else text


def render(template: str, params: Mapping[str, object]) -> str:
    """Translate a message template from a record or the catalog and fill in ``params``.

    Values are shown as in errors: floats in short form (10 rather than 10.0), lists
    without brackets.
    """
    from tuitrain.core.errors import format_value

    return _(template, **{key: format_value(value) for key, value in params.items()})


def describe(error: Exception) -> str:
    """Return an error's message in the current language.

    Errors from ``tuitrain.core.errors`` are translated through their template; other
    exceptions keep their own text.
    """
    template = getattr(error, "template", None)
    render = getattr(error, "render", None)
    if template is None or render is None:
        return str(error)
    return render(_ZH.get(template, template) if _language == "zh" else template)


_CLOSING = set("，。、：；！？）」』》,.:;!?)")
"""Punctuation that must not start a line: it stays with the text before it."""

_OPENING = set("（「『《")
"""Punctuation that must not end a line: it stays with the text after it."""


def display_width(text: str) -> int:
    """Return the number of terminal columns ``text`` takes: 2 for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` terminal columns.

    Unlike ``textwrap``, which counts characters, this counts columns, so Chinese lines fit
    the terminal. A line may break between any two Chinese characters, but English words,
    numbers and option names stay whole, and closing punctuation stays with its text. A
    word wider than ``width`` gets a line of its own, as with textwrap's break_long_words
    off.
    """
    # (preceded by a space, text) for each piece that no line break may split.
    units: list[tuple[bool, str]] = []
    space = False
    for piece in re.findall(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\S", text):
        if piece.isspace():
            space = True
            continue
        joins_previous = units and not space and (piece in _CLOSING or units[-1][1][-1] in _OPENING)
        if joins_previous:
            units[-1] = (units[-1][0], units[-1][1] + piece)
        else:
            units.append((space, piece))
        space = False

    lines: list[str] = []
    line, used = "", 0
    for spaced, piece in units:
        gap = " " if spaced and line else ""
        needed = display_width(gap + piece)
        if line and used + needed > width:
            lines.append(line)
            line, used = piece, display_width(piece)
        else:
            line, used = line + gap + piece, used + needed
    if line:
        lines.append(line)
    return lines
