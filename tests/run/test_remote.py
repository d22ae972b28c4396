"""Training in a child process: same history, commands across the pipe, errors surface."""

import threading
import time

import numpy as np
import pytest

from tuitrain.core.records import BatchEnded, EpochEnded, SettingChanged, StateChanged, TrainingEnded
from tuitrain.experiment import build_experiment
from tuitrain.presets import get_preset
from tuitrain.remote import TrainingProcessError, run_in_process

TIMEOUT = 30.0


def _experiment(name: str = "iris", epochs: int = 8):
    config = get_preset(name)
    config.training.epochs = epochs
    return build_experiment(config, stats_interval=0.25)


def _without_seconds(history):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history]


def _wait(predicate, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the training process"
        time.sleep(0.02)


def test_child_matches_local_run():
    local = _experiment()
    local.trainer.run()
    remote = _experiment()
    reason = run_in_process(remote.trainer)
    assert reason == "completed"
    assert _without_seconds(remote.trainer.history) == _without_seconds(local.trainer.history)
    assert np.array_equal(remote.model.theta, local.model.theta)
    assert remote.trainer.step_count == local.trainer.step_count
    assert remote.trainer.optimizer.iterations == local.trainer.optimizer.iterations
    assert np.array_equal(remote.trainer.optimizer.state["m_sum"], local.trainer.optimizer.state["m_sum"])


def test_child_continues_after_local_epochs():
    local = _experiment(epochs=6)
    local.trainer.run()
    split = _experiment(epochs=3)
    split.trainer.run()
    split.trainer.epochs = 6
    run_in_process(split.trainer)
    assert _without_seconds(split.trainer.history) == _without_seconds(local.trainer.history)
    assert np.array_equal(split.model.theta, local.model.theta)


def test_listeners_get_child_records():
    experiment = _experiment(epochs=3)
    kinds = []
    experiment.trainer.add_listener(lambda record: kinds.append(type(record)))
    run_in_process(experiment.trainer)
    assert kinds.count(EpochEnded) == 3
    assert BatchEnded in kinds
    assert kinds[-1] is TrainingEnded


def test_commands_reach_child():
    experiment = _experiment("reference", epochs=0)
    trainer = experiment.trainer
    states = []
    trainer.add_listener(lambda record: states.append(record.state) if isinstance(record, StateChanged) else None)
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("reason", run_in_process(trainer)))
    thread.start()
    try:
        _wait(lambda: trainer.epoch >= 2)
        trainer.pause()
        _wait(lambda: states and states[-1] == "paused")
        paused_at = trainer.step_count

        trainer.set_lr(0.01)
        trainer.step("batch")
        _wait(lambda: trainer.step_count == paused_at + 1)
        assert trainer.optimizer.lr == 0.01
        assert isinstance(trainer.changes[-1], SettingChanged)
        assert trainer.changes[-1].new == 0.01
    finally:
        trainer.stop()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert result["reason"] == "stopped"
    assert trainer.stop_reason == "stopped"
    assert len(trainer.history) == trainer.epoch


def test_pending_commands_go_first():
    experiment = _experiment(epochs=5)
    trainer = experiment.trainer
    trainer.step("batch")
    thread = threading.Thread(target=run_in_process, args=(trainer,))
    thread.start()
    try:
        _wait(lambda: trainer.step_count == 1)
        time.sleep(0.2)
        assert trainer.step_count == 1
    finally:
        trainer.stop()
        thread.join(TIMEOUT)
    assert not thread.is_alive()


def test_child_error_is_raised():
    experiment = _experiment(epochs=1)
    experiment.trainer.loss.name = "no_such_loss"
    with pytest.raises(TrainingProcessError) as error:
        run_in_process(experiment.trainer)
    assert "no_such_loss" in str(error.value)
