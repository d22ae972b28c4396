"""One model file: architecture, weights, optimizer state, training state and metadata.

The file is an uncompressed NPZ archive (``numpy.savez``) holding the arrays and one JSON
document, ``meta``, written atomically. It loads without pickle, so a file from elsewhere
cannot run code.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tuitrain.core import messages
from tuitrain.core.atomic import atomic_open
from tuitrain.core.errors import ConfigError, ModelFileError
from tuitrain.core.layers import Dense
from tuitrain.core.losses import Loss, get_loss
from tuitrain.core.model import Sequential
from tuitrain.core.optimizers import Optimizer, get_optimizer

FORMAT = "tuitrain-model"
FORMAT_VERSION = 2
"""Version of the file layout. ``load_checkpoint`` rejects files with a newer version.

Version 2 stores Adam's moments as the sums M and V (see ``Adam``). Version 1 files,
which contain m and v, still load."""

_ZIP_MAGIC = b"PK\x03\x04"
"""First bytes of a ZIP archive, and so of every NPZ file, even a truncated one."""


@dataclass
class Checkpoint:
    """Contents of a model file, rebuilt into live objects."""

    model: Sequential
    optimizer: Optimizer
    loss: Loss
    trainer_state: dict | None = None
    """``Trainer.state()`` at save time, or None for an untrained model."""
    metadata: dict = field(default_factory=dict)
    """Caller's JSON data: run config, task, class names, data description."""
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    """Caller's arrays, such as the scaler's mean and scale."""
    path: str = ""
    """The file it was loaded from, for messages; empty for a checkpoint not read from a file."""


def save_checkpoint(path: str | os.PathLike, checkpoint: Checkpoint) -> None:
    """Write ``checkpoint`` to ``path`` atomically."""
    optimizer = checkpoint.optimizer
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": checkpoint.model.config(),
        "loss": checkpoint.loss.name,
        "optimizer": {"config": optimizer.config(), "iterations": optimizer.iterations},
        "trainer": checkpoint.trainer_state,
        "metadata": checkpoint.metadata,
    }
    arrays = {"theta": checkpoint.model.theta}
    arrays.update({f"optimizer.{k}": v for k, v in optimizer.state.items()})
    arrays.update({f"extra.{k}": np.asarray(v) for k, v in checkpoint.arrays.items()})
    arrays["meta"] = np.array(json.dumps(meta, allow_nan=True))
    with atomic_open(path, "wb") as f:
        np.savez(f, **arrays)


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a model file, or raise ModelFileError saying why it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(messages.MODEL_FILE_MISSING, path=path)

    head = b""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_ZIP_MAGIC))
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            # A plain .npy file loads as one array, not as an archive.
            raise ModelFileError(messages.MODEL_FILE_FOREIGN, path=path)
        with loaded as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as error:
        # A truncated archive has lost its central directory, so is_zipfile() fails on it,
        # but it still starts with the ZIP signature.
        if head != _ZIP_MAGIC and not zipfile.is_zipfile(path):
            raise ModelFileError(messages.MODEL_FILE_FOREIGN, path=path) from None
        raise ModelFileError(messages.MODEL_FILE_CORRUPT, path=path, detail=error) from None

    if "meta" not in arrays or "theta" not in arrays:
        raise ModelFileError(messages.MODEL_FILE_FOREIGN, path=path)
    try:
        meta = json.loads(str(arrays.pop("meta")))
    except json.JSONDecodeError as error:
        raise ModelFileError(messages.MODEL_FILE_CORRUPT, path=path, detail=error) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(messages.MODEL_FILE_FOREIGN, path=path)

    version = meta.get("format_version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelFileError(
            messages.MODEL_FILE_CORRUPT, path=path, detail=f"format_version {version!r} is not an integer"
        )
    if version > FORMAT_VERSION:
        raise ModelFileError(
            messages.MODEL_FILE_VERSION,
            path=path,
            version=meta.get("format_version"),
            supported=FORMAT_VERSION,
        )

    try:
        checkpoint = _rebuild(meta, arrays)
        checkpoint.path = str(path)
        return checkpoint
    except (KeyError, TypeError, ValueError, ConfigError) as error:
        raise ModelFileError(messages.MODEL_FILE_CORRUPT, path=path, detail=error) from None


def _rebuild(meta: dict, arrays: dict[str, np.ndarray]) -> Checkpoint:
    spec = meta["model"]
    layers = [Dense(**layer) for layer in spec["layers"]]
    model = Sequential(layers, spec["input_dim"], np.random.default_rng(0), spec["dtype"])
    theta = arrays.pop("theta")
    if theta.shape != model.theta.shape:
        raise ValueError(f"theta has {theta.size} values, the layers need {model.theta.size}")
    model.theta[...] = theta

    config = dict(meta["optimizer"]["config"])
    optimizer = get_optimizer(config.pop("name"), **config)
    optimizer.build(model.n_params, model.dtype)
    optimizer.iterations = int(meta["optimizer"]["iterations"])
    optimizer.import_state(
        {k.removeprefix("optimizer."): v for k, v in arrays.items() if k.startswith("optimizer.")}
    )

    extra = {k.removeprefix("extra."): v for k, v in arrays.items() if k.startswith("extra.")}
    return Checkpoint(
        model=model,
        optimizer=optimizer,
        loss=get_loss(meta["loss"]),
        trainer_state=meta.get("trainer"),
        metadata=meta.get("metadata") or {},
        arrays=extra,
    )
