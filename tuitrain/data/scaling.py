"""Feature standardization: subtract the mean, divide by the standard deviation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tuitrain.core.errors import DataError
from tuitrain.data import messages


@dataclass
class StandardScaler:
    """Per-feature mean and scale, fitted on the training set only.

    Attributes:
        mean: Mean of each feature, shape (d,).
        scale: Population standard deviation of each feature, shape (d,). A constant
            column gets 1, so that it maps to 0 instead of dividing by zero.
    """

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray) -> StandardScaler:
        """Compute the mean and scale of each column of X, shape (n, d)."""
        X = np.asarray(X, dtype=np.float64)
        if X.shape[0] == 0:
            raise DataError(messages.SCALER_EMPTY)
        scale = X.std(axis=0)
        # Compare max and min rather than scale to 0, because the std of a constant column
        # can come out as a tiny nonzero number through rounding.
        scale[X.max(axis=0) == X.min(axis=0)] = 1.0
        return cls(mean=X.mean(axis=0), scale=scale)

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Standardize X, shape (n, d), into a new float64 array of the same shape."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.mean):
            found = X.shape[1] if X.ndim == 2 else X.shape
            raise DataError(messages.SCALER_FEATURE_COUNT, expected=len(self.mean), found=found)
        return (X - self.mean) / self.scale

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Return the fitted values as ``{"mean": (d,), "scale": (d,)}`` for saving."""
        return {"mean": self.mean.copy(), "scale": self.scale.copy()}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> StandardScaler:
        """Rebuild a scaler from the output of ``to_arrays``."""
        missing = [key for key in ("mean", "scale") if key not in arrays]
        if missing:
            raise DataError(messages.SCALER_ARRAYS_MISSING, keys=missing, found=sorted(arrays))
        mean = np.asarray(arrays["mean"], dtype=np.float64)
        scale = np.asarray(arrays["scale"], dtype=np.float64)
        return cls(mean=mean, scale=scale)
