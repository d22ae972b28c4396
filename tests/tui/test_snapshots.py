"""Snapshot tests: the main screens as SVG, compared with the ones stored in __snapshots__.

After an intended change of the screen, refresh them with
``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report.
The app opens untrained and idle, so each screen is the same on every run.
"""

import pytest

from tuitrain.locales import set_language
from tuitrain.presets import get_preset
from tuitrain.tui.app import create_app

SIZE = (120, 40)


@pytest.fixture
def language():
    yield set_language
    set_language("en")


def test_main_screen(snap_compare, language):
    language("en")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=SIZE)


def test_main_screen_chinese(snap_compare, language):
    language("zh")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=SIZE)


def test_hyperparameters_panel(snap_compare, language):
    language("en")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=SIZE, press=["2"])


def test_data_panel_iris(snap_compare, language):
    language("en")
    assert snap_compare(create_app(get_preset("iris")), terminal_size=SIZE, press=["3"])


def test_help_screen(snap_compare, language):
    language("en")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=SIZE, press=["f1"])


def test_help_screen_chinese(snap_compare, language):
    language("zh")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=SIZE, press=["f1"])


def test_small_terminal_notice(snap_compare, language):
    language("en")
    assert snap_compare(create_app(get_preset("reference")), terminal_size=(40, 10))
