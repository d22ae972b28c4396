"""The divergence guard: a non-finite loss, gradient or weight ends the run cleanly."""

import warnings

import numpy as np
import pytest

from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer, messages
from tuitrain.core.records import BatchEnded, TrainingDiverged, TrainingEnded

from core_helpers import records_of, xor_data


def diverging_run(scale=1.0, lr=10.0, optimizer="sgd"):
    """Train a regression net on XOR with a learning rate far too high.

    Mean squared error with a linear output has an unbounded gradient, so the weights blow
    up within a few batches. Sigmoid with binary cross-entropy has a gradient bounded by 1
    per sample, and on this data it stayed finite at learning rates of 10 and 100.
    """
    rng = np.random.default_rng(0)
    x, y = xor_data(rng, scale=scale)
    model = Sequential([Dense(16, "relu"), Dense(1, "linear")], 2, rng)
    trainer = Trainer(
        model, get_optimizer(optimizer, lr=lr), get_loss("mse"), x, y, rng=rng, epochs=20, batch_size=32
    )
    records = []
    snapshots = []

    def listen(record):
        records.append(record)
        if isinstance(record, BatchEnded):
            snapshots.append(model.theta.copy())

    trainer.add_listener(listen)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reason = trainer.run()
    return reason, trainer, records, snapshots


def test_divergence_returns_diverged():
    reason, trainer, records, _ = diverging_run()
    assert reason == "diverged"
    assert trainer.stop_reason == "diverged"
    assert records_of(records, TrainingEnded)[-1].reason == "diverged"


def test_divergence_record_fields():
    _, trainer, records, _ = diverging_run()
    diverged = records_of(records, TrainingDiverged)
    batches = records_of(records, BatchEnded)
    assert len(diverged) == 1
    record = diverged[0]
    assert record.epoch == 1
    assert record.batch == len(batches) + 1
    assert record.step == trainer.step_count
    assert record.quantity in ("loss", "gradient", "weights")


def test_divergence_cause_sgd_lr():
    _, _, records, _ = diverging_run()
    record = records_of(records, TrainingDiverged)[0]
    assert record.cause == messages.CAUSE_SGD_LR
    assert record.cause_params["lr"] == 10.0
    assert record.cause_params["suggested"] == 0.01  # a tenth, but at most SGD's default
    assert "learning rate 10" in record.cause.format(**record.cause_params)


def test_divergence_cause_other_optimizer():
    # Adam moves each weight by about lr per step whatever the gradient, so it takes a
    # rate this large for the squared error to overflow float32.
    reason, _, records, _ = diverging_run(lr=1e12, optimizer="adam")
    assert reason == "diverged"
    record = records_of(records, TrainingDiverged)[0]
    assert record.cause == messages.CAUSE_LR
    assert record.cause_params["optimizer"] == "Adam"


def test_divergence_keeps_finite_weights():
    _, trainer, _, snapshots = diverging_run()
    assert np.isfinite(trainer.model.theta).all()
    np.testing.assert_array_equal(trainer.model.theta, snapshots[-1])


def test_divergence_unscaled_inputs():
    reason, trainer, records, _ = diverging_run(scale=1000.0, lr=0.01)
    assert reason == "diverged"
    record = records_of(records, TrainingDiverged)[0]
    assert record.cause == messages.CAUSE_UNSCALED
    assert record.cause_params["scale"] > 100
    assert np.isfinite(trainer.model.theta).all()


def test_reason_set_before_record():
    rng = np.random.default_rng(0)
    X = rng.random((64, 2))
    y = rng.random((64, 1)) * 100
    model = Sequential([Dense(8, "relu"), Dense(1, "linear")], 2, rng)
    trainer = Trainer(model, get_optimizer("sgd", lr=1e6), get_loss("mse"), X, y, rng=rng, epochs=50)
    seen = []
    trainer.add_listener(
        lambda record: seen.append(trainer.stop_reason) if isinstance(record, TrainingDiverged) else None
    )
    assert trainer.run() == "diverged"
    assert seen == ["diverged"]


class SpoiledGradient(type(get_loss("mse"))):
    """Mean squared error whose gradient turns infinite at the third batch, and from then
    on unless ``once``."""

    def __init__(self, once=False):
        self.calls = 0
        self.once = once

    def gradient(self, a, y, out):
        self.calls += 1
        super().gradient(a, y, out)
        if self.calls == 3 or (self.calls > 3 and not self.once):
            out[0] = np.inf
        return out


def guarded_run(loss, optimizer, target_scale=1.0):
    """Train a small regression net and return the trainer, its records and θ after each batch."""
    rng = np.random.default_rng(0)
    x, y = xor_data(rng)
    y = y * target_scale
    model = Sequential([Dense(8, "relu"), Dense(1, "linear")], 2, rng)
    trainer = Trainer(model, optimizer, loss, x, y, rng=rng, epochs=2, batch_size=32)
    records, snapshots = [], []

    def listen(record):
        records.append(record)
        if isinstance(record, BatchEnded):
            snapshots.append(model.theta.copy())

    trainer.add_listener(listen)
    assert trainer.run() == "diverged"
    return trainer, records_of(records, TrainingDiverged)[0], snapshots


def test_nonfinite_gradient_keeps_weights():
    trainer, record, snapshots = guarded_run(SpoiledGradient(), get_optimizer("adam"))
    assert record.quantity == "gradient"
    assert record.batch == 3
    assert record.layer == 0
    np.testing.assert_array_equal(trainer.model.theta, snapshots[-1])
    # The rejected update was not applied, so the last update is zero.
    assert not trainer.optimizer.update.any()
    assert all(stats.update_ratio == 0 for stats in trainer.layer_stats())


def test_overflowing_update_keeps_weights():
    # Targets of 1000 make the bias gradients about 60, and lr times that overflows
    # float32, though the gradient itself is finite.
    trainer, record, snapshots = guarded_run(
        get_loss("mse"), get_optimizer("sgd", lr=1e38), target_scale=1000.0
    )
    assert record.quantity == "weights"
    assert record.batch == 1
    assert record.layer is not None
    assert not snapshots
    assert np.isfinite(trainer.model.theta).all()
    assert trainer.step_count == 0


def test_run_goes_on_after_gradient_divergence():
    """After a rejected update the optimizer is as it was, so a second run() trains on."""
    rng = np.random.default_rng(0)
    x, y = xor_data(rng)
    model = Sequential([Dense(8, "relu"), Dense(1, "linear")], 2, rng)
    trainer = Trainer(model, get_optimizer("adam"), SpoiledGradient(once=True), x, y, rng=rng, epochs=2, batch_size=32)
    assert trainer.run() == "diverged"
    trainer.set_lr(0.0005)
    assert trainer.run() == "completed"
    assert np.isfinite(model.theta).all()
    assert trainer.epoch == 2


def test_suggested_lr_is_a_tenth_up_to_default():
    rng = np.random.default_rng(0)
    x, y = xor_data(rng)
    model = Sequential([Dense(1, "linear")], 2, rng)
    trainer = Trainer(model, get_optimizer("adam"), get_loss("mse"), x, y, rng=rng)
    assert trainer._suggested_lr(0.005) == pytest.approx(0.0005)
    assert trainer._suggested_lr(1000.0) == 0.001
