"""load_dataset's choice of source: names, paths, formats and options."""

import gzip

import numpy as np
import pytest

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import DATASETS, load_dataset, messages


def test_unknown_name_lists_names():
    with pytest.raises(DataError) as caught:
        load_dataset("irises")

    assert caught.value.template == messages.UNKNOWN_SOURCE
    assert caught.value.params["source"] == "irises"
    assert "iris" in caught.value.params["names"]
    assert "reference" in str(caught.value)


def test_missing_file_named(tmp_path):
    path = str(tmp_path / "nope.csv")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.FILE_NOT_FOUND
    assert caught.value.params["path"] == path
    assert "iris" in caught.value.params["names"]


def test_unsupported_suffix(write_file):
    with pytest.raises(DataError) as caught:
        load_dataset(write_file("data.xlsx", b"PK"))

    assert caught.value.template == messages.UNSUPPORTED_FORMAT


def test_gzipped_csv(write_file):
    path = write_file("t.csv.gz", gzip.compress(b"a,label\n1,0\n2,1\n"))

    assert load_dataset(path).n_samples == 2


def test_option_not_applicable_to_generator():
    with pytest.raises(ConfigError) as caught:
        load_dataset("xor", classes=3)

    assert caught.value.template == messages.OPTION_NOT_APPLICABLE
    assert caught.value.params["option"] == "--classes"
    assert caught.value.params["names"] == ["spirals", "blobs"]


def test_option_not_applicable_to_file(case):
    with pytest.raises(ConfigError) as caught:
        load_dataset(case("six-rows.csv"), n_samples=3)

    assert caught.value.params["option"] == "--samples"


def test_label_not_applicable_to_generator():
    with pytest.raises(ConfigError) as caught:
        load_dataset("moons", label=0)

    assert caught.value.template == messages.LABEL_NOT_APPLICABLE


@pytest.mark.parametrize(
    "options",
    [{"n_samples": 1}, {"n_features": 0}, {"classes": 1}, {"noise": -0.1}],
)
def test_generator_options_out_of_range(options):
    with pytest.raises(ConfigError):
        load_dataset("blobs", **options)


def test_reference_noise_above_one():
    with pytest.raises(ConfigError) as caught:
        load_dataset("reference", noise=1.5)

    assert caught.value.template == messages.LABEL_NOISE_RANGE


def test_npz_round_trip(tmp_path):
    path = str(tmp_path / "d.npz")
    X = np.arange(12.0).reshape(6, 2)
    np.savez(path, X=X, y=np.array(["a", "b"] * 3))

    ds = load_dataset(path)

    np.testing.assert_array_equal(ds.X, X)
    assert list(ds.labels) == ["a", "b"] * 3
    assert ds.task == "classification"


def test_npz_keys_named(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, features=np.zeros((2, 2)), target=np.zeros(2))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NPZ_KEYS_MISSING
    assert caught.value.params["keys"] == ["features", "target"]


def test_npz_count_mismatch(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, X=np.zeros((3, 2)), y=np.zeros(4))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.SAMPLE_COUNT_MISMATCH
    assert caught.value.params["n_features"] == 3
    assert caught.value.params["n_labels"] == 4


def test_npz_object_array_rejected(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, X=np.zeros((2, 2)), y=np.array([1, "a"], dtype=object))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NPZ_OBJECT_ARRAY
    assert caught.value.params["key"] == "y"


def test_npz_nan_rejected(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, X=np.array([[1.0], [np.nan]]), y=np.zeros(2))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.ARRAY_NOT_FINITE
    assert caught.value.params["row"] == 1


def test_npz_not_an_archive(write_file):
    with pytest.raises(DataError) as caught:
        load_dataset(write_file("d.npz", b"not a zip"))

    assert caught.value.template == messages.NPZ_INVALID


def test_every_catalog_entry_loads():
    for name, info in DATASETS.items():
        ds = load_dataset(name)

        assert ds.name == name
        assert ds.n_samples == info.n_samples, name
        assert ds.n_features == info.n_features, name
        assert ds.task == info.task, name
        assert ds.description == info.description, name


def test_npz_one_dimensional_x(tmp_path):
    path = str(tmp_path / "d.npz")
    np.savez(path, X=np.zeros(3), y=np.zeros(3))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NPZ_X_SHAPE
    assert "shape (3,)" in str(caught.value)
