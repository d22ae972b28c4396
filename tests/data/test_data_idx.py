"""IDX files (the MNIST format) written by the tests."""

import gzip
import struct

import numpy as np
import pytest

from tuitrain.core.errors import DataError
from tuitrain.data import load_dataset, messages
from tuitrain.data.idx import parse_idx


def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    header = struct.pack(">BBBB", 0, 0, code, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


@pytest.fixture
def images():
    return np.arange(5 * 3 * 2, dtype=np.uint8).reshape(5, 3, 2) * 8


@pytest.fixture
def labels():
    return np.array([3, 1, 4, 1, 5], dtype=np.uint8)


def test_round_trip_finds_labels(tmp_path, images, labels):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(idx_bytes(images))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels))

    ds = load_dataset(str(tmp_path / "train-images-idx3-ubyte"))

    assert ds.X.shape == (5, 6)
    np.testing.assert_allclose(ds.X, images.reshape(5, 6) / 255.0)
    np.testing.assert_array_equal(ds.labels, labels)
    assert ds.task == "classification"
    assert ds.feature_names[:2] == ["pixel_0_0", "pixel_0_1"]


def test_gzip_round_trip(tmp_path, images, labels):
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images)))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(labels)))

    ds = load_dataset(str(tmp_path / "t10k-images-idx3-ubyte.gz"))

    assert ds.X.shape == (5, 6)


def test_explicit_pair(tmp_path, images, labels):
    (tmp_path / "a-idx3-ubyte").write_bytes(idx_bytes(images))
    (tmp_path / "b-idx1-ubyte").write_bytes(idx_bytes(labels))

    ds = load_dataset(f"{tmp_path / 'a-idx3-ubyte'}:{tmp_path / 'b-idx1-ubyte'}")

    np.testing.assert_array_equal(ds.labels, labels)


def test_labels_file_missing(tmp_path, images):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(idx_bytes(images))

    with pytest.raises(DataError) as caught:
        load_dataset(str(tmp_path / "train-images-idx3-ubyte"))

    assert caught.value.template == messages.IDX_LABELS_NOT_FOUND
    assert "train-labels-idx1-ubyte" in caught.value.params["candidates"]


def test_count_mismatch(tmp_path, images, labels):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(idx_bytes(images))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels[:4]))

    with pytest.raises(DataError) as caught:
        load_dataset(str(tmp_path / "train-images-idx3-ubyte"))

    assert caught.value.template == messages.SAMPLE_COUNT_MISMATCH
    assert caught.value.params["n_features"] == 5
    assert caught.value.params["n_labels"] == 4


def test_truncated_file(images):
    with pytest.raises(DataError) as caught:
        parse_idx(idx_bytes(images)[:-3], "x")

    assert caught.value.template == messages.IDX_TRUNCATED
    assert caught.value.params["expected"] == 30
    assert caught.value.params["found"] == 27


def test_bad_magic():
    with pytest.raises(DataError) as caught:
        parse_idx(b"PK\x03\x04rest", "x")

    assert caught.value.template == messages.IDX_BAD_MAGIC


def test_unknown_type_code(images):
    data = bytearray(idx_bytes(images))
    data[2] = 0x07

    with pytest.raises(DataError) as caught:
        parse_idx(bytes(data), "x")

    assert caught.value.params["code"] == "0x07"


def test_big_endian_float_values():
    values = np.array([[1.5, -2.0], [0.25, 8.0]], dtype=np.float64)

    parsed = parse_idx(idx_bytes(values, code=0x0E), "x")

    np.testing.assert_array_equal(parsed, values)
