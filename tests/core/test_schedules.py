"""Learning-rate schedule factors, early stopping and restoring the best weights."""

import math

import numpy as np
import pytest

from tuitrain.core import ConfigError, EarlyStopping, get_schedule
from tuitrain.core.records import EpochEnded

from core_helpers import binary_trainer


def factors(schedule, losses):
    return [schedule.factor(epoch, loss) for epoch, loss in enumerate(losses, start=1)]


def test_constant_factor():
    assert factors(get_schedule("constant"), [1.0, 0.5, 0.2]) == [1.0, 1.0, 1.0]


def test_step_decay_factors():
    schedule = get_schedule("step", step_size=2, gamma=0.5)
    assert factors(schedule, [1.0] * 5) == [1.0, 0.5, 0.5, 0.25, 0.25]


def test_exponential_factors():
    schedule = get_schedule("exponential", gamma=0.9)
    assert factors(schedule, [1.0] * 3) == pytest.approx([0.9, 0.81, 0.729], rel=1e-12)


def test_cosine_factors():
    schedule = get_schedule("cosine", epochs=4, min_factor=0.2)
    expected = [0.2 + 0.8 * 0.5 * (1 + math.cos(math.pi * min(e, 4) / 4)) for e in (1, 2, 3, 4, 5)]
    result = factors(schedule, [1.0] * 5)
    assert result == pytest.approx(expected, rel=1e-12)
    assert result[1] == pytest.approx(0.6, rel=1e-12)
    assert result[3] == pytest.approx(0.2, rel=1e-12)
    assert result[4] == pytest.approx(0.2, rel=1e-12)


def test_plateau_factors():
    schedule = get_schedule("plateau", patience=2, gamma=0.1, min_factor=0.005)
    losses = [1.0, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
    result = factors(schedule, losses)
    assert result[:4] == [1.0, 1.0, 1.0, 0.1]
    assert result[4:7] == pytest.approx([0.1, 0.1, 0.01], rel=1e-12)
    assert result[7:] == pytest.approx([0.01, 0.005, 0.005, 0.005], rel=1e-12)


def test_plateau_state_roundtrip():
    schedule = get_schedule("plateau", patience=2)
    factors(schedule, [1.0, 1.0, 1.0])
    copy = get_schedule("plateau", patience=2)
    copy.load_state(schedule.state())
    assert copy.factor(4, 1.0) == schedule.factor(4, 1.0)


@pytest.mark.parametrize(
    "name, params",
    [
        ("step", {"step_size": 0}),
        ("step", {"gamma": 0}),
        ("exponential", {"gamma": 1.5}),
        ("cosine", {"epochs": 0}),
        ("cosine", {"min_factor": 2}),
        ("plateau", {"patience": 0}),
        ("plateau", {"warmup": 3}),
        ("linear", {}),
    ],
)
def test_schedule_rejects_setting(name, params):
    with pytest.raises(ConfigError):
        get_schedule(name, **params)


def test_trainer_applies_schedule():
    trainer = binary_trainer(0, epochs=4, schedule=get_schedule("step", step_size=2, gamma=0.5))
    trainer.run()
    assert [row["lr"] for row in trainer.history] == pytest.approx([1e-3, 1e-3, 5e-4, 5e-4], rel=1e-12)


def test_early_stopping_counts_patience():
    stopper = EarlyStopping(patience=2)
    assert stopper.update(1, 1.0) == (True, False)
    assert stopper.update(2, 1.0) == (False, False)
    assert stopper.update(3, 0.5) == (True, False)
    assert stopper.update(4, 0.6) == (False, False)
    assert stopper.update(5, 0.7) == (False, True)
    assert stopper.best_epoch == 3


@pytest.mark.parametrize("patience", [0, -1, 1.5])
def test_early_stopping_rejects_patience(patience):
    with pytest.raises(ConfigError):
        EarlyStopping(patience=patience)


def early_stopping_run(restore_best):
    # No later epoch can improve on the first by min_delta 10, so training stops after
    # epoch 1 + patience with epoch 1 as the best.
    trainer = binary_trainer(
        0, epochs=20, early_stopping=EarlyStopping(patience=2, min_delta=10.0, restore_best=restore_best)
    )
    snapshots = {}

    def listen(record):
        if isinstance(record, EpochEnded):
            snapshots[record.epoch] = trainer.model.theta.copy()

    trainer.add_listener(listen)
    return trainer.run(), trainer, snapshots


def test_early_stopping_stops():
    reason, trainer, _ = early_stopping_run(restore_best=True)
    assert reason == "early_stopping"
    assert trainer.epoch == 3
    assert len(trainer.history) == 3


def test_early_stopping_restores_best():
    _, trainer, snapshots = early_stopping_run(restore_best=True)
    assert not np.array_equal(snapshots[1], snapshots[3])
    np.testing.assert_array_equal(trainer.model.theta, snapshots[1])


def test_early_stopping_keeps_last():
    _, trainer, snapshots = early_stopping_run(restore_best=False)
    np.testing.assert_array_equal(trainer.model.theta, snapshots[3])


def test_early_stopping_monitors_val_loss():
    rng = np.random.default_rng(1)
    from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer

    # Random labels: the training loss falls while the validation loss rises.
    x = rng.normal(size=(60, 8))
    y = rng.integers(0, 2, 60)
    model = Sequential([Dense(64, "relu"), Dense(1, "sigmoid")], 8, rng)
    trainer = Trainer(
        model, get_optimizer("adam", lr=0.01), get_loss("binary_crossentropy"), x[:40], y[:40],
        x[40:], y[40:], rng=rng, epochs=200, batch_size=8, early_stopping=EarlyStopping(patience=3),
    )
    snapshots = {}
    trainer.add_listener(
        lambda r: snapshots.__setitem__(r.epoch, model.theta.copy()) if isinstance(r, EpochEnded) else None
    )
    assert trainer.run() == "early_stopping"
    val_losses = [row["val_loss"] for row in trainer.history]
    best = int(np.argmin(val_losses)) + 1
    assert trainer.early_stopping.best_epoch == best
    assert trainer.epoch == best + 3
    np.testing.assert_array_equal(model.theta, snapshots[best])
