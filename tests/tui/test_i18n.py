"""Every text literal of the app has a Chinese translation with the same fields."""

import ast
import string
from pathlib import Path

import tuitrain.tui
from tuitrain.locales.zh_CN.tui import MESSAGES

TUI = Path(tuitrain.tui.__file__).parent


def _literals() -> dict[str, str]:
    found = {}
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, path.name)
    return found


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_literals_found():
    assert len(_literals()) > 100


def test_every_literal_translated():
    missing = [text for text in _literals() if text not in MESSAGES]
    assert missing == []


def test_translation_fields_match():
    wrong = [text for text in _literals() if text in MESSAGES and _fields(text) != _fields(MESSAGES[text])]
    assert wrong == []


def test_no_unused_translations():
    unused = sorted(set(MESSAGES) - set(_literals()))
    assert unused == []
