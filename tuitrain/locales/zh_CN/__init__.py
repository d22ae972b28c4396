"""Simplified Chinese catalog: English template -> Chinese template, one module per area.

Each module keeps the translations of one part of tuitrain, so that the people who change
that part find its text in one place. Field names in braces stay as in English.
"""

from tuitrain.locales.zh_CN import cli, config, core, data, tui

MESSAGES: dict[str, str] = {**core.MESSAGES, **data.MESSAGES, **config.MESSAGES, **cli.MESSAGES, **tui.MESSAGES}
