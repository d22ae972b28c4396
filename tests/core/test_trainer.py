"""The training loop: batching, clamping, metrics, validation and input checks."""

import math

import numpy as np
import pytest

from tuitrain.core import ConfigError, Dense, Sequential, Trainer, get_loss, get_optimizer, messages
from tuitrain.core.metrics import evaluate
from tuitrain.core.records import BatchEnded, EpochEnded, Notice, TrainingEnded

from core_helpers import binary_trainer, blobs, records_of


def test_partial_batch_counts():
    trainer = binary_trainer(0, n=1000, epochs=1, batch_size=32)
    records = []
    trainer.add_listener(records.append)
    trainer.run()
    batches = records_of(records, BatchEnded)
    assert len(batches) == 32
    assert [b.batch_size for b in batches[:-1]] == [32] * 31
    assert batches[-1].batch_size == 8
    assert {b.batches for b in batches} == {32}


def test_partial_batch_loss_mean():
    trainer = binary_trainer(0, n=1000, epochs=1, batch_size=32, dtype="float64")
    captured = {}

    def capture(record):
        # After batch 31's update, theta contains the weights that batch 32 trains on.
        if isinstance(record, BatchEnded) and record.batch == 31:
            captured["theta"] = trainer.model.theta.copy()
            captured["X"] = trainer._X_shuffled[992:].copy()
            captured["y"] = trainer._y_shuffled[992:].copy()
        if isinstance(record, BatchEnded):
            captured.setdefault("batches", []).append(record)

    trainer.add_listener(capture)
    trainer.run()
    last = captured["batches"][-1]
    trainer.model.theta[...] = captured["theta"]
    expected = evaluate(trainer.model, trainer.loss, captured["X"], captured["y"])["loss"]
    assert len(captured["X"]) == 8
    assert last.loss == pytest.approx(expected, rel=1e-12)


def test_epoch_loss_weighted_mean():
    trainer = binary_trainer(0, n=1000, epochs=1, batch_size=32, dtype="float64")
    records = []
    trainer.add_listener(records.append)
    trainer.run()
    batches = records_of(records, BatchEnded)
    weighted = sum(b.loss * b.batch_size for b in batches) / 1000
    assert trainer.history[0]["loss"] == pytest.approx(weighted, rel=1e-12)


def test_batch_size_clamped_notice():
    trainer = binary_trainer(0, n=100, epochs=1, batch_size=500)
    records = []
    trainer.add_listener(records.append)
    trainer.run()
    assert trainer.batch_size == 100
    assert len(trainer.notices) == 1
    assert trainer.notices[0].template == messages.BATCH_SIZE_CLAMPED
    assert trainer.notices[0].params == {"batch_size": 500, "n": 100}
    assert [b.batch_size for b in records_of(records, BatchEnded)] == [100]


def test_history_row_keys():
    trainer = binary_trainer(0, epochs=2)
    trainer.run()
    assert [row["epoch"] for row in trainer.history] == [1, 2]
    assert set(trainer.history[0]) == {"epoch", "loss", "accuracy", "lr", "seconds"}


def test_validation_metrics_present():
    rng = np.random.default_rng(4)
    x = rng.random((300, 5))
    y = (x.sum(1) > 2.5).astype(int)
    model = Sequential([Dense(8, "relu"), Dense(1, "sigmoid")], 5, rng, "float64")
    trainer = Trainer(
        model, get_optimizer("adam"), get_loss("binary_crossentropy"), x[:200], y[:200],
        x[200:], y[200:], rng=rng, epochs=2,
    )
    records = []
    trainer.add_listener(records.append)
    trainer.run()
    last = trainer.history[-1]
    expected = evaluate(model, trainer.loss, x[200:], y[200:, None])
    assert last["val_loss"] == pytest.approx(expected["loss"], rel=1e-12)
    assert last["val_accuracy"] == pytest.approx(expected["accuracy"], rel=1e-12)
    assert "val_accuracy" in records_of(records, EpochEnded)[-1].metrics


def test_evaluate_flat_binary_labels():
    rng = np.random.default_rng(5)
    x = rng.random((50, 3))
    y = (x.sum(1) > 1.5).astype(int)
    model = Sequential([Dense(4, "relu"), Dense(1, "sigmoid")], 3, rng, "float64")
    loss = get_loss("binary_crossentropy")
    flat = evaluate(model, loss, x, y)
    column = evaluate(model, loss, x, y[:, None])
    assert flat["accuracy"] <= 1.0
    assert flat["accuracy"] == column["accuracy"]
    assert flat["loss"] == pytest.approx(column["loss"], rel=1e-12)


def test_regression_reports_mae():
    rng = np.random.default_rng(6)
    x = rng.normal(size=(300, 3))
    y = x @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=300)
    model = Sequential([Dense(16, "relu"), Dense(1, "linear")], 3, rng, "float64")
    trainer = Trainer(
        model, get_optimizer("adam", lr=0.01), get_loss("mse"), x[:200], y[:200],
        x[200:], y[200:], rng=rng, epochs=20,
    )
    trainer.run()
    last = trainer.history[-1]
    expected_mae = float(np.abs(model.predict(x[200:])[:, 0] - y[200:]).mean())
    assert "accuracy" not in last
    assert last["val_mae"] == pytest.approx(expected_mae, rel=1e-12)
    assert last["mae"] < 0.5 * trainer.history[0]["mae"]


def test_multiclass_integer_labels_train():
    rng = np.random.default_rng(7)
    x, y = blobs(rng, per_class=100, classes=3)
    model = Sequential([Dense(16, "relu"), Dense(3, "softmax")], 2, rng)
    trainer = Trainer(
        model, get_optimizer("adam", lr=0.01), get_loss("categorical_crossentropy"), x, y,
        rng=rng, epochs=15, batch_size=32,
    )
    assert trainer.run() == "completed"
    assert trainer.history[-1]["accuracy"] > 0.95
    assert evaluate(model, trainer.loss, x, y)["accuracy"] > 0.95


def test_multiclass_onehot_labels_train():
    rng = np.random.default_rng(8)
    x, y = blobs(rng, per_class=100, classes=3)
    model = Sequential([Dense(16, "relu"), Dense(3, "softmax")], 2, rng)
    trainer = Trainer(
        model, get_optimizer("adam", lr=0.01), get_loss("categorical_crossentropy"), x, np.eye(3)[y],
        rng=rng, epochs=15,
    )
    trainer.run()
    assert trainer.history[-1]["accuracy"] > 0.95


def test_run_ends_with_record():
    trainer = binary_trainer(0, epochs=2)
    records = []
    trainer.add_listener(records.append)
    assert trainer.run() == "completed"
    ended = records_of(records, TrainingEnded)
    assert len(ended) == 1
    assert ended[0].reason == "completed"
    assert ended[0].epoch == 2
    assert trainer.stop_reason == "completed"


def test_clamp_notice_mid_run():
    trainer = binary_trainer(0, n=100, epochs=2, batch_size=10)
    records = []
    trainer.add_listener(records.append)
    trainer.set_batch_size(1000)
    trainer.run()
    notices = records_of(records, Notice)
    assert len(notices) == 1
    assert notices[0].params == {"batch_size": 1000, "n": 100}
    assert trainer.batch_size == 100


@pytest.mark.parametrize("batch_size", [0, -3, 2.5, math.nan])
def test_constructor_rejects_batch_size(batch_size):
    with pytest.raises(ConfigError):
        binary_trainer(0, batch_size=batch_size)


@pytest.mark.parametrize("epochs", [0, -1, 1.5, math.nan])
def test_constructor_rejects_epochs(epochs):
    with pytest.raises(ConfigError):
        binary_trainer(0, epochs=epochs)


def test_constructor_rejects_empty_set():
    rng = np.random.default_rng(0)
    model = Sequential([Dense(1, "sigmoid")], 2, rng)
    with pytest.raises(ConfigError) as caught:
        Trainer(model, get_optimizer("sgd"), get_loss("bce"), np.empty((0, 2)), np.empty(0), rng=rng)
    assert caught.value.template == messages.EMPTY_TRAINING_SET


def test_constructor_rejects_nonbinary_bce_targets():
    rng = np.random.default_rng(0)
    model = Sequential([Dense(1, "sigmoid")], 2, rng)
    with pytest.raises(ConfigError) as caught:
        Trainer(model, get_optimizer("sgd"), get_loss("bce"), np.zeros((3, 2)), np.array([0, 2, 1]), rng=rng)
    assert caught.value.template == messages.BCE_TARGETS_NOT_BINARY
    assert caught.value.params["values"] == "0, 1, 2"


def test_training_accuracy_decides_like_evaluate():
    """Training keeps only the logits, but decides a > 0.5 as evaluate() does, to the bit.

    A logit of 1e-8 is above 0, yet its float32 sigmoid rounds to exactly 0.5, which
    predicts class 0.
    """
    rng = np.random.default_rng(0)
    model = Sequential([Dense(1, "sigmoid")], 2, rng)
    model.layers[0].W[...] = 0
    model.layers[0].b[...] = 1e-8
    X, y = rng.normal(size=(40, 2)), np.ones(40)
    trainer = Trainer(model, get_optimizer("sgd", lr=1e-30), get_loss("bce"), X, y, rng=rng, epochs=1)
    trainer.run()
    assert trainer.history[-1]["accuracy"] == 0.0
    assert evaluate(model, get_loss("bce"), X, y)["accuracy"] == 0.0


def test_constructor_rejects_length_mismatch():
    rng = np.random.default_rng(0)
    model = Sequential([Dense(1, "sigmoid")], 2, rng)
    with pytest.raises(ConfigError) as caught:
        Trainer(model, get_optimizer("sgd"), get_loss("bce"), np.zeros((5, 2)), np.zeros(4), rng=rng)
    assert caught.value.template == messages.LENGTH_MISMATCH


INVALID_COMMANDS = [
    ("set_lr", (0,), {}),
    ("set_lr", (-1,), {}),
    ("set_lr", (math.nan,), {}),
    ("set_lr", (math.inf,), {}),
    ("set_batch_size", (0,), {}),
    ("set_batch_size", (-5,), {}),
    ("set_batch_size", (math.nan,), {}),
    ("set_batch_size", (2.5,), {}),
    ("set_batch_size", (True,), {}),
    ("step", ("sample",), {}),
    ("set_delay", (-1,), {}),
    ("set_delay", (math.nan,), {}),
    ("set_optimizer", (), {"beta_1": 1.5}),
    ("set_optimizer", (), {"momentum": 0.9}),
    ("set_optimizer", ("lbfgs",), {}),
    ("set_regularization", (0,), {"l2": -1.0}),
    ("set_regularization", (None,), {"dropout": 1.0}),
]


@pytest.mark.parametrize("method, args, kwargs", INVALID_COMMANDS)
def test_invalid_command_raises_at_once(method, args, kwargs):
    trainer = binary_trainer(0, epochs=1)
    with pytest.raises(ConfigError):
        getattr(trainer, method)(*args, **kwargs)
    trainer.run()
    assert trainer.changes == []
    assert trainer.optimizer.lr == 0.001
    assert trainer.batch_size == 32


def test_history_limit_thins_rows():
    rng = np.random.default_rng(0)
    X = rng.random((40, 2))
    y = (X.sum(axis=1) > 1).astype(np.int64)
    model = Sequential([Dense(4, "relu"), Dense(1, "sigmoid")], 2, rng)
    trainer = Trainer(model, get_optimizer("adam"), get_loss("binary_crossentropy"), X, y,
                      rng=rng, epochs=50, batch_size=40)
    trainer.history_limit = 8
    trainer.run()
    epochs = [row["epoch"] for row in trainer.history]
    assert len(epochs) <= 8
    assert epochs[0] == 1
    assert epochs[-1] == 50
    assert epochs == sorted(epochs)


def test_memory_flat_over_long_run():
    """With a history limit, 50,000 epochs hold no more memory than 10,000 do."""
    import tracemalloc

    rng = np.random.default_rng(0)
    X = rng.random((8, 2))
    y = (X.sum(axis=1) > 1).astype(np.int64)
    model = Sequential([Dense(4, "relu"), Dense(1, "sigmoid")], 2, rng)
    trainer = Trainer(model, get_optimizer("adam"), get_loss("binary_crossentropy"), X, y,
                      rng=rng, epochs=10_000, batch_size=8, stats_interval=None)
    trainer.history_limit = 500
    trainer.add_listener(lambda record: None)
    tracemalloc.start()
    try:
        trainer.run()
        after_short, _ = tracemalloc.get_traced_memory()
        trainer.epochs = 50_000
        trainer.run()
        after_long, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert trainer.epoch == 50_000
    assert after_long - after_short < 512 * 1024


def test_predictions_between_batches_keep_metric():
    """Predictions of many sizes drop the model's cached arrays; the metric must not go stale."""

    def run(listen):
        rng = np.random.default_rng(0)
        X = rng.normal(size=(300, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        model = Sequential([Dense(8, "relu"), Dense(1, "sigmoid")], 2, rng, "float64")
        trainer = Trainer(
            model, get_optimizer("adam", lr=0.05), get_loss("bce"), X, y,
            rng=rng, epochs=3, batch_size=32, stats_interval=None,
        )
        if listen:
            sizes = iter(range(10**6))
            trainer.add_listener(
                lambda record: model.predict(X[: 50 + next(sizes) % 10])
                if isinstance(record, BatchEnded) else None
            )
        trainer.run()
        return trainer.history

    quiet, busy = run(listen=False), run(listen=True)
    assert [row["accuracy"] for row in busy] == [row["accuracy"] for row in quiet]
    assert [row["loss"] for row in busy] == [row["loss"] for row in quiet]


def test_constructor_rejects_nonbinary_bce_validation_targets():
    rng = np.random.default_rng(0)
    model = Sequential([Dense(1, "sigmoid")], 2, rng)
    with pytest.raises(ConfigError) as caught:
        Trainer(
            model, get_optimizer("sgd"), get_loss("bce"), np.zeros((3, 2)), np.array([0, 1, 1]),
            np.zeros((2, 2)), np.array([0.3, 1.0]), rng=rng,
        )
    assert caught.value.template == messages.BCE_TARGETS_NOT_BINARY
