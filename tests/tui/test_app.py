"""Pilot tests: drive the app with keys and check that the trainer did what was asked."""

import asyncio
import functools
import time

import numpy as np
import pytest

from tuitrain.config import RunConfig
from tuitrain.experiment import build_experiment
from tuitrain.core.records import SettingChanged
from tuitrain.locales import set_language
from tuitrain.presets import get_preset
from tuitrain.tui.app import create_app
from tuitrain.tui.screens.dialogs import ConfirmScreen, MessageScreen
from tuitrain.tui.widgets.fields import ChoiceField
from tuitrain.tui.widgets.fields import Field
from tuitrain.tui.widgets.layers import LayersPanel

SIZE = (120, 40)


def sync(test):
    """Run an async test in its own event loop (the project has no pytest-asyncio)."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return wrapper


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


async def wait_until(pilot, predicate, timeout=15.0):
    """Let the app run until ``predicate()`` is true; fail after ``timeout`` seconds."""
    async def poll():
        while not predicate():
            await pilot.pause(0.02)
    await asyncio.wait_for(poll(), timeout)


async def finish(pilot):
    screen = pilot.app.main
    screen.stop_now()
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(), 15)


def slow_config(**training) -> RunConfig:
    config = RunConfig()
    config.training.epochs = 0
    for key, value in training.items():
        setattr(config.training, key, value)
    return config


@sync
async def test_app_opens_with_reference_workload():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        experiment = app.main.experiment
        assert experiment.model.input_dim == 20
        assert [layer.units for layer in experiment.model.layers] == [64, 64, 1]
        assert experiment.model.layers[-1].activation == "sigmoid"
        assert experiment.trainer.step_count == 0


@sync
async def test_space_starts_and_pauses():
    app = create_app(slow_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("space")
        await wait_until(pilot, lambda: trainer.epoch >= 1 and app.main.running)
        await pilot.press("space")
        await wait_until(pilot, lambda: not app.main.running)
        steps = trainer.step_count
        await pilot.pause(0.3)
        assert trainer.step_count == steps
        await finish(pilot)


@sync
async def test_step_trains_one_batch():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("s")
        await wait_until(pilot, lambda: trainer.step_count == 1 and app.main.training_active and not app.main.running)
        await pilot.pause(0.2)
        assert trainer.step_count == 1
        # The loss numbers show whole epochs, so the status line shows the batch's loss.
        status = str(app.main.query_one("#status-details").content)
        assert status.startswith("batch 1/32 · batch loss 0.")
        assert app.main.query_one("#loss-chart").border_subtitle == "First point: end of epoch 1"
        await finish(pilot)


@sync
async def test_step_epoch_trains_one_epoch():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("e")
        await wait_until(pilot, lambda: trainer.epoch == 1 and not app.main.running)
        await pilot.pause(0.2)
        assert trainer.epoch == 1
        assert trainer.step_count == 32
        await finish(pilot)


@sync
async def test_learning_rate_changes_mid_run():
    app = create_app(slow_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("space")
        await wait_until(pilot, lambda: trainer.epoch >= 1)
        app.main.action_show_panel("hyperparameters")
        await pilot.pause()
        field = app.main.query_one("#hyper-panel Field", Field)
        assert field.key == "optimizer.lr"
        field.input.focus()
        field.input.value = "1e-2"
        await pilot.press("enter")
        await wait_until(pilot, lambda: trainer.optimizer.lr == pytest.approx(0.01))
        change = trainer.changes[-1]
        assert isinstance(change, SettingChanged)
        assert (change.name, change.old, change.new) == ("lr", pytest.approx(0.001), pytest.approx(0.01))
        assert app.main.config.optimizer.lr == pytest.approx(0.01)
        await wait_until(pilot, lambda: app.main.query_one("#loss-chart").changes)
        await finish(pilot)


@pytest.mark.parametrize("text", ["0", "-1", "nan", "fast"])
@sync
async def test_invalid_learning_rate_rejected_inline(text):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.action_show_panel("hyperparameters")
        await pilot.pause()
        field = app.main.query_one("#hyper-panel Field", Field)
        field.input.focus()
        field.input.value = text
        await pilot.press("enter")
        await pilot.pause()
        assert field.has_class("-invalid")
        assert str(field.query_one(".field-error").render()).strip()
        assert app.main.experiment.trainer.optimizer.lr == pytest.approx(0.001)


@sync
async def test_batch_size_and_speed_reach_trainer():
    app = create_app(slow_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("space")
        await wait_until(pilot, lambda: app.main.running)
        assert app.main.request_setting("training.batch_size", 64)
        await wait_until(pilot, lambda: trainer.batch_size == 64)
        await pilot.press("minus")
        await wait_until(pilot, lambda: trainer.delay > 0)
        await pilot.press("plus")
        await wait_until(pilot, lambda: trainer.delay == 0)
        await finish(pilot)


@sync
async def test_reset_keeps_speed():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("minus", "minus")
        await wait_until(pilot, lambda: app.main.speed > 0)
        delay = app.main.speed
        old_trainer = app.main.experiment.trainer
        await pilot.press("r")
        await wait_until(pilot, lambda: app.main.experiment.trainer is not old_trainer)
        assert app.main.experiment.trainer.delay == delay
        assert app.main.query_one("#speed", ChoiceField).select.value == delay


@sync
async def test_regularization_reaches_every_hidden_layer():
    app = create_app(slow_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        trainer = app.main.experiment.trainer
        await pilot.press("space")
        await wait_until(pilot, lambda: app.main.running)
        assert app.main.request_setting("regularization.l2", 1e-4)
        await wait_until(pilot, lambda: all(layer.l2 == 1e-4 for layer in trainer.model.layers[:-1]))
        assert trainer.model.layers[-1].l2 == 0.0
        await finish(pilot)


@sync
async def test_reset_restores_fresh_weights():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        theta = app.main.experiment.model.theta.copy()
        await pilot.press("e")
        await wait_until(pilot, lambda: app.main.experiment.trainer.epoch == 1)
        await pilot.press("r")
        await wait_until(pilot, lambda: app.main.experiment.trainer.step_count == 0)
        np.testing.assert_array_equal(app.main.experiment.model.theta, theta)


@sync
async def test_add_layer_rebuilds_untrained_network():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#layer-add")
        await wait_until(pilot, lambda: len(app.main.experiment.model.layers) == 4)
        assert len(app.main.config.model.layers) == 3


@sync
async def test_layer_change_after_training_asks_first():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: app.main.experiment.trainer.epoch == 1)
        app.main.query_one(LayersPanel).remove_layer()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        # A click before the dialog's first layout can miss its button on a busy machine.
        await pilot.pause()
        await pilot.click("#yes")
        await wait_until(pilot, lambda: len(app.main.experiment.model.layers) == 2)
        assert app.main.experiment.trainer.step_count == 0


@sync
async def test_preset_reaches_trainer_like_a_key():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.change_config(get_preset("moons"))
        await wait_until(pilot, lambda: app.main.experiment.dataset.name == "moons")
        assert app.main.experiment.model.input_dim == 2


@sync
async def test_bad_data_file_shown_in_words(tmp_path):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.main.request_setting("data.source", str(tmp_path / "missing.csv"))
        await wait_until(pilot, lambda: app.main.query_one("#data-error").display)
        text = str(app.main.query_one("#data-error").render())
        assert "missing.csv" in text
        assert app.main.experiment.dataset.name == "reference"


@sync
async def test_divergence_pauses_with_message():
    config = RunConfig()
    config.optimizer.name = "sgd"
    config.optimizer.lr = 1e12
    app = create_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageScreen))
        trainer = app.main.experiment.trainer
        assert trainer.stop_reason == "diverged"
        assert np.isfinite(trainer.model.theta).all()
        app.main.redraw_charts()


@sync
async def test_worker_error_is_shown(monkeypatch):
    def broken(trainer):
        raise RuntimeError("boom in the training thread")

    monkeypatch.setattr("tuitrain.tui.screens.main.run_in_process", broken)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await wait_until(pilot, lambda: any("boom" in n.message for n in app._notifications))


@sync
async def test_small_terminal_shows_notice():
    app = create_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        notice = app.main.query_one("#too-small")
        assert notice.display
        assert "80×24" in str(notice.render())
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.main.has_class("-too-small")


@sync
async def test_quit_mid_run_is_prompt():
    app = create_app(slow_config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await wait_until(pilot, lambda: app.main.running)
        started = time.perf_counter()
        await pilot.press("q")
        await asyncio.wait_for(app.workers.wait_for_complete(), 5)
    assert time.perf_counter() - started < 5


@sync
async def test_help_opens_with_f1():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


@sync
async def test_command_palette_lists_actions():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.main)]
        for title in ("Start or pause training", "Step one batch", "Reset", "Save model", "Export run"):
            assert title in titles


@sync
async def test_export_writes_run_folder(tmp_path):
    from tuitrain.tui.export import write_run_folder

    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: app.main.experiment.trainer.epoch == 1 and not app.main.running)
        paths = write_run_folder(app.main.experiment, tmp_path / "run")
        await finish(pilot)
    assert sorted(p.name for p in paths) == [
        "config.toml", "history.csv", "history.json", "model.npz", "summary.json"
    ]
    assert all(p.is_file() for p in paths)
    assert (tmp_path / "run" / "history.csv").read_text().startswith("epoch,")


@sync
async def test_chinese_app_starts():
    set_language("zh")
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "网络层" in str(app.main.query_one("#panels").query("ContentTab").first().label)
        await pilot.press("space")
        await wait_until(pilot, lambda: app.main.experiment.trainer.epoch >= 1)
        await finish(pilot)


@sync
async def test_app_history_matches_headless():
    config = get_preset("iris")
    config.training.epochs = 4
    headless = build_experiment(get_preset("iris"))
    headless.trainer.epochs = 4
    headless.trainer.run()

    app = create_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        trainer = app.main.experiment.trainer
        await wait_until(pilot, lambda: trainer.stop_reason == "completed")
        await asyncio.wait_for(app.workers.wait_for_complete(), 15)
        strip = lambda rows: [{k: v for k, v in row.items() if k != "seconds"} for row in rows]
        assert strip(trainer.history) == strip(headless.trainer.history)
        assert np.array_equal(app.main.experiment.model.theta, headless.model.theta)


@sync
async def test_tab_moves_focus():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = set()
        for _ in range(6):
            await pilot.press("tab")
            seen.add(id(app.focused))
        assert len(seen) > 1


@sync
async def test_ctrl_p_opens_palette():
    from textual.command import CommandPalette

    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@sync
async def test_escape_leaves_text_field():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        target = next(w for w in app.main.query("Input") if w.display)
        target.focus()
        await pilot.pause()
        assert app.focused is target
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is not target


@sync
async def test_slower_before_training_steps_down():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("minus")
            await pilot.pause()
        speed = app.main.query_one("#speed").select.value
        assert speed == 0.1


@sync
async def test_small_terminal_does_not_start():
    app = create_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.press("s")
        await pilot.pause(0.3)
        assert not app.main.training_active
        assert app.main.experiment.trainer.step_count == 0


@sync
async def test_small_terminal_keeps_essentials_in_view():
    """At 80×24 the spare buttons, empty validation numbers and the metric chart give way."""
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main
        for selector in ("#control-save", "#control-export", "#status-val-loss", "#metric-chart"):
            assert not screen.query_one(selector).display, selector
        for selector in ("#control-start", "#speed", "#status-loss", "#status-metric", "#loss-chart"):
            assert screen.query_one(selector).display, selector
            assert screen.query_one(selector).region.right <= 80, selector

    async with create_app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        for selector in ("#control-save", "#control-export", "#status-val-loss", "#metric-chart"):
            assert pilot.app.main.query_one(selector).display, selector
