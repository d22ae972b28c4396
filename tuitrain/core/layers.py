"""The dense layer: y = f(W·x + b), one row per sample.

With a batch X of shape (n, d_in) as rows, the layer computes Z = X W + b and A = f(Z), so W
has shape (d_in, units) as a Keras kernel does, and b has shape (units,).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tuitrain.core import messages
from tuitrain.core.activations import Activation, get_activation
from tuitrain.core.errors import ConfigError
from tuitrain.core.initializers import get_initializer


@dataclass
class Dense:
    """A fully connected layer and its regularization.

    Attributes:
        units: Number of outputs.
        activation: Name of f, from ``tuitrain.core.activations.ACTIVATIONS``.
        initializer: Name of the kernel initializer; the bias starts at zero.
        l1: L1 penalty factor: J += l1 * sum(|W|).
        l2: L2 penalty factor: J += l2 * sum(W^2), as Keras's ``regularizers.L2``.
        dropout: Share of this layer's outputs zeroed at random while training, in [0, 1).
    """

    units: int
    activation: str = "linear"
    initializer: str = "glorot_uniform"
    l1: float = 0.0
    l2: float = 0.0
    dropout: float = 0.0

    def __post_init__(self) -> None:
        self.validate()
        self.f: Activation = get_activation(self.activation)
        self.W: np.ndarray | None = None
        self.b: np.ndarray | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None
        self.Wb: np.ndarray | None = None
        """[W; b], the (d_in + 1, units) view of W with b as its last row, set by the model."""
        self.dWb: np.ndarray | None = None
        """[dW; db], the same view of the gradient."""

    def validate(self) -> None:
        """Raise ConfigError for a setting out of range, naming the value and the range."""
        if isinstance(self.units, bool) or not isinstance(self.units, (int, np.integer)) or self.units < 1:
            raise ConfigError(messages.BAD_UNITS, units=self.units)
        get_activation(self.activation)
        get_initializer(self.initializer)
        for name in ("l1", "l2"):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise ConfigError(messages.BAD_PENALTY, name=name, value=value)
        if not 0 <= self.dropout < 1:
            raise ConfigError(messages.BAD_DROPOUT, value=self.dropout)

    @property
    def input_dim(self) -> int:
        """Number of inputs, known once the model is built."""
        return 0 if self.W is None else self.W.shape[0]

    @property
    def n_params(self) -> int:
        """Number of weights and biases: (d_in + 1) * units."""
        return (self.input_dim + 1) * self.units

    def bind(self, W: np.ndarray, b: np.ndarray, dW: np.ndarray, db: np.ndarray) -> None:
        """Attach the views of the model's flat parameter and gradient vectors."""
        self.W, self.b, self.dW, self.db = W, b, dW, db

    def initialize(self, rng: np.random.Generator) -> None:
        """Draw W from the initializer and set b to zero, in place."""
        fan_in, fan_out = self.W.shape
        self.W[...] = get_initializer(self.initializer)(rng, fan_in, fan_out)
        self.b[...] = 0

    def penalty(self) -> float:
        """Return the regularization term l1 * sum|W| + l2 * sum(W^2)."""
        total = 0.0
        if self.l1:
            total += self.l1 * float(np.abs(self.W).sum())
        if self.l2:
            total += self.l2 * float(np.vdot(self.W, self.W))
        return total

    def add_penalty_gradient(self) -> None:
        """Add d(penalty)/dW = l1 * sign(W) + 2 * l2 * W to dW."""
        if self.l1:
            self.dW += self.l1 * np.sign(self.W)
        if self.l2:
            self.dW += (2 * self.l2) * self.W

    def config(self) -> dict:
        """Return the settings that rebuild this layer."""
        return {
            "units": int(self.units),
            "activation": self.activation,
            "initializer": self.initializer,
            "l1": float(self.l1),
            "l2": float(self.l2),
            "dropout": float(self.dropout),
        }
