"""Language choice and the shared message catalogs."""

import ast
import importlib
import string
from pathlib import Path

import pytest

from tuitrain import messages
from tuitrain.core.errors import ConfigError
from tuitrain.locales import _, describe, detect_language, get_language, set_language
from tuitrain.locales.zh_CN import MESSAGES
from tuitrain.locales.zh_CN import config as zh_config

PACKAGE = Path(__file__).resolve().parents[2] / "tuitrain"


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language("en")


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": ""}, "zh"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_detect_language(environ, expected):
    assert detect_language(environ) == expected


def test_unknown_language_rejected():
    with pytest.raises(ValueError):
        set_language("fr")
    assert get_language() == "en"


def test_translate_follows_language(chinese):
    assert _(messages.BAD_SCALE, value="x") == "未知的缩放方式 'x'。请用 auto、standard 或 none。"


def test_describe_translates_errors(chinese):
    error = ConfigError(messages.BAD_VAL_SPLIT, value=1.5)
    assert "1.5" in describe(error)
    assert "验证集" in describe(error)


def test_describe_english_by_default():
    error = ConfigError(messages.BAD_VAL_SPLIT, value=1.5)
    assert describe(error) == str(error)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_config_messages_translated():
    templates = [v for k, v in vars(messages).items() if k.isupper() and isinstance(v, str)]
    missing = [t for t in templates if t not in zh_config.MESSAGES]
    assert missing == []


def test_translations_keep_fields():
    wrong = [key for key, text in MESSAGES.items() if _fields(key) != _fields(text)]
    assert wrong == []


def test_every_literal_translated():
    """Every _("...") literal anywhere in the package has a Chinese translation."""
    untranslated = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in MESSAGES
            ):
                untranslated.append(f"{path.name}:{node.lineno}: {node.args[0].value}")
    assert untranslated == []


@pytest.mark.parametrize("module", ["tuitrain.messages", "tuitrain.core.messages", "tuitrain.data.messages"])
def test_message_constants_translated(module):
    constants = vars(importlib.import_module(module))
    templates = [v for k, v in constants.items() if k.isupper() and isinstance(v, str)]
    missing = [t for t in templates if t not in MESSAGES]
    assert templates
    assert missing == []
