"""Every message template of tuitrain.data has a Chinese translation."""

import string

import pytest

from tuitrain.data import messages
from tuitrain.locales import describe, set_language
from tuitrain.locales.zh_CN.data import MESSAGES
from tuitrain.core.errors import DataError

TEMPLATES = {
    name: value
    for name, value in vars(messages).items()
    if name.isupper() and isinstance(value, str)
}


def fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_templates_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_translation_has_same_fields(name):
    english = TEMPLATES[name]

    assert english in MESSAGES, f"{name} has no Chinese translation"
    assert fields(MESSAGES[english]) == fields(english)


def test_catalog_has_no_stale_keys():
    assert set(MESSAGES) <= set(TEMPLATES.values())


def test_templates_are_distinct():
    assert len(set(TEMPLATES.values())) == len(TEMPLATES)


def test_error_rendered_in_chinese():
    error = DataError(messages.TOO_FEW_ROWS, path="a.csv", count=1)
    set_language("zh")
    try:
        text = describe(error)
    finally:
        set_language("en")

    assert text == "文件 'a.csv' 只有 1 行数据，训练至少需要 2 行。"
