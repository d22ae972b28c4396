"""Reading NumPy ``.npz`` archives with a feature array ``X`` and a label array ``y``."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from tuitrain.core.errors import DataError
from tuitrain.data import messages
from tuitrain.data.dataset import Dataset, guess_task, is_text
from tuitrain.data.files import read_file_bytes


def load_npz(path: str) -> Dataset:
    """Load ``X`` of shape (n, d) and ``y`` of shape (n,) or (n, k) from an NPZ file.

    ``X`` must be numeric and finite. ``y`` may be numbers or strings, and a (n, 1) ``y``
    becomes (n,). An optional ``feature_names`` string array of length d names the columns.
    Object arrays are rejected, because unpickling them can run code.
    """
    arrays = _read_arrays(path)
    if "X" not in arrays or "y" not in arrays:
        raise DataError(messages.NPZ_KEYS_MISSING, path=path, keys=sorted(arrays) or ["(none)"])
    X, y = arrays["X"], arrays["y"]

    if X.ndim != 2:
        raise DataError(messages.NPZ_X_SHAPE, path=path, shape=str(X.shape))
    if X.dtype.kind not in "biuf":
        raise DataError(messages.ARRAY_NOT_NUMERIC, key="X", path=path, dtype=X.dtype)
    _check_finite(X, "X", path)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim not in (1, 2):
        raise DataError(messages.NPZ_Y_SHAPE, path=path, shape=str(y.shape))
    if len(y) != len(X):
        raise DataError(messages.SAMPLE_COUNT_MISMATCH, path=path, n_features=len(X), n_labels=len(y))

    labels = _labels(y, path)
    names = arrays.get("feature_names")
    if names is None or names.shape != (X.shape[1],):
        feature_names = [f"x{j + 1}" for j in range(X.shape[1])]
    else:
        feature_names = [str(name) for name in names]
    return Dataset(
        X=X.astype(np.float64),
        labels=labels,
        task=guess_task(labels),
        name=Path(path).name,
        feature_names=feature_names,
        label_name="y",
        description=messages.DESCRIPTION_FILE.format(path=Path(path).name),
    )


def _read_arrays(path: str) -> dict[str, np.ndarray]:
    data = read_file_bytes(path)
    try:
        loaded = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as error:
        # np.load raises ValueError for bytes that are neither .npy nor .npz.
        raise DataError(messages.NPZ_INVALID, path=path, reason=error) from None
    if isinstance(loaded, np.ndarray):
        raise DataError(messages.NPZ_SINGLE_ARRAY, path=path)

    arrays = {}
    with loaded:
        for key in loaded.files:
            try:
                arrays[key] = loaded[key]
            except ValueError:
                raise DataError(messages.NPZ_OBJECT_ARRAY, key=key, path=path) from None
            except (OSError, EOFError, zipfile.BadZipFile) as error:
                raise DataError(messages.NPZ_INVALID, path=path, reason=error) from None
    return arrays


def _labels(y: np.ndarray, path: str) -> np.ndarray:
    """Return labels as float64 numbers or as a unicode array of text."""
    if is_text(y):
        return y.astype(str)
    if y.dtype.kind not in "biuf":
        raise DataError(messages.ARRAY_NOT_NUMERIC, key="y", path=path, dtype=y.dtype)
    _check_finite(y, "y", path)
    return y.astype(np.float64)


def _check_finite(values: np.ndarray, key: str, path: str) -> None:
    bad = ~np.isfinite(values.astype(np.float64))
    if bad.any():
        first_row = int(np.argwhere(bad)[0][0])
        raise DataError(messages.ARRAY_NOT_FINITE, key=key, path=path, count=int(bad.sum()), row=first_row)
