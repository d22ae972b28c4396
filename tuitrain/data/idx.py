"""Reading IDX files, the format of MNIST and Fashion-MNIST, optionally gzip-compressed.

An IDX file starts with a 4-byte magic number: two zero bytes, a type code and the number
of dimensions. One big-endian uint32 per dimension follows, then the values in C order,
big-endian. Format description: http://yann.lecun.com/exdb/mnist/ (section "FILE FORMATS
FOR THE MNIST DATABASE").
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from tuitrain.core.errors import DataError
from tuitrain.data import messages
from tuitrain.data.dataset import CLASSIFICATION, Dataset
from tuitrain.data.files import read_file_bytes

IDX_TYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
"""IDX type code -> element dtype."""

IDX_PATTERN = re.compile(r"[-.]idx\d-ubyte(\.gz)?$")
"""File names that ``load_dataset`` reads as IDX, e.g. ``train-images-idx3-ubyte.gz``."""


def parse_idx(data: bytes, path: str) -> np.ndarray:
    """Parse the bytes of an IDX file into an array of its declared dtype and shape."""
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise DataError(messages.IDX_BAD_MAGIC, path=path, magic="0x" + data[:4].hex())
    code, ndim = data[2], data[3]
    if code not in IDX_TYPES:
        raise DataError(messages.IDX_UNKNOWN_TYPE, path=path, code=f"0x{code:02X}")

    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise DataError(messages.IDX_TRUNCATED, path=path, expected=header_size, found=len(data))
    shape = tuple(int(size) for size in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))

    dtype = IDX_TYPES[code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    found = len(data) - header_size
    if found < expected:
        raise DataError(messages.IDX_TRUNCATED, path=path, expected=expected, found=found)
    values = np.frombuffer(data, dtype=dtype, count=expected // dtype.itemsize, offset=header_size)
    return values.reshape(shape).astype(dtype.newbyteorder("="))


def labels_path_candidates(images_path: Path) -> list[Path]:
    """List where the labels file of an images file would be, by MNIST naming.

    ``train-images-idx3-ubyte.gz`` gives ``train-labels-idx1-ubyte.gz`` and
    ``train-labels-idx1-ubyte``, in that order.
    """
    name = images_path.name.replace("images", "labels")
    name = re.sub(r"idx\d-ubyte", "idx1-ubyte", name)
    plain = name.removesuffix(".gz")
    names = [name] + [plain if name.endswith(".gz") else plain + ".gz"]
    return [images_path.with_name(candidate) for candidate in names]


def load_idx(images_path: str, labels_path: str | None) -> Dataset:
    """Load an IDX images file and its labels file into a ``Dataset``.

    Images of shape (n, rows, cols) become X of shape (n, rows * cols), float64 in [0, 1]:
    unsigned bytes are divided by 255, and other types are scaled by their minimum and
    maximum. Labels of shape (n,) become float64 class numbers. Without ``labels_path``
    the labels file is looked up beside the images by ``labels_path_candidates``.
    """
    images = parse_idx(read_file_bytes(images_path), images_path)
    if images.ndim < 2:
        raise DataError(messages.IDX_IMAGES_SHAPE, path=images_path, ndim=images.ndim)

    if labels_path is None:
        labels_path = _find_labels_file(Path(images_path))
    labels = parse_idx(read_file_bytes(labels_path), labels_path)
    if labels.ndim != 1:
        raise DataError(messages.IDX_LABELS_SHAPE, path=labels_path, ndim=labels.ndim)
    if len(labels) != len(images):
        raise DataError(
            messages.SAMPLE_COUNT_MISMATCH, path=f"{images_path}:{labels_path}",
            n_features=len(images), n_labels=len(labels),
        )

    X = _scale_to_unit(images.reshape(len(images), -1))
    return Dataset(
        X=X,
        labels=labels.astype(np.float64),
        task=CLASSIFICATION,
        name=Path(images_path).name,
        feature_names=_pixel_names(images.shape[1:]),
        label_name="label",
        description=messages.DESCRIPTION_FILE.format(path=Path(images_path).name),
    )


def _find_labels_file(images_path: Path) -> str:
    candidates = labels_path_candidates(images_path)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise DataError(
        messages.IDX_LABELS_NOT_FOUND, path=str(images_path), candidates=[c.name for c in candidates]
    )


def _scale_to_unit(values: np.ndarray) -> np.ndarray:
    """Scale values to [0, 1] as float64: bytes by 1/255, other types by min and max."""
    if values.dtype == np.uint8:
        return values.astype(np.float64) / 255.0
    values = values.astype(np.float64)
    low, high = values.min(initial=0.0), values.max(initial=0.0)
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def _pixel_names(shape: tuple[int, ...]) -> list[str]:
    if len(shape) == 2:
        return [f"pixel_{r}_{c}" for r in range(shape[0]) for c in range(shape[1])]
    return [f"x{j + 1}" for j in range(int(np.prod(shape)))]
