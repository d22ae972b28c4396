"""The ``Dataset`` container and the guess of its task from the labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLASSIFICATION = "classification"
REGRESSION = "regression"

MAX_GUESSED_CLASSES = 20
"""Maximum number of distinct integer labels that ``guess_task`` reads as classes."""


@dataclass
class Dataset:
    """Features and labels as loaded, before they meet a loss.

    Attributes:
        X: Features, shape (n, d), float64.
        labels: Labels as read, shape (n,): float64 numbers, or text (an object or unicode
            array). Regression targets have shape (n,) or (n, k), float64.
        task: ``"classification"`` or ``"regression"``.
        name: Data set name or file name, e.g. ``"reference"``, ``"iris"``, ``"my.csv"``.
        feature_names: One name per feature column, d names.
        label_name: Name of the label column.
        description: One English line: what the data is and, for bundled sets, its source
            and licence.
    """

    X: np.ndarray
    labels: np.ndarray
    task: str
    name: str
    feature_names: list[str]
    label_name: str
    description: str = ""

    @property
    def n_samples(self) -> int:
        """Number of samples (rows of ``X``)."""
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        """Number of features (columns of ``X``)."""
        return int(self.X.shape[1])


def is_text(labels: np.ndarray) -> bool:
    """Tell whether ``labels`` are text (a unicode, bytes or object array)."""
    return labels.dtype.kind in "OUS"


def guess_task(labels: np.ndarray) -> str:
    """Guess the task from labels of shape (n,) or (n, k).

    Text labels mean classification. Numeric labels mean classification when they are
    integers with at most ``MAX_GUESSED_CLASSES`` distinct values and at most one distinct
    value per two samples (so 6 rows of 0 and 1 are classes, 5 distinct integers in 5 rows
    are not). Everything else, including (n, k) targets with k > 1, is regression.
    """
    if is_text(labels):
        return CLASSIFICATION
    if labels.ndim == 2 and labels.shape[1] != 1:
        return REGRESSION

    values = np.asarray(labels, dtype=np.float64).ravel()
    if not np.all(np.isfinite(values)) or not np.all(values == np.round(values)):
        return REGRESSION

    n_distinct = len(np.unique(values))
    limit = min(MAX_GUESSED_CLASSES, max(2, len(values) // 2))
    return CLASSIFICATION if n_distinct <= limit else REGRESSION
