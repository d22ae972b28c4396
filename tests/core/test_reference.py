"""The reference binary workload against Keras's numbers, model summaries and determinism.

The project measured Keras on this workload at a final loss of 0.411 +- 0.043 and an
accuracy of 0.844 +- 0.024 (not rerun here), so the bounds below leave room for seed noise.
"""

import numpy as np
import pytest

from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer

from core_helpers import binary_trainer


def reference_run(seed, dtype="float32"):
    rng = np.random.default_rng(seed)
    x = rng.random((1000, 20))
    y = (x.sum(1) > 10).astype(int)
    model = Sequential([Dense(64, "relu"), Dense(64, "relu"), Dense(1, "sigmoid")], 20, rng, dtype)
    trainer = Trainer(
        model, get_optimizer("adam"), get_loss("binary_crossentropy"), x, y,
        rng=rng, epochs=10, batch_size=32,
    )
    reason = trainer.run()
    return reason, trainer


@pytest.mark.parametrize("seed", range(10))
def test_reference_workload_seed(seed):
    reason, trainer = reference_run(seed)
    last = trainer.history[-1]
    assert reason == "completed"
    assert len(trainer.history) == 10
    assert last["loss"] < 0.50, f"seed {seed}: loss {last['loss']:.4f}"
    assert last["accuracy"] > 0.78, f"seed {seed}: accuracy {last['accuracy']:.4f}"


def test_reference_summary_counts():
    rng = np.random.default_rng(0)
    model = Sequential([Dense(64, "relu"), Dense(64, "relu"), Dense(1, "sigmoid")], 20, rng)
    rows = model.summary()
    assert [row[2] for row in rows] == [1344, 4160, 65]
    assert [row[0] for row in rows] == ["dense", "dense_1", "dense_2"]
    assert [row[1] for row in rows] == [(None, 64), (None, 64), (None, 1)]
    assert model.n_params == 5569


def without_seconds(history):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_same_seed_same_history(dtype):
    first = binary_trainer(7, epochs=3, dtype=dtype)
    second = binary_trainer(7, epochs=3, dtype=dtype)
    first.run()
    second.run()
    assert without_seconds(first.history) == without_seconds(second.history)
    assert first.model.theta.tobytes() == second.model.theta.tobytes()


def test_other_seed_other_history():
    first = binary_trainer(7, epochs=2)
    second = binary_trainer(8, epochs=2)
    first.run()
    second.run()
    assert without_seconds(first.history) != without_seconds(second.history)


def test_float64_model_stays_float64():
    trainer = binary_trainer(3, epochs=1, dtype="float64")
    trainer.run()
    assert trainer.model.theta.dtype == np.float64
    assert trainer.model.grad.dtype == np.float64
    assert trainer.optimizer.state["m_sum"].dtype == np.float64
    assert trainer.model.predict(np.zeros((2, 5))).dtype == np.float64


def test_default_dtype_float32():
    trainer = binary_trainer(3, epochs=1)
    assert trainer.model.theta.dtype == np.float32
