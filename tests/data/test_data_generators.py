"""Synthetic data sets: shapes, determinism and the reference formula."""

import numpy as np
import pytest

from tuitrain.data import DATASETS, load_dataset

GENERATORS = [name for name, info in DATASETS.items() if info.kind == "generator"]


def test_reference_equals_formula():
    rng = np.random.default_rng(7)
    X = rng.random((1000, 20))
    y = X.sum(1) > 20 / 2

    ds = load_dataset("reference", seed=7)

    np.testing.assert_array_equal(ds.X, X)
    np.testing.assert_array_equal(ds.labels, y.astype(np.float64))
    assert ds.task == "classification"


def test_reference_custom_size():
    rng = np.random.default_rng(0)
    X = rng.random((50, 4))

    ds = load_dataset("reference", n_samples=50, n_features=4)

    np.testing.assert_array_equal(ds.X, X)
    np.testing.assert_array_equal(ds.labels, X.sum(1) > 2)


def test_reference_noise_flips_share():
    clean = load_dataset("reference", seed=3)
    noisy = load_dataset("reference", seed=3, noise=0.1)

    np.testing.assert_array_equal(noisy.X, clean.X)
    assert np.sum(noisy.labels != clean.labels) == 100


@pytest.mark.parametrize("name", GENERATORS)
def test_generator_deterministic_per_seed(name):
    first = load_dataset(name, seed=11)
    second = load_dataset(name, seed=11)
    other = load_dataset(name, seed=12)

    np.testing.assert_array_equal(first.X, second.X)
    np.testing.assert_array_equal(first.labels, second.labels)
    assert not np.array_equal(first.X, other.X)


@pytest.mark.parametrize("name", GENERATORS)
def test_generator_ignores_global_seed(name):
    np.random.seed(1)
    first = load_dataset(name)
    np.random.seed(2)
    second = load_dataset(name)

    np.testing.assert_array_equal(first.X, second.X)


@pytest.mark.parametrize("name", GENERATORS)
def test_generator_shapes(name):
    info = DATASETS[name]
    ds = load_dataset(name, n_samples=90)

    assert ds.X.shape == (90, info.n_features)
    assert ds.labels.shape == (90,)
    assert ds.X.dtype == np.float64
    assert np.isfinite(ds.X).all()
    assert len(ds.feature_names) == info.n_features
    assert ds.description


@pytest.mark.parametrize("name", ["spirals", "blobs"])
def test_generator_class_count(name):
    ds = load_dataset(name, classes=5, n_samples=101)

    counts = np.bincount(ds.labels.astype(int))
    assert len(counts) == 5
    assert counts.max() - counts.min() <= 1


def test_blobs_feature_count():
    assert load_dataset("blobs", n_features=7).X.shape == (300, 7)


@pytest.mark.parametrize("name", ["xor", "circles", "moons"])
def test_binary_generators_balanced(name):
    counts = np.bincount(load_dataset(name).labels.astype(int))

    assert len(counts) == 2
    assert abs(counts[0] - counts[1]) < 0.2 * counts.sum()


def test_regression_targets_follow_curve():
    ds = load_dataset("regression1d", noise=0.0)
    x = ds.X[:, 0]

    np.testing.assert_allclose(ds.labels, np.sin(2 * x) + x / 2)
    assert ds.task == "regression"
