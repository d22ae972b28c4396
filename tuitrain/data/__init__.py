"""Data sets for tuitrain: generators, bundled real data, data files, targets and splits.

This package uses NumPy and the standard library only. Every error it raises for bad input
is a ``DataError`` or ``ConfigError`` with an English template from
``tuitrain.data.messages``, translated in ``tuitrain.locales.zh_CN.data``.
"""

from tuitrain.data.catalog import DATASETS, DatasetInfo
from tuitrain.data.dataset import Dataset
from tuitrain.data.loaders import load_dataset
from tuitrain.data.scaling import StandardScaler
from tuitrain.data.split import split_dataset
from tuitrain.data.target import LOSSES, Target, resolve_target

__all__ = [
    "DATASETS",
    "LOSSES",
    "Dataset",
    "DatasetInfo",
    "StandardScaler",
    "Target",
    "load_dataset",
    "resolve_target",
    "split_dataset",
]
