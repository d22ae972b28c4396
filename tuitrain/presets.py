"""Ready-made runs: the tutorial's reference workload and one per built-in data set."""

from __future__ import annotations

from tuitrain import messages
from tuitrain.config import DataConfig, LayerConfig, ModelConfig, OptimizerConfig, RunConfig, TrainingConfig
from tuitrain.core.errors import ConfigError


def _run(name: str, source: str, layers: list[tuple[int, str]], *, epochs: int, batch_size: int = 32,
         lr: float = 0.001, val_split: float = 0.2) -> RunConfig:
    return RunConfig(
        name=name,
        data=DataConfig(source=source, val_split=val_split),
        model=ModelConfig(layers=[LayerConfig(units, activation) for units, activation in layers]),
        optimizer=OptimizerConfig(lr=lr),
        training=TrainingConfig(epochs=epochs, batch_size=batch_size),
    )


PRESETS: dict[str, RunConfig] = {
    # The Keras example as it is written: no validation split, and with the default
    # scaling "auto" the raw inputs in [0, 1).
    "reference": _run("reference", "reference", [(64, "relu"), (64, "relu")], epochs=10, val_split=0.0),
    "xor": _run("xor", "xor", [(8, "tanh")], epochs=100, lr=0.01),
    "circles": _run("circles", "circles", [(16, "relu"), (16, "relu")], epochs=100, lr=0.01),
    "moons": _run("moons", "moons", [(16, "relu"), (16, "relu")], epochs=100, lr=0.01),
    "spirals": _run("spirals", "spirals", [(64, "relu"), (64, "relu")], epochs=300, lr=0.01),
    "blobs": _run("blobs", "blobs", [(16, "relu")], epochs=30, lr=0.01),
    "regression1d": _run("regression1d", "regression1d", [(32, "tanh"), (32, "tanh")], epochs=200, lr=0.01),
    "regression2d": _run("regression2d", "regression2d", [(32, "relu"), (32, "relu")], epochs=100, lr=0.01),
    "iris": _run("iris", "iris", [(16, "relu")], epochs=100, batch_size=16, lr=0.01),
    "wine": _run("wine", "wine", [(32, "relu")], epochs=60, batch_size=16, lr=0.01),
    "breast_cancer": _run("breast_cancer", "breast_cancer", [(32, "relu"), (16, "relu")], epochs=40),
    "digits": _run("digits", "digits", [(64, "relu")], epochs=30),
}
"""Every preset by name; ``get_preset`` returns a copy that callers may change."""


def get_preset(name: str) -> RunConfig:
    """Return a fresh copy of preset ``name``, or raise ConfigError listing the presets."""
    if name not in PRESETS:
        raise ConfigError(messages.UNKNOWN_PRESET, name=name, choices=sorted(PRESETS))
    return RunConfig.from_dict(PRESETS[name].to_dict())
