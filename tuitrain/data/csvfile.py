"""Reading delimited text files (CSV, TSV, TXT) into a ``Dataset``.

The reader accepts what spreadsheets and scripts write: a header row or none, commas,
semicolons, tabs or runs of spaces between values, UTF-8 with or without a byte order mark,
CRLF line ends and blank lines. Row numbers in messages are line numbers of the file,
counting from 1 and including the header, so that they match what an editor shows.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import numpy as np

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import messages
from tuitrain.data.dataset import Dataset, guess_task

MISSING_TOKENS = frozenset({"", "na", "n/a", "?", "nan", "null"})
"""Cell values, compared in lower case, that mean "no value"."""

MISSING_MODES = ("refuse", "drop", "mean")
"""Values of ``missing``: reject missing values, drop their rows, or fill features with means."""

MAX_LISTED_CELLS = 20
"""Maximum number of missing cells listed in the error message, which also gives the total."""

# Ties go to the earlier delimiter: "1,5;2,5" has as many commas as semicolons, but a
# semicolon file with decimal commas is far more common than the other way round.
_DELIMITERS = ("\t", ";", ",")
_SNIFF_LINES = 20
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


@dataclass
class _Row:
    line: int
    cells: list[str]


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 bytes, with or without a byte order mark, or raise ``DataError``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            messages.NOT_UTF8, path=path, byte=f"0x{data[error.start]:02x}", row=line
        ) from None


def parse_csv(
    text: str,
    path: str,
    *,
    name: str,
    label: str | int | None = None,
    missing: str = "refuse",
    delimiter: str | None = None,
    description: str = "",
) -> Dataset:
    """Parse delimited ``text`` into a ``Dataset`` with X of shape (n, d) and labels (n,).

    ``path`` names the file in messages and ``name`` becomes ``Dataset.name``. ``label``
    selects the label column by header name or by index (negative from the end). The
    default is the last column. ``delimiter`` of ``None`` detects comma, semicolon, tab or
    whitespace. With a semicolon delimiter, a number such as ``1,5`` reads as 1.5.
    """
    if missing not in MISSING_MODES:
        raise ConfigError(messages.INVALID_MISSING_MODE, value=missing)

    lines = text.splitlines()
    if delimiter is None:
        delimiter = _detect_delimiter(lines)
    rows = _split_rows(lines, delimiter)
    if not rows:
        raise DataError(messages.NO_DATA_ROWS, path=path)

    header = _detect_header(rows)
    if header:
        column_names = [cell or f"column {j + 1}" for j, cell in enumerate(rows[0].cells)]
        rows = rows[1:]
    else:
        column_names = [f"x{j + 1}" for j in range(len(rows[0].cells))]

    _check_shape(rows, column_names, path, delimiter)
    label_index = _label_index(label, column_names, header, path)
    feature_index = [j for j in range(len(column_names)) if j != label_index]

    decimal_comma = delimiter == ";"
    X, feature_missing = _parse_features(rows, feature_index, column_names, path, decimal_comma)
    labels, label_missing = _parse_labels(rows, label_index, decimal_comma)
    lines_of_rows = np.array([row.line for row in rows])

    X, labels = _handle_missing(
        X, labels, feature_missing, label_missing, lines_of_rows,
        [column_names[j] for j in feature_index], column_names[label_index], path, missing,
    )
    return Dataset(
        X=X,
        labels=labels,
        task=guess_task(labels),
        name=name,
        feature_names=[column_names[j] for j in feature_index],
        label_name=column_names[label_index],
        description=description,
    )


def _detect_delimiter(lines: list[str]) -> str:
    """Pick the delimiter that splits the first lines into the same number of cells.

    Returns ``" "`` for values separated by whitespace.
    """
    sample = [line for line in lines if line.strip()][:_SNIFF_LINES]
    best, best_count = ",", 0
    for candidate in _DELIMITERS:
        counts = {len(next(csv.reader([line], delimiter=candidate))) for line in sample}
        if len(counts) == 1 and (count := counts.pop()) > best_count:
            best, best_count = candidate, count
    if best_count > 1:
        return best

    whitespace_counts = {len(line.split()) for line in sample}
    if len(whitespace_counts) == 1 and whitespace_counts.pop() > 1:
        return " "
    return ","


def _split_rows(lines: list[str], delimiter: str) -> list[_Row]:
    """Split lines into cells with surrounding spaces removed, skipping blank lines."""
    rows = []
    if delimiter == " ":
        for number, line in enumerate(lines, start=1):
            if line.strip():
                rows.append(_Row(number, line.split()))
        return rows

    reader = csv.reader(lines, delimiter=delimiter)
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if any(cells):
            rows.append(_Row(reader.line_num, cells))
    return rows


def _is_missing(cell: str) -> bool:
    return cell.lower() in MISSING_TOKENS


def _to_number(cell: str, decimal_comma: bool) -> float | None:
    """Parse ``cell`` as a float, or return None when it is not a number."""
    if decimal_comma and _DECIMAL_COMMA.fullmatch(cell):
        cell = cell.replace(",", ".")
    try:
        return float(cell)
    except ValueError:
        return None


def _detect_header(rows: list[_Row]) -> bool:
    """Tell whether the first row is a header.

    It is one when some column has text in the first row but mostly numbers below it. A
    file of one row counts as a header only if that row contains no number.
    """
    first, rest = rows[0].cells, rows[1 : 1 + 50]
    if not rest:
        return all(_to_number(cell, False) is None for cell in first)

    for j, cell in enumerate(first):
        if _is_missing(cell) or _to_number(cell, True) is not None:
            continue
        below = [row.cells[j] for row in rest if j < len(row.cells) and not _is_missing(row.cells[j])]
        numbers = sum(_to_number(value, True) is not None for value in below)
        if below and 2 * numbers > len(below):
            return True
    return False


def _check_shape(rows: list[_Row], column_names: list[str], path: str, delimiter: str) -> None:
    """Raise ``DataError`` for ragged rows, fewer than 2 columns, or fewer than 2 rows."""
    expected = len(column_names)
    for row in rows:
        if len(row.cells) != expected:
            raise DataError(
                messages.RAGGED_ROW, row=row.line, path=path, found=len(row.cells), expected=expected
            )
    if expected < 2:
        delimiter_name = {",": "','", ";": "';'", "\t": "tab", " ": "spaces"}[delimiter]
        raise DataError(messages.TOO_FEW_COLUMNS, path=path, count=expected, delimiter=delimiter_name)
    if not rows:
        raise DataError(messages.NO_DATA_ROWS, path=path)
    if len(rows) < 2:
        raise DataError(messages.TOO_FEW_ROWS, path=path, count=len(rows))


def _label_index(label: str | int | None, column_names: list[str], header: bool, path: str) -> int:
    """Return the 0-based index of the label column chosen by ``label``."""
    count = len(column_names)
    if label is None:
        return count - 1

    if isinstance(label, str) and not re.fullmatch(r"[+-]?\d+", label.strip()):
        if not header:
            raise DataError(messages.LABEL_NAME_WITHOUT_HEADER, path=path, label=label, last=count - 1)
        matches = [j for j, column in enumerate(column_names) if column == label.strip()]
        if not matches:
            raise DataError(messages.LABEL_COLUMN_NOT_FOUND, label=label, path=path, columns=column_names)
        if len(matches) > 1:
            raise DataError(messages.LABEL_NAME_AMBIGUOUS, path=path, count=len(matches), label=label)
        return matches[0]

    # A header name that looks like a number ("2020") wins over the index of the same text.
    if isinstance(label, str) and header and label.strip() in column_names:
        return column_names.index(label.strip())
    index = int(label)
    if not -count <= index < count:
        raise DataError(messages.LABEL_INDEX_OUT_OF_RANGE, index=index, path=path, count=count, last=count - 1)
    return index % count


def _parse_features(
    rows: list[_Row], feature_index: list[int], column_names: list[str], path: str, decimal_comma: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Parse the feature cells into X of shape (n, d) and a missing mask of shape (n, d)."""
    X = np.full((len(rows), len(feature_index)), np.nan)
    is_missing = np.zeros(X.shape, dtype=bool)
    for i, row in enumerate(rows):
        for k, j in enumerate(feature_index):
            cell = row.cells[j]
            if _is_missing(cell):
                is_missing[i, k] = True
                continue
            value = _to_number(cell, decimal_comma)
            if value is None:
                raise DataError(
                    messages.NON_NUMERIC_FEATURE, column=column_names[j], path=path, value=cell, row=row.line
                )
            if not np.isfinite(value):
                raise DataError(
                    messages.NON_FINITE_FEATURE, column=column_names[j], path=path, value=cell, row=row.line
                )
            X[i, k] = value
    return X, is_missing


def _parse_labels(rows: list[_Row], label_index: int, decimal_comma: bool) -> tuple[np.ndarray, np.ndarray]:
    """Parse the label cells into float64 numbers if all are finite numbers, else text.

    Returns the labels, shape (n,), and their missing mask, shape (n,).
    """
    cells = [row.cells[label_index] for row in rows]
    is_missing = np.array([_is_missing(cell) for cell in cells], dtype=bool)
    present = [cell for cell, gap in zip(cells, is_missing) if not gap]

    numbers = [_to_number(cell, decimal_comma) for cell in present]
    if all(value is not None and np.isfinite(value) for value in numbers):
        labels = np.full(len(cells), np.nan)
        labels[~is_missing] = np.array(numbers, dtype=np.float64)
        return labels, is_missing
    return np.array(cells, dtype=str), is_missing


def _handle_missing(
    X: np.ndarray,
    labels: np.ndarray,
    feature_missing: np.ndarray,
    label_missing: np.ndarray,
    lines: np.ndarray,
    feature_names: list[str],
    label_name: str,
    path: str,
    missing: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Reject, drop or fill missing cells as ``missing`` selects. Labels are never filled."""
    if not feature_missing.any() and not label_missing.any():
        return X, labels

    if missing == "refuse":
        cells = _list_missing_cells(feature_missing, label_missing, lines, feature_names, label_name)
        listed = cells[:MAX_LISTED_CELLS] + (["…"] if len(cells) > MAX_LISTED_CELLS else [])
        raise DataError(messages.MISSING_VALUES, path=path, count=len(cells), cells=listed)

    drop = label_missing | (feature_missing.any(axis=1) if missing == "drop" else False)
    keep = ~drop
    if keep.sum() < 2:
        raise DataError(messages.TOO_FEW_ROWS_AFTER_DROP, dropped=int(drop.sum()), left=int(keep.sum()), path=path)
    X, labels, feature_missing = X[keep], labels[keep], feature_missing[keep]

    if missing == "mean":
        for k, name in enumerate(feature_names):
            gaps = feature_missing[:, k]
            if gaps.all():
                raise DataError(messages.COLUMN_ALL_MISSING, column=name, path=path)
            X[gaps, k] = X[~gaps, k].mean()
    return X, labels


def _list_missing_cells(
    feature_missing: np.ndarray,
    label_missing: np.ndarray,
    lines: np.ndarray,
    feature_names: list[str],
    label_name: str,
) -> list[str]:
    """List missing cells in file order as ``"(<row>, <column>)"``."""
    cells = []
    for i, line in enumerate(lines):
        for k in np.flatnonzero(feature_missing[i]):
            cells.append(f"({line}, {feature_names[k]})")
        if label_missing[i]:
            cells.append(f"({line}, {label_name})")
    return cells
