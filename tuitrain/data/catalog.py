"""The catalog of built-in data sets: generators and bundled real data."""

from __future__ import annotations

from dataclasses import dataclass

from tuitrain.data import messages
from tuitrain.data.dataset import CLASSIFICATION, REGRESSION

GENERATOR = "generator"
BUNDLED = "bundled"

OPTION_FLAGS = {
    "n_samples": "--samples",
    "n_features": "--features",
    "noise": "--noise",
    "classes": "--classes",
}
"""Keyword argument of ``load_dataset`` -> command-line option named in messages."""


@dataclass(frozen=True)
class DatasetInfo:
    """Facts about one built-in data set, for listings and for ``load_dataset``.

    Attributes:
        name: Name passed to ``load_dataset``.
        kind: ``"generator"`` (synthetic) or ``"bundled"`` (a real data set shipped as CSV).
        description: One-line English template from ``messages``, the key of its translation.
        task: ``"classification"`` or ``"regression"``.
        n_samples: Default number of samples (the fixed number for bundled sets).
        n_features: Default number of features.
        n_classes: Default number of classes, 0 for regression.
        noise: Default noise, or None for bundled sets.
        options: Keyword arguments of ``load_dataset`` that this data set takes, out of
            ``n_samples``, ``n_features``, ``noise`` and ``classes``.
        file: File name in ``tuitrain/data/bundled`` for bundled sets, else None.
    """

    name: str
    kind: str
    description: str
    task: str
    n_samples: int
    n_features: int
    n_classes: int
    noise: float | None = None
    options: frozenset[str] = frozenset()
    file: str | None = None


def _generator(name, description, task, n_samples, n_features, n_classes, noise, *extra):
    options = frozenset({"n_samples", "noise", *extra})
    return DatasetInfo(name, GENERATOR, description, task, n_samples, n_features, n_classes, noise, options)


def _bundled(name, description, n_samples, n_features, n_classes, file):
    return DatasetInfo(name, BUNDLED, description, CLASSIFICATION, n_samples, n_features, n_classes, file=file)


_ALL = [
    _generator("reference", messages.DESCRIPTION_REFERENCE, CLASSIFICATION, 1000, 20, 2, 0.0, "n_features"),
    _generator("xor", messages.DESCRIPTION_XOR, CLASSIFICATION, 400, 2, 2, 0.1),
    _generator("circles", messages.DESCRIPTION_CIRCLES, CLASSIFICATION, 400, 2, 2, 0.1),
    _generator("moons", messages.DESCRIPTION_MOONS, CLASSIFICATION, 400, 2, 2, 0.1),
    _generator("spirals", messages.DESCRIPTION_SPIRALS, CLASSIFICATION, 300, 2, 3, 0.2, "classes"),
    _generator("blobs", messages.DESCRIPTION_BLOBS, CLASSIFICATION, 300, 2, 3, 1.0, "classes", "n_features"),
    _generator("regression1d", messages.DESCRIPTION_REGRESSION1D, REGRESSION, 200, 1, 0, 0.1),
    _generator("regression2d", messages.DESCRIPTION_REGRESSION2D, REGRESSION, 400, 2, 0, 0.05),
    _bundled("iris", messages.DESCRIPTION_IRIS, 150, 4, 3, "iris.csv"),
    _bundled("wine", messages.DESCRIPTION_WINE, 178, 13, 3, "wine.csv"),
    _bundled("breast_cancer", messages.DESCRIPTION_BREAST_CANCER, 569, 30, 2, "breast_cancer.csv"),
    _bundled("digits", messages.DESCRIPTION_DIGITS, 1797, 64, 10, "digits.csv.gz"),
]

DATASETS: dict[str, DatasetInfo] = {info.name: info for info in _ALL}
"""Every built-in data set by name, generators first, in the order of listings."""
