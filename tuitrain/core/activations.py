"""Activation functions f with their backward passes, written for preallocated buffers.

Every activation works on a batch of pre-activations ``z`` of shape (n, units) and writes its
result into ``out`` (no allocation on the training path). ``backward`` turns the gradient with
respect to the output, ``da = dJ/da``, into the gradient with respect to the input,
``dz = dJ/dz``, which is ``da * f'(z)`` for every elementwise function and a Jacobian-vector
product for softmax.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError

_GELU_C = np.sqrt(2.0 / np.pi)


@functools.lru_cache(maxsize=8)
def _zeros(shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """Return a read-only array of zeros, cached per shape and dtype.

    NumPy 2.4 compares an array with a scalar 0 in a slow broadcasting loop: np.maximum(z, 0)
    on float32 (256, 256) took 20 us against 4 us with an array of zeros (2-core AMD EPYC).
    """
    zeros = np.zeros(shape, dtype)
    zeros.flags.writeable = False
    return zeros


@functools.lru_cache(maxsize=32)
def _constant(value: float, dtype: np.dtype) -> np.ndarray:
    """Return ``value`` as a read-only 0-d array of ``dtype``, cached.

    NumPy 2.4 converts a Python float operand on every ufunc call: np.multiply(z, 0.5,
    out=out) on float32 (32, 1) took 0.50 us against 0.24 us with a 0-d float32 array
    (2-core AMD EPYC). The value is rounded to ``dtype`` either way, so the results match.
    """
    constant = np.array(value, dtype)
    constant.flags.writeable = False
    return constant


def _bit_mask_types(dtype: np.dtype) -> tuple[np.dtype, np.ndarray]:
    """Return the signed integer type as wide as ``dtype`` and its width - 1 as a 0-d array."""
    ints = np.dtype(f"i{dtype.itemsize}")
    return ints, np.array(8 * dtype.itemsize - 1, ints)


class Activation:
    """An activation f; subclasses fill ``forward`` and ``backward``.

    Attributes:
        name: Name used in configs and in Keras (``"relu"``, ``"sigmoid"``...).
        can_die: True when a unit can output the same constant for every input and pass no
            gradient (ReLU): such units count as dead in the layer statistics.
        saturates: True when f' tends to 0 on both sides (sigmoid, tanh, softmax): units in
            those flat regions count as saturated.
        elementwise: True when f acts on each element alone, so it gives the same result
            on the transpose of ``z`` (every activation but softmax).
    """

    name = ""
    can_die = False
    saturates = False
    elementwise = True

    def forward(self, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write a = f(z) into ``out`` and return it."""
        raise NotImplementedError

    def backward(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write dz = da * f'(z) into ``out`` (which may be ``da`` itself) and return it."""
        raise NotImplementedError

    def forward_on(self, z: np.ndarray, out: np.ndarray) -> Callable[[], object]:
        """Return a function of no arguments that writes f(z) into ``out``.

        The model prepares one per layer and batch size and calls it for every batch, so
        an activation can look up its constants and views once here instead of per call.
        """
        return functools.partial(self.forward, z, out)

    def backward_on(self, z: np.ndarray, a: np.ndarray, dz: np.ndarray) -> Callable[[], object]:
        """Return a function of no arguments that turns ``dz`` from dJ/da into dJ/dz in place.

        ``a`` is f(z), as ``forward`` left it. See ``forward_on``.
        """
        return functools.partial(self.backward, z, a, dz, dz)

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """Return f'(z) elementwise, for charts and statistics (allocates)."""
        a = self.forward(z, np.empty_like(z))
        return self.backward(z, a, np.ones_like(z), np.empty_like(z))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(Activation):
    """f(z) = z."""

    name = "linear"

    def forward(self, z, out):
        np.copyto(out, z)
        return out

    def backward(self, z, a, da, out):
        if out is not da:
            np.copyto(out, da)
        return out


class ReLU(Activation):
    """f(z) = max(z, 0); f'(z) = 1 for z > 0, else 0."""

    name = "relu"
    can_die = True

    def forward(self, z, out):
        self.forward_on(z, out)()
        return out

    def backward(self, z, a, da, out):
        if out is not da:
            np.copyto(out, da)
        self.backward_on(z, a, out)()
        return out

    def forward_on(self, z, out):
        zeros, maximum = _zeros(z.shape, z.dtype), np.maximum

        def forward():
            maximum(z, zeros, out=out)

        return forward

    def backward_on(self, z, a, dz):
        # f'(z) is 1 exactly where a > 0, and `a` is already in cache. dz *= (a > 0) would
        # make NumPy cast the bool mask to float first: 1.5 us on float32 (64, 32) against
        # 1.0 us for three integer calls on the bit patterns (2-core AMD EPYC). As an
        # integer, a >= +0 is positive where a > 0 and 0 where a is 0; negated and shifted
        # right by its width - 1, that is all one bits where a > 0 and zero bits elsewhere,
        # and ANDed with dz's bits it keeps dz or makes it +0.0.
        ints, shift = _bit_mask_types(a.dtype)
        a_bits, dz_bits = a.view(ints), dz.view(ints)
        mask = np.empty(a.shape, ints)
        negative, right_shift, bitwise_and = np.negative, np.right_shift, np.bitwise_and

        def backward():
            negative(a_bits, out=mask)
            right_shift(mask, shift, out=mask)
            bitwise_and(dz_bits, mask, out=dz_bits)

        return backward


class LeakyReLU(Activation):
    """f(z) = z for z > 0, else alpha * z (alpha 0.2, the Keras 3 default)."""

    name = "leaky_relu"

    def __init__(self, alpha: float = 0.2) -> None:
        self.alpha = alpha

    def forward(self, z, out):
        np.multiply(z, self.alpha, out=out)
        return np.maximum(z, out, out=out)

    def backward(self, z, a, da, out):
        slope = np.where(z > 0, 1.0, self.alpha).astype(z.dtype, copy=False)
        return np.multiply(da, slope, out=out)


class ELU(Activation):
    """f(z) = z for z > 0, else alpha * (exp(z) - 1); f'(z) = 1, else f(z) + alpha."""

    name = "elu"

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def forward(self, z, out):
        np.minimum(z, 0, out=out)
        np.expm1(out, out=out)
        out *= self.alpha
        np.copyto(out, z, where=z > 0)
        return out

    def backward(self, z, a, da, out):
        slope = np.where(z > 0, 1.0, a + self.alpha).astype(z.dtype, copy=False)
        return np.multiply(da, slope, out=out)


class GELU(Activation):
    """Gaussian error linear unit, in its tanh form.

    f(z) = z/2 * (1 + tanh(c * (z + 0.044715 z^3))) with c = sqrt(2/pi). This is Keras's
    ``gelu(approximate=True)``; it differs from the erf form by less than 1e-3 and needs no
    SciPy.
    """

    name = "gelu"

    def _inner(self, z):
        return _GELU_C * (z + 0.044715 * z**3)

    def forward(self, z, out):
        np.tanh(self._inner(z), out=out)
        out += 1
        out *= z
        out *= 0.5
        return out

    def backward(self, z, a, da, out):
        t = np.tanh(self._inner(z))
        dinner = _GELU_C * (1 + 3 * 0.044715 * z**2)
        slope = 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * dinner
        return np.multiply(da, slope, out=out)


class Tanh(Activation):
    """f(z) = tanh(z); f'(z) = 1 - f(z)^2."""

    name = "tanh"
    saturates = True

    def forward(self, z, out):
        return np.tanh(z, out=out)

    def backward(self, z, a, da, out):
        slope = 1 - a * a
        return np.multiply(da, slope, out=out)


class Sigmoid(Activation):
    """f(z) = 1 / (1 + exp(-z)); f'(z) = f(z) (1 - f(z)).

    Computed as (1 + tanh(z/2)) / 2, which is the same function and never overflows, even
    for z in the thousands.
    """

    name = "sigmoid"
    saturates = True

    def forward(self, z, out):
        self.forward_on(z, out)()
        return out

    def forward_on(self, z, out):
        half, one = _constant(0.5, z.dtype), _constant(1.0, z.dtype)
        multiply, tanh, add = np.multiply, np.tanh, np.add

        def forward():
            multiply(z, half, out=out)
            tanh(out, out=out)
            add(out, one, out=out)
            multiply(out, half, out=out)

        return forward

    def backward(self, z, a, da, out):
        slope = a * (1 - a)
        return np.multiply(da, slope, out=out)


class Softmax(Activation):
    """f(z)_k = exp(z_k) / sum_j exp(z_j) over each row, shifted by the row maximum.

    As the output of categorical cross-entropy its gradient is fused into the loss; elsewhere
    ``backward`` is the Jacobian-vector product dz = a * (da - sum(da * a)).
    """

    name = "softmax"
    saturates = True
    elementwise = False

    def forward(self, z, out):
        np.subtract(z, z.max(axis=1, keepdims=True), out=out)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def backward(self, z, a, da, out):
        dot = np.einsum("ij,ij->i", da, a)[:, None]
        np.subtract(da, dot, out=out)
        out *= a
        return out

    def derivative(self, z):
        """Return the diagonal of the Jacobian, a (1 - a), the part a chart can show."""
        a = self.forward(z, np.empty_like(z))
        return a * (1 - a)


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Linear, ReLU, LeakyReLU, ELU, GELU, Tanh, Sigmoid, Softmax)
}
"""Every activation by its config name."""


def get_activation(name: str) -> Activation:
    """Return a new activation for ``name``, or raise ConfigError listing the known names."""
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ConfigError(
            messages.UNKNOWN_ACTIVATION, name=name, choices=sorted(ACTIVATIONS)
        ) from None


def curve(name: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return f(x) and f'(x) on a 1-D grid ``x``, for activation charts.

    Softmax is a function of a whole row, so its curve is that of the first of two outputs
    when the other input is 0: softmax([x, 0])_0, which equals sigmoid(x).
    """
    activation = get_activation(name)
    z = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    if isinstance(activation, Softmax):
        z = np.hstack([z, np.zeros_like(z)])
        a = activation.forward(z, np.empty_like(z))[:, 0]
        return a, a * (1 - a)
    return activation.forward(z, np.empty_like(z))[:, 0], activation.derivative(z)[:, 0]
