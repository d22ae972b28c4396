"""Synthetic data sets, each drawn from its own ``np.random.default_rng(seed)``.

Every generator takes ``n_samples``, ``noise`` and ``seed`` (some also ``n_features`` or
``classes``) and returns a ``Dataset``. The same arguments always give the same arrays,
because no generator touches NumPy's global random state.
"""

from __future__ import annotations

import numpy as np

from tuitrain.data import messages
from tuitrain.data.dataset import CLASSIFICATION, REGRESSION, Dataset


def reference(n_samples: int = 1000, noise: float = 0.0, seed: int = 0, n_features: int = 20) -> Dataset:
    """Draw X uniform in [0, 1)^d, shape (n, d), with label 1 where the row sum exceeds d/2.

    This is the tutorial's problem: ``X = rng.random((n, d))`` and
    ``y = X.sum(1) > d / 2`` from ``rng = np.random.default_rng(seed)``. A ``noise`` above 0
    flips that share of the labels, chosen after X is drawn.
    """
    rng = np.random.default_rng(seed)
    X = rng.random((n_samples, n_features))
    y = X.sum(1) > n_features / 2

    n_flipped = int(round(noise * n_samples))
    if n_flipped:
        flipped = rng.choice(n_samples, size=n_flipped, replace=False)
        y[flipped] = ~y[flipped]
    return _classification("reference", X, y, messages.DESCRIPTION_REFERENCE)


def xor(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Draw points uniform in [-1, 1]^2, shape (n, 2), labelled 1 where the signs differ.

    Labels come from the clean points, and Gaussian noise of standard deviation ``noise``
    is then added to X, so some points near the axes cross into the other class.
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = (X[:, 0] > 0) != (X[:, 1] > 0)
    X += rng.normal(0.0, noise, size=X.shape)
    return _classification("xor", X, y, messages.DESCRIPTION_XOR)


def circles(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Draw points on a circle of radius 1 (label 0) and of radius 0.5 (label 1), shape (n, 2)."""
    rng = np.random.default_rng(seed)
    n_outer, n_inner = _class_sizes(n_samples, 2)
    angle = rng.uniform(0.0, 2 * np.pi, size=n_samples)
    radius = np.concatenate([np.ones(n_outer), np.full(n_inner, 0.5)])
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    X += rng.normal(0.0, noise, size=X.shape)
    y = np.concatenate([np.zeros(n_outer), np.ones(n_inner)])
    return _classification("circles", X, y, messages.DESCRIPTION_CIRCLES)


def moons(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Draw points on two interleaving half circles of radius 1, shape (n, 2)."""
    rng = np.random.default_rng(seed)
    n_upper, n_lower = _class_sizes(n_samples, 2)
    upper = rng.uniform(0.0, np.pi, size=n_upper)
    lower = rng.uniform(0.0, np.pi, size=n_lower)
    X = np.vstack([
        np.column_stack([np.cos(upper), np.sin(upper)]),
        np.column_stack([1.0 - np.cos(lower), 0.5 - np.sin(lower)]),
    ])
    X += rng.normal(0.0, noise, size=X.shape)
    y = np.concatenate([np.zeros(n_upper), np.ones(n_lower)])
    return _classification("moons", X, y, messages.DESCRIPTION_MOONS)


def spirals(n_samples: int = 300, noise: float = 0.2, seed: int = 0, classes: int = 3) -> Dataset:
    """Draw ``classes`` spiral arms, one class each, shape (n, 2).

    Along each arm the radius grows from 0 to 1 while the angle turns by 4 radians, and
    Gaussian noise of standard deviation ``noise`` is added to the angle.
    """
    rng = np.random.default_rng(seed)
    parts, labels = [], []
    for k, size in enumerate(_class_sizes(n_samples, classes)):
        radius = np.linspace(0.0, 1.0, size)
        angle = np.linspace(4.0 * k, 4.0 * (k + 1), size) + rng.normal(0.0, noise, size)
        parts.append(np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]))
        labels.append(np.full(size, k))
    X, y = np.vstack(parts), np.concatenate(labels)
    return _classification("spirals", X, y, messages.DESCRIPTION_SPIRALS)


def blobs(
    n_samples: int = 300, noise: float = 1.0, seed: int = 0, classes: int = 3, n_features: int = 2
) -> Dataset:
    """Draw ``classes`` Gaussian blobs in ``n_features`` dimensions, shape (n, d).

    The centres are uniform in [-5, 5]^d and ``noise`` is the standard deviation of
    every blob.
    """
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-5.0, 5.0, size=(classes, n_features))
    sizes = _class_sizes(n_samples, classes)
    y = np.repeat(np.arange(classes), sizes)
    X = centres[y] + rng.normal(0.0, noise, size=(n_samples, n_features))
    return _classification("blobs", X, y, messages.DESCRIPTION_BLOBS)


def regression1d(n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Draw x uniform in [-3, 3], shape (n, 1), and y = sin(2x) + x/2 + noise, shape (n,)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3.0, 3.0, size=(n_samples, 1))
    y = np.sin(2 * X[:, 0]) + X[:, 0] / 2 + rng.normal(0.0, noise, n_samples)
    return _regression("regression1d", X, y, messages.DESCRIPTION_REGRESSION1D)


def regression2d(n_samples: int = 400, noise: float = 0.05, seed: int = 0) -> Dataset:
    """Draw X uniform in [-3, 3]^2, shape (n, 2), and y = sin(x1) cos(x2) + (x1 + x2)/4 + noise."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3.0, 3.0, size=(n_samples, 2))
    y = np.sin(X[:, 0]) * np.cos(X[:, 1]) + (X[:, 0] + X[:, 1]) / 4
    y += rng.normal(0.0, noise, n_samples)
    return _regression("regression2d", X, y, messages.DESCRIPTION_REGRESSION2D)


def _class_sizes(n_samples: int, classes: int) -> list[int]:
    """Split ``n_samples`` into ``classes`` sizes that differ by at most 1."""
    base, extra = divmod(n_samples, classes)
    return [base + (k < extra) for k in range(classes)]


def _classification(name: str, X: np.ndarray, y: np.ndarray, description: str) -> Dataset:
    return Dataset(
        X=np.asarray(X, dtype=np.float64),
        labels=np.asarray(y, dtype=np.float64),
        task=CLASSIFICATION,
        name=name,
        feature_names=[f"x{j + 1}" for j in range(X.shape[1])],
        label_name="label",
        description=description,
    )


def _regression(name: str, X: np.ndarray, y: np.ndarray, description: str) -> Dataset:
    return Dataset(
        X=X,
        labels=y,
        task=REGRESSION,
        name=name,
        feature_names=[f"x{j + 1}" for j in range(X.shape[1])],
        label_name="y",
        description=description,
    )
