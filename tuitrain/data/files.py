"""Reading a data file's bytes, unpacking gzip, with errors that name the file."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from tuitrain.core.errors import DataError
from tuitrain.data import messages


def read_file_bytes(path: str) -> bytes:
    """Read the file at ``path``, decompressed if its name ends in ``.gz``.

    Raises ``DataError`` when the file cannot be read or is not valid gzip.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(messages.FILE_NOT_FOUND, path=path, names=_dataset_names()) from None
    except OSError as error:
        raise DataError(messages.FILE_READ_FAILED, path=path, reason=error.strerror or error) from None

    if not path.endswith(".gz"):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(messages.GZIP_INVALID, path=path, reason=error) from None


def _dataset_names() -> list[str]:
    # Imported here because the catalog imports the loaders, which import this module.
    from tuitrain.data.catalog import DATASETS

    return list(DATASETS)
