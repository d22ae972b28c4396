"""Translations of the command line: every message has Chinese text, and --lang zh uses it."""

from __future__ import annotations

import ast
import re
import string

import pytest

from tuitrain.locales import display_width, wrap
from tuitrain.locales.zh_CN.cli import MESSAGES

from conftest import REPO, tuitrain_env

SOURCES = [REPO / "tuitrain/cli.py", *sorted((REPO / "tuitrain/batch").glob("*.py"))]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _literals() -> list[tuple[str, str]]:
    """Return (file name, English text) for each ``_("...")`` call with a literal first argument."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.append((path.name, node.args[0].value))
    return found


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def test_sources_use_translations():
    assert len(_literals()) > 100


@pytest.mark.parametrize("source, text", _literals())
def test_literal_has_translation(source, text):
    assert text in MESSAGES, f"{source}: no Chinese text for {text!r}"
    assert _fields(MESSAGES[text]) == _fields(text)


def test_catalog_has_no_stale_entries():
    used = {text for _source, text in _literals()}
    assert set(MESSAGES) - used == set()


def test_zh_batch_output(run):
    result = run("--batch", "--epochs", "2", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert '模型："sequential"' in result.stdout
    assert "数据：reference，1000 个样本" in result.stdout
    assert "结束：已完成" in result.stdout


@pytest.mark.parametrize("name", ["zh_CN", "zh-CN", "ZH"])
def test_lang_takes_locale_names(run, name):
    result = run("--batch", "--lr", "abc", "--lang", name)
    assert result.returncode == 2
    assert "学习率 'abc' 无效" in result.stderr


def test_lang_unknown_exits_2(run):
    result = run("--batch", "--lang", "fr")
    assert result.returncode == 2
    assert "invalid choice 'fr': use one of en, zh" in result.stderr


def test_zh_from_locale(run):
    result = run("--batch", "--lr", "abc", env=tuitrain_env(LANG="zh_CN.UTF-8"))
    assert result.returncode == 2
    assert "学习率 'abc' 无效" in result.stderr


def test_zh_data_error(run, case):
    result = run("--batch", "--lang", "zh", "--data", case("missing-values.csv"))
    assert result.returncode == 3
    assert result.stderr.startswith("tuitrain：错误：")
    assert CJK.search(result.stderr)


@pytest.mark.parametrize("lang, heading", [("en", "exit codes:"), ("zh", "退出码：")])
def test_help_in_both_languages(run, lang, heading):
    result = run("--help", "--lang", lang)
    assert result.returncode == 0
    assert heading in result.stdout
    assert "130" in result.stdout
    assert "--early-stopping PATIENCE" in result.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_zh_help_fits_terminal(run, columns):
    """Chinese characters take two columns, so the help wraps by columns, not characters."""
    result = run("--help", "--lang", "zh", env=tuitrain_env(COLUMNS=str(columns)))
    lines = result.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= columns - 2
    assert "referen\n" not in result.stdout
    assert "选项：" in lines
    # The usage block's continuation lines start under its first option.
    assert lines[1].index("[") == display_width("用法：tuitrain ")


def test_wrap_keeps_words_and_punctuation():
    lines = wrap("auto：reference 数据用 none（和 Keras 示例一样），其余用 standard。", 20)
    assert lines == ["auto：reference 数据", "用 none（和 Keras 示", "例一样），其余用", "standard。"]
    assert all(display_width(line) <= 20 for line in lines)


@pytest.mark.parametrize("command", ["predict", "evaluate", "list"])
def test_subcommand_help_zh(run, command):
    result = run(command, "--help", "--lang", "zh")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：tuitrain " + command)


def _cells(text: str) -> int:
    """Return the terminal cells ``text`` takes: 2 for each wide (CJK) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_zh_summary_table_lines_up(run):
    result = run("--batch", "--lang", "zh", "--epochs", "1", "--out", "run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("___"))
    bottom = max(i for i, line in enumerate(lines) if line.startswith("==="))
    table = lines[top : bottom + 1]
    assert len(table) == 7
    assert CJK.search(table[1])
    widths = {_cells(line) for line in table if line.strip()}
    assert len(widths) == 1, table


def test_help_epilog_keeps_columns(run):
    result = run("--help", env=tuitrain_env(COLUMNS="80"))
    assert "  tuitrain list                 list the presets and the built-in data sets\n" in result.stdout
    assert "  tuitrain evaluate MODEL DATA  print the model's loss and metric on labelled\n" in result.stdout
    assert "\n                                data\n" in result.stdout
