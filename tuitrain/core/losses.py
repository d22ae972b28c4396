"""Loss functions J(a, y), averaged over the batch, with their gradients.

Shapes: ``a`` and ``z`` are (n, k) network outputs and pre-activations. ``y`` is (n, k) for
mean squared error, mean absolute error and binary cross-entropy, and either (n,) integer
class indices or (n, k) one-hot rows for categorical cross-entropy.

Sigmoid + binary cross-entropy and softmax + categorical cross-entropy are fused: the loss
is computed from the logits z and its gradient is dJ/dz = (a - y) / n, which is exact, cheap
and stays finite when a reaches 0 or 1.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError

EPSILON = 1e-7
"""Clip for probabilities in unfused cross-entropy, as Keras's ``backend.epsilon()``."""


class Loss:
    """A loss J; ``fused_activation`` names the output activation whose gradient it fuses."""

    name = ""
    fused_activation: str | None = None

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """Return the mean loss of outputs ``a`` against targets ``y``."""
        raise NotImplementedError

    def gradient(self, a: np.ndarray, y: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write dJ/da into ``out`` and return it."""
        raise NotImplementedError

    def fused(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, dz: np.ndarray) -> float:
        """Write dJ/dz into ``dz`` and return the mean loss, from logits ``z``."""
        raise NotImplementedError

    def fused_on(self, z: np.ndarray, a: np.ndarray, dz: np.ndarray) -> Callable[[np.ndarray], float]:
        """Return ``fused`` with the arrays of one batch size bound: a function of y alone.

        The model prepares it once per batch size, so a loss can set up its constants and
        work arrays here instead of on every batch.
        """
        return functools.partial(self._fused_with_y, z, a, dz)

    def _fused_with_y(self, z, a, dz, y):
        return self.fused(z, a, y, dz)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    """J = mean((a - y)^2) over every element; dJ/da = 2 (a - y) / (n k)."""

    name = "mse"

    def value(self, a, y):
        diff = a - y
        return float(np.vdot(diff, diff)) / diff.size

    def gradient(self, a, y, out):
        np.subtract(a, y, out=out)
        out *= 2.0 / out.size
        return out


class MeanAbsoluteError(Loss):
    """J = mean(|a - y|) over every element; dJ/da = sign(a - y) / (n k)."""

    name = "mae"

    def value(self, a, y):
        return float(np.abs(a - y).mean())

    def gradient(self, a, y, out):
        np.subtract(a, y, out=out)
        np.sign(out, out=out)
        out *= 1.0 / out.size
        return out


class BinaryCrossEntropy(Loss):
    """J = -mean(y log a + (1 - y) log(1 - a)) for labels y in {0, 1}.

    From logits: J = mean(log(1 + exp(z)) - z y), the same value without log(0) or
    overflow.
    """

    name = "binary_crossentropy"
    fused_activation = "sigmoid"

    def value(self, a, y):
        p = np.clip(a, EPSILON, 1 - EPSILON)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))

    def gradient(self, a, y, out):
        p = np.clip(a, EPSILON, 1 - EPSILON)
        np.subtract(p, y, out=out)
        out /= p * (1 - p) * out.size
        return out

    def fused(self, z, a, y, dz):
        return self.fused_on(z, a, dz)(y)

    def fused_on(self, z, a, dz):
        # Zeros, ones and 1 / n as arrays of z's dtype, because NumPy 2.4 converts a Python
        # scalar operand on every call, which costs as much as the call on these sizes.
        # The sum is the BLAS dot with ones: 0.4 us where terms.sum() takes 0.75 us.
        zeros, ones = np.zeros(z.shape, z.dtype), np.ones(z.shape, z.dtype)
        inverse_size, size = np.array(1.0 / z.size, z.dtype), z.size
        terms, zy = np.empty(z.shape, z.dtype), np.empty(z.shape, z.dtype)
        subtract, multiply, vdot = np.subtract, np.multiply, np.vdot

        def fused(y):
            subtract(a, y, out=dz)
            multiply(dz, inverse_size, out=dz)
            _terms(z, y, zeros, terms, zy)
            return float(vdot(terms, ones)) / size

        return fused

    @staticmethod
    def from_logits(z: np.ndarray, y: np.ndarray) -> float:
        """Return the mean loss from logits z, for evaluation without a gradient."""
        shape, dtype = z.shape, z.dtype
        terms = _terms(z, y, np.zeros((), dtype), np.empty(shape, dtype), np.empty(shape, dtype))
        return float(terms.sum()) / z.size


def _terms(z: np.ndarray, y: np.ndarray, zeros: np.ndarray, out: np.ndarray, zy: np.ndarray) -> np.ndarray:
    """Write each sample's binary cross-entropy from its logit, softplus(z) - z y, into ``out``.

    -y log σ(z) - (1 - y) log(1 - σ(z)) simplifies to log(1 + e^z) - z y. np.logaddexp(0, z)
    computes log(e^0 + e^z) without overflow, and its result is never below max(z, 0), so
    for y = 1 the difference is never negative either. Three calls in all, where the
    textbook max(z, 0) - z y + log(1 + e^-|z|) takes seven. ``zy`` is work space.
    """
    np.logaddexp(zeros, z, out=out)
    np.multiply(z, y, out=zy)
    out -= zy
    return out


class CategoricalCrossEntropy(Loss):
    """J = -mean over rows of log a[y] for integer labels, or of sum(y log a) for one-hot.

    From logits: J = mean(logsumexp(z) - z[y]), shifted by the row maximum.
    """

    name = "categorical_crossentropy"
    fused_activation = "softmax"

    def value(self, a, y):
        p = np.clip(a, EPSILON, 1.0)
        if y.ndim == 1:
            return float(-np.log(p[np.arange(len(y)), y]).mean())
        return float(-(y * np.log(p)).sum(axis=1).mean())

    def gradient(self, a, y, out):
        p = np.clip(a, EPSILON, 1.0)
        out[...] = 0
        n = len(a)
        if y.ndim == 1:
            rows = np.arange(n)
            out[rows, y] = -1.0 / p[rows, y]
        else:
            np.divide(-y, p, out=out)
        out *= 1.0 / n
        return out

    def fused(self, z, a, y, dz):
        n = len(z)
        np.copyto(dz, a)
        if y.ndim == 1:
            rows = np.arange(n)
            dz[rows, y] -= 1
            picked = z[rows, y]
        else:
            dz -= y
            picked = (z * y).sum(axis=1)
        dz *= 1.0 / n
        return float((_logsumexp(z) - picked).sum()) / n

    @staticmethod
    def from_logits(z: np.ndarray, y: np.ndarray) -> float:
        """Return the mean loss from logits z, for evaluation without a gradient."""
        if y.ndim == 1:
            picked = z[np.arange(len(z)), y]
        else:
            picked = (z * y).sum(axis=1)
        return float((_logsumexp(z) - picked).mean())


def _logsumexp(z: np.ndarray) -> np.ndarray:
    """Return log(sum(exp(z))) of each row of ``z`` without overflow, shape (n,)."""
    peak = z.max(axis=1)
    return peak + np.log(np.exp(z - peak[:, None]).sum(axis=1))


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls
    for cls in (MeanSquaredError, MeanAbsoluteError, BinaryCrossEntropy, CategoricalCrossEntropy)
}
"""Every loss by its config name."""

ALIASES = {
    "mean_squared_error": "mse",
    "mean_absolute_error": "mae",
    "bce": "binary_crossentropy",
    "cce": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "categorical_crossentropy",
}
"""Other names users write for the same losses, Keras's long names among them."""


def get_loss(name: str) -> Loss:
    """Return the loss called ``name`` (or an alias), or raise ConfigError listing the names."""
    key = ALIASES.get(name, name)
    try:
        return LOSSES[key]()
    except KeyError:
        raise ConfigError(messages.UNKNOWN_LOSS, name=name, choices=sorted(LOSSES)) from None
