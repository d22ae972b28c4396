"""A sequence of dense layers whose parameters live in one flat vector θ.

Keeping every W and b as a view into one vector ``theta`` (and every dW, db into ``grad``)
lets an optimizer update all parameters with a handful of vector operations, and lets a
whole model be copied, checked for NaN or saved as one array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError
from tuitrain.core.layers import Dense
from tuitrain.core.losses import Loss

DTYPES = {"float32": np.float32, "float64": np.float64}
"""Supported parameter types by name; float32 is the default, as in Keras."""


@dataclass
class _Buffers:
    """Preallocated arrays of one layer for one batch size n, each (n, units) but ``ones``."""

    z: np.ndarray
    a: np.ndarray
    out: np.ndarray
    mask: np.ndarray | None
    dz: np.ndarray
    ones: np.ndarray
    """(n,) ones shared by every layer, so that db = 1^T dz is one BLAS call."""


class Sequential:
    """Dense layers applied in order: a_0 = x, a_l = f_l(a_{l-1} W_l + b_l).

    Args:
        layers: The layers, the last one being the output layer.
        input_dim: Number of input features d.
        rng: Generator for the initial weights.
        dtype: ``"float32"`` (default) or ``"float64"``.
    """

    def __init__(
        self,
        layers: list[Dense],
        input_dim: int,
        rng: np.random.Generator,
        dtype: str = "float32",
    ) -> None:
        if not layers:
            raise ConfigError(messages.NO_LAYERS)
        if dtype not in DTYPES:
            raise ConfigError(messages.UNKNOWN_DTYPE, name=dtype, choices=sorted(DTYPES))
        if input_dim < 1:
            raise ConfigError(messages.BAD_INPUT_DIM, value=input_dim)
        self.layers = layers
        self.input_dim = int(input_dim)
        self.dtype = np.dtype(DTYPES[dtype])

        sizes = [self.input_dim] + [layer.units for layer in layers]
        total = sum((d_in + 1) * d_out for d_in, d_out in zip(sizes, sizes[1:]))
        self.theta = np.zeros(total, dtype=self.dtype)
        self.grad = np.zeros(total, dtype=self.dtype)
        self.slices: list[tuple[slice, slice]] = []
        offset = 0
        for layer, d_in, d_out in zip(layers, sizes, sizes[1:]):
            w = slice(offset, offset + d_in * d_out)
            b = slice(w.stop, w.stop + d_out)
            offset = b.stop
            layer.bind(
                self.theta[w].reshape(d_in, d_out),
                self.theta[b],
                self.grad[w].reshape(d_in, d_out),
                self.grad[b],
            )
            layer.initialize(rng)
            self.slices.append((w, b))
        self._buffers: dict[int, list[_Buffers]] = {}

    @property
    def output_layer(self) -> Dense:
        """The last layer."""
        return self.layers[-1]

    @property
    def n_params(self) -> int:
        """Number of trainable parameters."""
        return self.theta.size

    @property
    def regularized(self) -> bool:
        """True when any layer has an L1 or L2 penalty."""
        return any(layer.l1 or layer.l2 for layer in self.layers)

    def layer_slice(self, index: int) -> slice:
        """Return the part of ``theta`` (and ``grad``) that holds layer ``index``'s W and b."""
        w, b = self.slices[index]
        return slice(w.start, b.stop)

    def summary(self) -> list[tuple[str, tuple[int | None, int], int]]:
        """Return one row per layer: name, output shape (None is the batch), parameter count."""
        return [
            (f"dense_{i}" if i else "dense", (None, layer.units), layer.n_params)
            for i, layer in enumerate(self.layers)
        ]

    def config(self) -> dict:
        """Return the settings that rebuild this model's architecture."""
        return {
            "input_dim": self.input_dim,
            "dtype": self.dtype.name,
            "layers": [layer.config() for layer in self.layers],
        }

    # Forward and backward passes ------------------------------------------------------

    def _buffers_for(self, n: int) -> list[_Buffers]:
        """Return (and cache) the work arrays for a batch of n samples."""
        buffers = self._buffers.get(n)
        if buffers is None:
            buffers = []
            ones = np.ones(n, self.dtype)
            for layer in self.layers:
                shape = (n, layer.units)
                z = np.empty(shape, self.dtype)
                a = np.empty(shape, self.dtype)
                dropout = layer.dropout > 0 and layer is not self.output_layer
                out = np.empty(shape, self.dtype) if dropout else a
                mask = np.empty(shape, self.dtype) if dropout else None
                dz = np.empty(shape, self.dtype)
                buffers.append(_Buffers(z, a, out, mask, dz, ones))
            if len(self._buffers) > 8:
                self._buffers.clear()
            self._buffers[n] = buffers
        return buffers

    def forward(
        self, X: np.ndarray, *, training: bool = False, rng: np.random.Generator | None = None
    ) -> list[_Buffers]:
        """Run a_l = f(a_{l-1} W + b) through every layer; return the filled buffers.

        ``X`` is (n, d) in the model's dtype. With ``training`` set, each layer with dropout
        zeroes a share p of its outputs drawn from ``rng`` and scales the rest by 1 / (1 - p).
        The returned buffers are reused by the next call with the same n.
        """
        X = self._as_input(X)
        buffers = self._buffers_for(len(X))
        a_prev = X
        for layer, buf in zip(self.layers, buffers):
            np.dot(a_prev, layer.W, out=buf.z)
            buf.z += layer.b

            layer.f.forward(buf.z, buf.a)

            if buf.mask is not None:
                if training:
                    keep = 1.0 - layer.dropout
                    np.less(rng.random(buf.mask.shape, dtype=self.dtype), keep, out=buf.mask)
                    buf.mask *= 1.0 / keep
                    np.multiply(buf.a, buf.mask, out=buf.out)
                else:
                    np.copyto(buf.out, buf.a)
            a_prev = buf.out
        return buffers

    def backward(self, X: np.ndarray, y: np.ndarray, loss: Loss, buffers: list[_Buffers]) -> float:
        """Fill ``grad`` with dJ/dθ after ``forward(X)`` and return the batch loss J.

        Output layer: dz_L = dJ/dz_L, fused with the loss where it can be.
        Each layer l: dW_l = a_{l-1}^T dz_l, db_l = sum over rows of dz_l.
        Going down: da_{l-1} = dz_l W_l^T, then dz_{l-1} = da_{l-1} * f'(z_{l-1}).
        """
        X = self._as_input(X)
        layers = self.layers
        top = buffers[-1]
        output = layers[-1]
        if loss.fused_activation == output.activation:
            J = loss.fused(top.z, top.a, y, top.dz)
        else:
            J = loss.value(top.a, y)
            loss.gradient(top.a, y, top.dz)
            output.f.backward(top.z, top.a, top.dz, top.dz)

        for i in range(len(layers) - 1, -1, -1):
            layer, buf = layers[i], buffers[i]
            a_prev = buffers[i - 1].out if i else X

            np.dot(a_prev.T, buf.dz, out=layer.dW)
            np.dot(buf.ones, buf.dz, out=layer.db)

            if i:
                below = buffers[i - 1]
                np.dot(buf.dz, layer.W.T, out=below.dz)
                if below.mask is not None:
                    below.dz *= below.mask
                layers[i - 1].f.backward(below.z, below.a, below.dz, below.dz)

        regularized = False
        for layer in layers:
            if layer.l1 or layer.l2:
                layer.add_penalty_gradient()
                regularized = True
        if regularized:
            J += self.penalty()
        return J

    def _as_input(self, X: np.ndarray) -> np.ndarray:
        """Return X in the model's dtype, because ``np.dot(..., out=)`` does not cast."""
        if X.dtype != self.dtype:
            return np.asarray(X, dtype=self.dtype)
        return X

    def clear_buffers(self) -> None:
        """Drop the cached work arrays, after a change of dropout needs new ones."""
        self._buffers.clear()

    def penalty(self) -> float:
        """Return the sum of every layer's L1 and L2 terms."""
        return sum(layer.penalty() for layer in self.layers)

    def logits(self, X: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Return the output layer's pre-activations z_L for ``X`` (n, d), shape (n, k)."""
        return self._infer(X, batch_size, lambda bufs: bufs[-1].z)

    def predict(self, X: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Return the network outputs a_L for ``X`` (n, d), shape (n, k), without dropout."""
        return self._infer(X, batch_size, lambda bufs: bufs[-1].a)

    def _infer(self, X: np.ndarray, batch_size: int, pick) -> np.ndarray:
        X = np.ascontiguousarray(X, dtype=self.dtype)
        if X.ndim != 2 or X.shape[1] != self.input_dim:
            raise ConfigError(
                messages.INPUT_SHAPE_MISMATCH, expected=self.input_dim, shape=tuple(X.shape)
            )
        parts = [
            pick(self.forward(X[start : start + batch_size])).copy()
            for start in range(0, len(X), batch_size)
        ]
        if not parts:
            return np.empty((0, self.output_layer.units), self.dtype)
        return np.concatenate(parts)

    def first_nonfinite_layer(self) -> int | None:
        """Return the index of the first layer with a NaN or infinite weight, or None."""
        for i in range(len(self.layers)):
            if not np.isfinite(self.theta[self.layer_slice(i)]).all():
                return i
        return None
