"""StandardScaler: fitted on training data only, saved and restored."""

import numpy as np
import pytest

from tuitrain.core.errors import DataError
from tuitrain.data import StandardScaler, messages, split_dataset


def test_fit_on_training_only():
    rng = np.random.default_rng(0)
    X = rng.normal(5.0, 2.0, size=(200, 3))
    X_train, _, X_val, _ = split_dataset(X, np.zeros(200), 0.25, rng, stratify=False)

    scaler = StandardScaler.fit(X_train)

    np.testing.assert_allclose(scaler.mean, X_train.mean(axis=0))
    np.testing.assert_allclose(scaler.transform(X_train).mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaler.transform(X_train).std(axis=0), 1.0)
    assert not np.allclose(scaler.mean, X.mean(axis=0))
    assert not np.allclose(scaler.transform(X_val).mean(axis=0), 0.0, atol=1e-12)


def test_constant_column_scale_one():
    X = np.column_stack([np.full(5, 0.1), np.arange(5.0)])

    scaler = StandardScaler.fit(X)

    assert scaler.scale[0] == 1.0
    np.testing.assert_allclose(scaler.transform(X)[:, 0], 0.0, atol=1e-15)


def test_round_trip_arrays():
    X = np.arange(12.0).reshape(4, 3) ** 2
    scaler = StandardScaler.fit(X)

    restored = StandardScaler.from_arrays(scaler.to_arrays())

    np.testing.assert_array_equal(restored.mean, scaler.mean)
    np.testing.assert_array_equal(restored.scale, scaler.scale)
    np.testing.assert_array_equal(restored.transform(X), scaler.transform(X))


def test_round_trip_through_npz(tmp_path):
    scaler = StandardScaler.fit(np.arange(6.0).reshape(3, 2))
    np.savez(tmp_path / "s.npz", **scaler.to_arrays())

    with np.load(tmp_path / "s.npz") as arrays:
        restored = StandardScaler.from_arrays(dict(arrays))

    np.testing.assert_array_equal(restored.scale, scaler.scale)


def test_transform_wrong_feature_count():
    scaler = StandardScaler.fit(np.zeros((3, 2)))

    with pytest.raises(DataError) as caught:
        scaler.transform(np.zeros((3, 4)))

    assert caught.value.params["expected"] == 2
    assert caught.value.params["found"] == 4


def test_from_arrays_missing_key():
    with pytest.raises(DataError) as caught:
        StandardScaler.from_arrays({"mean": np.zeros(2)})

    assert caught.value.template == messages.SCALER_ARRAYS_MISSING
    assert caught.value.params["keys"] == ["scale"]
