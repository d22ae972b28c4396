"""Splitting samples into a training set and a validation set."""

from __future__ import annotations

import math

import numpy as np

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import messages


def split_dataset(
    X: np.ndarray,
    y: np.ndarray,
    val_split: float,
    rng: np.random.Generator,
    *,
    stratify: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Shuffle with ``rng`` and split X (n, d) and y (n,) or (n, k) into training and validation.

    The validation set gets ceil(n * val_split) samples, as in scikit-learn's
    ``train_test_split``. With ``stratify``, y must contain class indices of shape (n,):
    each class gives about its share to validation, and every class with at least 2
    samples keeps at least 1 in training. A class of 1 sample stays in training.

    Returns:
        ``X_train, y_train, X_val, y_val``. The last two are None when ``val_split`` is 0.

    Raises:
        ConfigError: when ``val_split`` is outside [0, 1).
        DataError: when the split would leave training or validation empty.
    """
    if not 0 <= val_split < 1:
        raise ConfigError(messages.VAL_SPLIT_OUT_OF_RANGE, value=float(val_split))
    n_samples = len(X)
    if len(y) != n_samples:
        raise ValueError(f"X has {n_samples} rows but y has {len(y)}")

    if val_split == 0:
        order = rng.permutation(n_samples)
        return X[order], y[order], None, None
    if n_samples < 2:
        raise DataError(messages.SPLIT_TOO_FEW_SAMPLES, n_samples=n_samples)

    if stratify:
        val_index = _stratified_validation(y, val_split, rng)
    else:
        val_index = _random_validation(n_samples, val_split, rng)

    is_val = np.zeros(n_samples, dtype=bool)
    is_val[val_index] = True
    train_index = rng.permutation(np.flatnonzero(~is_val))
    val_index = rng.permutation(np.flatnonzero(is_val))
    return X[train_index], y[train_index], X[val_index], y[val_index]


def _validation_size(n_samples: int, val_split: float) -> int:
    return math.ceil(n_samples * val_split)


def _random_validation(n_samples: int, val_split: float, rng: np.random.Generator) -> np.ndarray:
    n_val = _validation_size(n_samples, val_split)
    if n_val >= n_samples:
        raise DataError(
            messages.SPLIT_EMPTY_TRAINING, value=float(val_split), n_samples=n_samples,
            suggestion=_largest_working_split(n_samples),
        )
    return rng.permutation(n_samples)[:n_val]


def _stratified_validation(y: np.ndarray, val_split: float, rng: np.random.Generator) -> np.ndarray:
    """Pick validation indices class by class, by largest remainder of each class's share."""
    classes, y_index = np.unique(np.asarray(y).reshape(len(y), -1)[:, 0], return_inverse=True)
    members = [np.flatnonzero(y_index == k) for k in range(len(classes))]
    sizes = np.array([len(m) for m in members])
    # A class keeps at least one sample in training.
    capacity = np.maximum(sizes - 1, 0)
    if capacity.sum() == 0:
        raise DataError(messages.SPLIT_NO_VALIDATION, n_samples=len(y))

    n_val_target = min(_validation_size(len(y), val_split), int(capacity.sum()))
    quota = sizes * val_split
    counts = np.minimum(np.floor(quota).astype(int), capacity)
    remainder = quota - np.floor(quota)
    for k in np.argsort(-remainder, kind="stable"):
        if counts.sum() >= n_val_target:
            break
        if counts[k] < capacity[k]:
            counts[k] += 1
    # Classes whose remainder was small may still have room when the target is not reached.
    for k in np.argsort(-capacity, kind="stable"):
        while counts.sum() < n_val_target and counts[k] < capacity[k]:
            counts[k] += 1

    chosen = [rng.permutation(m)[:c] for m, c in zip(members, counts)]
    return np.concatenate(chosen)


def _largest_working_split(n_samples: int) -> float:
    """Return the largest two-decimal split that leaves at least 1 training sample."""
    split = math.floor(100 * (n_samples - 1) / n_samples) / 100
    while split > 0 and _validation_size(n_samples, split) >= n_samples:
        split = round(split - 0.01, 2)
    return split
