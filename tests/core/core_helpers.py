"""Data makers and helpers shared by the tests of tuitrain.core (imported, not a conftest)."""

import time

import numpy as np
import pytest

from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer


def xor_data(rng, n=400, noise=0.3, scale=1.0):
    """Draw n noisy points around the four corners (+-1, +-1), labeled 1 where the signs differ."""
    corners = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], dtype=np.float64)
    labels = np.array([0, 0, 1, 1])
    index = rng.integers(0, 4, n)
    x = corners[index] + rng.normal(0.0, noise, (n, 2))
    return x * scale, labels[index]


def blobs(rng, per_class=100, classes=3, spread=0.5):
    """Draw Gaussian blobs in 2-D around centers on a circle of radius 3, integer labels."""
    angles = 2 * np.pi * np.arange(classes) / classes
    centers = 3 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = np.repeat(np.arange(classes), per_class)
    x = centers[y] + rng.normal(0.0, spread, (len(y), 2))
    order = rng.permutation(len(y))
    return x[order], y[order]


def binary_trainer(seed, n=200, epochs=2, batch_size=32, dtype="float32", optimizer="adam", **kwargs):
    """Build a small Trainer on a linearly separable binary task, all drawn from one seed."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 5))
    y = (x.sum(1) > 2.5).astype(int)
    model = Sequential([Dense(8, "relu"), Dense(1, "sigmoid")], 5, rng, dtype)
    return Trainer(
        model, get_optimizer(optimizer), get_loss("binary_crossentropy"), x, y,
        rng=rng, epochs=epochs, batch_size=batch_size, **kwargs,
    )


def wait_for(predicate, timeout=10.0):
    """Poll ``predicate`` until it is true, and fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(0.002)


def records_of(records, kind):
    """Return the records of one dataclass type, in order."""
    return [r for r in records if isinstance(r, kind)]
