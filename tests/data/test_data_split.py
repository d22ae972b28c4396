"""split_dataset: seeded, stratified, never empty."""

import numpy as np
import pytest

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import messages, split_dataset


def split(X, y, val_split, stratify=True, seed=0):
    return split_dataset(X, y, val_split, np.random.default_rng(seed), stratify=stratify)


def test_stratified_keeps_class_shares():
    y = np.repeat([0, 1, 2], [500, 300, 200])
    X = np.arange(len(y), dtype=float).reshape(-1, 1)

    X_train, y_train, X_val, y_val = split(X, y, 0.2)

    np.testing.assert_array_equal(np.bincount(y_val), [100, 60, 40])
    np.testing.assert_array_equal(np.bincount(y_train), [400, 240, 160])


def test_rows_stay_paired_and_complete():
    y = np.repeat([0, 1], 50)
    X = np.column_stack([np.arange(100.0), y])

    X_train, y_train, X_val, y_val = split(X, y, 0.3)

    np.testing.assert_array_equal(X_train[:, 1], y_train)
    np.testing.assert_array_equal(X_val[:, 1], y_val)
    all_rows = np.sort(np.concatenate([X_train[:, 0], X_val[:, 0]]))
    np.testing.assert_array_equal(all_rows, np.arange(100.0))


def test_seeded_shuffle_repeats():
    y = np.repeat([0, 1], 20)
    X = np.arange(40.0).reshape(-1, 1)

    first = split(X, y, 0.25, seed=5)
    second = split(X, y, 0.25, seed=5)
    other = split(X, y, 0.25, seed=6)

    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_zero_split_returns_none():
    X_train, y_train, X_val, y_val = split(np.zeros((4, 1)), np.arange(4), 0.0)

    assert X_val is None
    assert y_val is None
    assert len(X_train) == 4


@pytest.mark.parametrize("value", [-0.1, 1.0, 1.5])
def test_val_split_out_of_range(value):
    with pytest.raises(ConfigError) as caught:
        split(np.zeros((4, 1)), np.arange(4), value)

    assert caught.value.template == messages.VAL_SPLIT_OUT_OF_RANGE
    assert caught.value.params["value"] == value


def test_random_split_leaving_no_training():
    with pytest.raises(DataError) as caught:
        split(np.zeros((3, 1)), np.zeros(3), 0.9, stratify=False)

    error = caught.value
    assert error.template == messages.SPLIT_EMPTY_TRAINING
    assert error.params["n_samples"] == 3
    assert error.params["suggestion"] == 0.66


def test_suggested_split_works():
    X, y = np.zeros((3, 1)), np.zeros(3)

    X_train, _, X_val, _ = split(X, y, 0.66, stratify=False)

    assert len(X_train) == 1
    assert len(X_val) == 2


def test_one_sample_cannot_split():
    with pytest.raises(DataError) as caught:
        split(np.zeros((1, 1)), np.zeros(1), 0.2)

    assert caught.value.params["n_samples"] == 1


def test_singleton_classes_stay_in_training():
    y = np.array([0, 0, 0, 0, 1, 2])
    X = np.arange(6.0).reshape(-1, 1)

    X_train, y_train, X_val, y_val = split(X, y, 0.5)

    assert 1 in y_train
    assert 2 in y_train
    assert np.sum(y_train == 0) >= 1
    assert len(y_val) >= 1


def test_all_singleton_classes_rejected():
    with pytest.raises(DataError) as caught:
        split(np.zeros((3, 1)), np.array([0, 1, 2]), 0.3)

    assert caught.value.template == messages.SPLIT_NO_VALIDATION


def test_regression_targets_split_without_strata():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10.0).reshape(10, 1)

    X_train, y_train, X_val, y_val = split(X, y, 0.2, stratify=False)

    assert X_val.shape == (2, 2)
    assert y_val.shape == (2, 1)
    np.testing.assert_array_equal(X_train[:, 0] / 2, y_train[:, 0])
