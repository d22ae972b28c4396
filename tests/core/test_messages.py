"""Every core message has a Chinese translation with the same fields, shown by describe()."""

import string

import pytest

import tuitrain.locales
from tuitrain.core import ConfigError, ModelFileError, get_optimizer, messages
from tuitrain.locales.zh_CN import core as zh_core


def message_constants():
    return {name: value for name, value in vars(messages).items() if name.isupper() and isinstance(value, str)}


def fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("name", sorted(message_constants()))
def test_message_has_translation(name):
    template = message_constants()[name]
    assert template in zh_core.MESSAGES, f"{name} has no Chinese translation"
    assert fields(zh_core.MESSAGES[template]) == fields(template)
    assert zh_core.MESSAGES[template] != template


def test_catalog_has_no_stale_keys():
    assert set(zh_core.MESSAGES) <= set(message_constants().values())


@pytest.fixture
def chinese():
    tuitrain.locales.set_language("zh")
    yield
    tuitrain.locales.set_language("en")


def test_describe_chinese_error(chinese):
    with pytest.raises(ConfigError) as caught:
        get_optimizer("adam", lr=-1)
    assert tuitrain.locales.describe(caught.value) == "学习率须为正数，例如 0.001 或 1e-4，收到的是 -1。"


def test_describe_chinese_model_file(chinese):
    error = ModelFileError(messages.MODEL_FILE_VERSION, path="m.npz", version=3, supported=1)
    text = tuitrain.locales.describe(error)
    assert text.startswith("模型文件 m.npz 的格式版本为 3")
    assert "请升级 tuitrain" in text


def test_describe_english_default():
    error = ConfigError(messages.BAD_BATCH_SIZE, value=0)
    assert tuitrain.locales.get_language() == "en"
    assert tuitrain.locales.describe(error) == str(error)
    assert str(error) == "Batch size must be a whole number of at least 1, but got 0. Try 32."
