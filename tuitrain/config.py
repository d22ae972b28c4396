"""One typed configuration of a run (data, model, optimizer, training), TOML in and out.

Defaults follow the tutorial's Keras example, so an empty config is the reference
workload. Unknown keys and values of the wrong type raise ConfigError naming the
key and the value received.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path

from tuitrain import messages
from tuitrain.core.errors import ConfigError

CONFIG_VERSION = 1
"""Version written to ``config.toml``; files without one are read as version 1."""


@dataclass
class LayerConfig:
    """One hidden layer: y = f(W·x + b)."""

    units: int = 64
    """Number of units."""
    activation: str = "relu"
    """Name of f."""
    l1: float = 0.0
    """L1 penalty factor on W."""
    l2: float = 0.0
    """L2 penalty factor on W."""
    dropout: float = 0.0
    """Share of outputs zeroed while training."""


@dataclass
class DataConfig:
    """Data source and its preparation."""

    source: str = "reference"
    """A generator or bundled set name, or a CSV, NPZ or IDX file path."""
    label: str = ""
    """Label column of a CSV file, by name or index; empty means the last column."""
    samples: int = 0
    """Samples drawn by a generator; 0 means the generator's default."""
    features: int = 0
    """Features of a generator that takes a size (reference, blobs); 0 means its default."""
    noise: float = -1.0
    """Noise of a generator; a negative value means the generator's default."""
    classes: int = 0
    """Classes of a generator that takes a count (spirals, blobs); 0 means its default."""
    val_split: float = 0.0
    """Share of samples held out for validation, in [0, 1)."""
    scale: str = "auto"
    """``standard`` (zero mean, unit variance, fitted on the training part), ``none``, or
    ``auto``: none for the ``reference`` generator, whose inputs are already in [0, 1) as in
    the Keras example, and standard for every other data set."""
    missing: str = "refuse"
    """Missing values in a CSV file: ``refuse``, ``drop`` the rows, or ``mean`` imputation."""
    map_labels: bool = False
    """Map labels such as 1 and 2 to 0 and 1 for binary cross-entropy."""


@dataclass
class ModelConfig:
    """The network: hidden layers, then an output layer that follows from the data."""

    layers: list[LayerConfig] = field(
        default_factory=lambda: [LayerConfig(64, "relu"), LayerConfig(64, "relu")]
    )
    """Hidden layers, input side first."""
    output_units: int = 0
    """Units of the output layer; 0 picks them from the data."""
    output_activation: str = "auto"
    """Activation of the output layer; ``auto`` picks it from the data and the loss."""
    loss: str = "auto"
    """Loss function; ``auto`` picks it from the data."""
    initializer: str = "glorot_uniform"
    """Kernel initializer of every layer; biases start at zero."""


@dataclass
class OptimizerConfig:
    """The optimizer and its settings; a setting it does not use is ignored."""

    name: str = "adam"
    """sgd, rmsprop, adam, adamw or adagrad."""
    lr: float = 0.001
    """Learning rate α."""
    momentum: float = 0.0
    """Momentum μ of SGD and RMSprop."""
    nesterov: bool = False
    """Nesterov momentum for SGD."""
    beta_1: float = 0.9
    """Decay of Adam's first moment."""
    beta_2: float = 0.999
    """Decay of Adam's second moment."""
    epsilon: float = 1e-7
    """Small constant added to denominators."""
    rho: float = 0.9
    """Decay of RMSprop's mean square."""
    weight_decay: float = 0.004
    """Decoupled weight decay λ of AdamW."""


@dataclass
class TrainingConfig:
    """How long and in what steps to train."""

    epochs: int = 10
    """Passes over the training set; 0 runs until stopped."""
    batch_size: int = 32
    """Samples per gradient step."""
    seed: int = 0
    """Seed of the one random generator of the run (data, split, weights, shuffling)."""
    dtype: str = "float32"
    """float32 or float64."""
    schedule: str = "constant"
    """Learning-rate schedule: constant, step, exponential, cosine or plateau."""
    schedule_gamma: float = 0.5
    """Factor of the step, exponential and plateau schedules."""
    schedule_step: int = 10
    """Epochs between two decays of the step schedule."""
    schedule_patience: int = 5
    """Epochs without improvement before the plateau schedule lowers the rate."""
    early_stopping: int = 0
    """Patience in epochs of early stopping on the validation loss; 0 turns it off."""
    restore_best: bool = True
    """Bring back the best epoch's weights when early stopping ends the run."""


@dataclass
class RunConfig:
    """Everything that defines a run; the same config and seed give the same history."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    name: str = "reference"
    """Short name of the run, used in the run folder's name."""

    def to_dict(self) -> dict:
        """Return the config as plain data, in TOML's order."""
        data = asdict(self)
        return {"version": CONFIG_VERSION, "name": data.pop("name"), **data}

    @classmethod
    def from_dict(cls, data: dict, *, source: str = "config") -> RunConfig:
        """Build a config from parsed TOML, raising ConfigError on unknown keys or bad types."""
        data = dict(data)
        version = data.pop("version", CONFIG_VERSION)
        if version != CONFIG_VERSION:
            raise ConfigError(messages.CONFIG_VERSION, source=source, version=version, supported=CONFIG_VERSION)
        config = cls()
        config.name = _typed(data.pop("name", config.name), str, "name", source)
        sections = {f.name: f for f in fields(cls) if f.name != "name"}
        for key, value in data.items():
            if key not in sections:
                raise ConfigError(messages.CONFIG_UNKNOWN_KEY, source=source, key=key, choices=sorted(sections))
            if not isinstance(value, dict):
                raise ConfigError(messages.CONFIG_NOT_TABLE, source=source, key=key)
            setattr(config, key, _section(getattr(config, key), value, key, source))
        return config

    def to_toml(self) -> str:
        """Return the config as a TOML document that ``load_config`` reads back exactly."""
        return dumps_toml(self.to_dict())


def _section(current, values: dict, section: str, source: str):
    """Return a copy of dataclass ``current`` with ``values`` applied and checked."""
    known = {f.name: f for f in fields(current)}
    updated = type(current)(**{f.name: getattr(current, f.name) for f in fields(current)})
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                messages.CONFIG_UNKNOWN_KEY, source=source, key=f"{section}.{key}", choices=sorted(known)
            )
        if section == "model" and key == "layers":
            value = _layers(value, source)
        else:
            value = _typed(value, type(getattr(current, key)), f"{section}.{key}", source)
        setattr(updated, key, value)
    return updated


def _layers(value, source: str) -> list[LayerConfig]:
    if not isinstance(value, list):
        raise ConfigError(messages.CONFIG_NOT_LIST, source=source, key="model.layers", value=repr(value))
    layers = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ConfigError(messages.CONFIG_NOT_TABLE, source=source, key=f"model.layers[{i}]")
        layers.append(_section(LayerConfig(), item, f"model.layers[{i}]", source))
    return layers


def _typed(value, expected: type, key: str, source: str):
    """Return ``value`` as ``expected`` (an int is a valid float), or raise ConfigError."""
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is float and isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(messages.CONFIG_NOT_NUMBER, source=source, key=key, value=value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(_TYPE_ERRORS[expected], source=source, key=key, value=repr(value))
    return value


_TYPE_ERRORS = {
    int: messages.CONFIG_NOT_INTEGER,
    float: messages.CONFIG_NOT_NUMBER,
    str: messages.CONFIG_NOT_TEXT,
    bool: messages.CONFIG_NOT_BOOL,
}
"""The error for a value that is not of each type a config setting can have."""


def load_config(path: str | Path) -> RunConfig:
    """Read a TOML config file, raising ConfigError for a missing file or bad content."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(messages.CONFIG_NOT_FOUND, path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(messages.CONFIG_UNREADABLE, path=path, detail=error) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(messages.CONFIG_SYNTAX, path=path, detail=error) from None
    return RunConfig.from_dict(data, source=str(path))


def dumps_toml(data: dict) -> str:
    """Write nested dicts of str, int, float, bool and lists of dicts as TOML.

    Floats use ``repr``, which reads back to the same bits.
    """
    lines: list[str] = []
    _emit_table(lines, data, prefix="")
    return "\n".join(lines).strip() + "\n"


def _emit_table(lines: list[str], table: dict, prefix: str) -> None:
    for key, value in table.items():
        if not isinstance(value, dict) and not _is_table_list(value):
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            lines.extend(["", f"[{name}]"])
            _emit_table(lines, value, prefix=f"{name}.")
        elif _is_table_list(value):
            for item in value:
                lines.extend(["", f"[[{name}]]"])
                _emit_table(lines, item, prefix=f"{name}.")


def _is_table_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def field_default(section: type, name: str):
    """Return the default of field ``name`` of config dataclass ``section``."""
    for f in fields(section):
        if f.name == name:
            return f.default if f.default is not MISSING else f.default_factory()
    raise KeyError(name)
