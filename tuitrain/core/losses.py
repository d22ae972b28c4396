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
    fused_reads_outputs = True
    """Whether the fused gradient reads the outputs a. When it does not, training may leave
    the output layer's activation uncomputed and keep only the logits z."""

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        """Return the mean loss of outputs ``a`` against targets ``y``."""
        raise NotImplementedError

    def gradient(self, a: np.ndarray, y: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write dJ/da into ``out`` and return it."""
        raise NotImplementedError

    def fused_targets(self, y: np.ndarray) -> np.ndarray:
        """Return targets y in the form the function from ``fused_on`` takes (y itself here).

        The trainer converts its targets once, so that no batch pays for it.
        """
        return y

    def fused_on(self, z: np.ndarray, a: np.ndarray, dz: np.ndarray) -> Callable[[np.ndarray], float]:
        """Return a function of the targets that writes dJ/dz into ``dz`` and returns J.

        ``z`` and ``a`` are the output layer's logits and outputs for one batch size, and
        the function takes that batch's ``fused_targets``. The model prepares it once per
        batch size, so a loss can set up its constants and work arrays here.
        """
        raise NotImplementedError

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

    From logits the loss of one sample is -log σ(z) for y = 1 and -log(1 - σ(z)) for y = 0,
    which is log(1 + e^(s z)) = softplus(s z) with s = 1 - 2y. np.logaddexp(0, s z) computes
    it without log(0) or overflow.
    """

    name = "binary_crossentropy"
    fused_activation = "sigmoid"
    fused_reads_outputs = False

    def value(self, a, y):
        p = np.clip(a, EPSILON, 1 - EPSILON)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))

    def gradient(self, a, y, out):
        p = np.clip(a, EPSILON, 1 - EPSILON)
        np.subtract(p, y, out=out)
        out /= p * (1 - p) * out.size
        return out

    def fused_targets(self, y):
        """Return s = 1 - 2y: +1 for label 0 and -1 for label 1, or raise ConfigError.

        With it the loss of a sample is softplus(s z), and dJ/dz = (tanh(z/2) + s) / 2n, which
        is (σ(z) - y) / n, so the fused step needs neither σ(z) nor y itself.
        """
        labels = np.unique(y)
        if not np.isin(labels, (0, 1)).all():
            listed = ", ".join(f"{value:g}" for value in labels[:6])
            raise ConfigError(messages.BCE_TARGETS_NOT_BINARY, values=listed)
        return 1 - 2 * y

    def fused_on(self, z, a, dz):
        # 1/2, 1/2n and zeros as arrays of z's dtype, because NumPy 2.4 converts a Python
        # scalar operand on every call, which costs as much as the call on these sizes.
        # The sum is the BLAS dot with ones: 0.4 us where terms.sum() takes 0.75 us.
        dtype, size = z.dtype, z.size
        half, half_over_n = np.array(0.5, dtype), np.array(0.5 / size, dtype)
        zeros, ones = np.zeros(z.shape, dtype), np.ones(z.shape, dtype)
        terms = np.empty(z.shape, dtype)
        multiply, tanh, add, logaddexp, vdot = np.multiply, np.tanh, np.add, np.logaddexp, np.vdot

        def fused(s):
            multiply(z, half, out=dz)
            tanh(dz, out=dz)
            add(dz, s, out=dz)
            multiply(dz, half_over_n, out=dz)
            # softplus(s z), without overflow: log(e^0 + e^(s z)).
            multiply(z, s, out=terms)
            logaddexp(zeros, terms, out=terms)
            return float(vdot(terms, ones)) / size

        return fused

    @staticmethod
    def from_logits(z: np.ndarray, y: np.ndarray) -> float:
        """Return the mean loss from logits z, for evaluation without a gradient.

        (1 - y) softplus(z) + y softplus(-z) is softplus(s z) for labels 0 and 1, and it
        stays the cross-entropy for targets between them.
        """
        terms = (1 - y) * np.logaddexp(0, z) + y * np.logaddexp(0, -z)
        return float(terms.sum()) / z.size


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

    def fused_on(self, z, a, dz):
        return functools.partial(self._fused, z, a, dz)

    @staticmethod
    def _fused(z, a, dz, y):
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
