"""``load_dataset``: one entry point for generators, bundled sets and data files."""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import generators, messages
from tuitrain.data.catalog import DATASETS, GENERATOR, OPTION_FLAGS, DatasetInfo
from tuitrain.data.csvfile import MISSING_MODES, decode_text, parse_csv
from tuitrain.data.dataset import Dataset
from tuitrain.data.files import read_file_bytes
from tuitrain.data.idx import IDX_PATTERN, load_idx
from tuitrain.data.npz import load_npz

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".txt.gz")
_IDX_PAIR = re.compile(r"(.*[-.]idx\d-ubyte(?:\.gz)?):(.+)")


def load_dataset(
    source: str,
    *,
    label: str | int | None = None,
    n_samples: int | None = None,
    n_features: int | None = None,
    noise: float | None = None,
    classes: int | None = None,
    seed: int = 0,
    missing: str = "refuse",
) -> Dataset:
    """Load a built-in data set by name, or a data file by path.

    ``source`` is a name from ``DATASETS`` or a path ending in .csv, .tsv, .txt (each
    optionally .gz), .npz, or -idx3-ubyte[.gz] for IDX images. An IDX labels file is
    found beside the images by MNIST naming, or given as ``"images:labels"``.

    ``n_samples``, ``n_features``, ``noise`` and ``classes`` set a generator's size and
    noise, and None keeps its default. ``label`` chooses the label column of a CSV file or
    bundled set, and ``missing`` (``"refuse"``, ``"drop"`` or ``"mean"``) selects what to do
    with its missing values. ``seed`` seeds the generators.

    Raises:
        DataError: for an unknown name, a missing or unreadable file, or invalid content.
        ConfigError: for an option that does not apply to ``source`` or is out of range.
    """
    if missing not in MISSING_MODES:
        raise ConfigError(messages.INVALID_MISSING_MODE, value=missing)
    options = {"n_samples": n_samples, "n_features": n_features, "noise": noise, "classes": classes}
    requested = {key: value for key, value in options.items() if value is not None}

    info = DATASETS.get(source)
    if info is not None and info.kind == GENERATOR:
        _check_options(source, requested, info.options)
        if label is not None:
            raise ConfigError(messages.LABEL_NOT_APPLICABLE, source=source)
        return _generate(info, requested, seed)

    _check_options(source, requested, frozenset())
    if info is not None:
        return _load_bundled(info, label, missing)
    return _load_file(source, label, missing)


def _check_options(source: str, requested: dict[str, object], accepted: frozenset[str]) -> None:
    for key in requested:
        if key not in accepted:
            takers = [name for name, info in DATASETS.items() if key in info.options]
            raise ConfigError(
                messages.OPTION_NOT_APPLICABLE, option=OPTION_FLAGS[key], source=source, names=takers
            )


def _generate(info: DatasetInfo, requested: dict[str, object], seed: int) -> Dataset:
    """Run the generator of ``info`` with the requested options after checking their ranges."""
    minimum_samples = max(2, int(requested.get("classes", info.n_classes)))
    _check_minimum("n_samples", requested, minimum_samples)
    _check_minimum("n_features", requested, 1)
    _check_minimum("classes", requested, 2)

    noise = requested.get("noise")
    if noise is not None and noise < 0:
        raise ConfigError(messages.NOISE_NEGATIVE, value=float(noise))
    # The reference generator's noise is a share of flipped labels, not a spread.
    if noise is not None and info.name == "reference" and noise > 1:
        raise ConfigError(messages.LABEL_NOISE_RANGE, source=info.name, value=float(noise))

    generate = getattr(generators, info.name)
    return generate(seed=seed, **requested)


def _check_minimum(key: str, requested: dict[str, object], minimum: int) -> None:
    value = requested.get(key)
    if value is not None and value < minimum:
        raise ConfigError(messages.COUNT_TOO_SMALL, option=OPTION_FLAGS[key], minimum=minimum, value=value)


def _load_bundled(info: DatasetInfo, label: str | int | None, missing: str) -> Dataset:
    """Read a bundled CSV file from the installed package."""
    data = resources.files("tuitrain.data").joinpath("bundled", info.file).read_bytes()
    if info.file.endswith(".gz"):
        data = gzip.decompress(data)
    return parse_csv(
        data.decode("utf-8"),
        info.file,
        name=info.name,
        label=label,
        missing=missing,
        delimiter=",",
        description=info.description,
    )


def _load_file(source: str, label: str | int | None, missing: str) -> Dataset:
    """Load a data file, choosing the reader by the file name."""
    lower = source.lower()
    if lower.endswith(TEXT_SUFFIXES):
        text = decode_text(read_file_bytes(source), source)
        name = Path(source).name
        return parse_csv(
            text, source, name=name, label=label, missing=missing,
            description=messages.DESCRIPTION_FILE.format(path=name),
        )

    if label is not None and (lower.endswith(".npz") or _is_idx(source)):
        raise ConfigError(messages.LABEL_NOT_APPLICABLE, source=source)
    if lower.endswith(".npz"):
        return load_npz(source)

    pair = _IDX_PAIR.fullmatch(source)
    if pair and not Path(source).exists():
        return load_idx(pair.group(1), pair.group(2))
    if IDX_PATTERN.search(lower):
        return load_idx(source, None)

    if Path(source).exists():
        raise DataError(messages.UNSUPPORTED_FORMAT, path=source)
    raise DataError(messages.UNKNOWN_SOURCE, source=source, names=list(DATASETS))


def _is_idx(source: str) -> bool:
    return bool(_IDX_PAIR.fullmatch(source) or IDX_PATTERN.search(source.lower()))
