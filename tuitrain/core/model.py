"""A sequence of dense layers whose parameters live in one flat vector θ.

Every W and b is a view into one vector ``theta``, and every dW and db a view into
``grad``. An optimizer then updates all parameters with a handful of vector operations,
and a whole model is copied, checked for NaN or saved as one array.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError
from tuitrain.core.layers import Dense
from tuitrain.core.losses import Loss

DTYPES = {"float32": np.float32, "float64": np.float64}
"""Supported parameter types by name; float32 is the default, as in Keras."""


@dataclass
class _Buffers:
    """Preallocated arrays of one layer for one batch size n, each (n, units) but ``inp``.

    Each array is the transpose of a C-contiguous (units, n) array, so that a layer's
    output plus a row of ones is one contiguous block. ``Sequential._build_buffers``
    explains why.
    """

    z: np.ndarray
    a: np.ndarray
    out: np.ndarray
    mask: np.ndarray | None
    dz: np.ndarray
    inp: np.ndarray
    """The layer's input with a column of ones appended, [a_{l-1}, 1], shape (n, d_in + 1).

    For every layer but the first it is the array whose first columns are the layer
    below's ``out``, so that layer writes its output straight into it.
    """


class _ForwardStep(NamedTuple):
    """One layer's work in the forward pass, on one batch size's arrays."""

    Wb_T: np.ndarray
    z_T: np.ndarray
    activate: Callable[[], object]
    """f bound to this layer's z and a (see ``Activation.forward_on``)."""
    mask: np.ndarray | None
    a_rows: np.ndarray
    out: np.ndarray
    keep: float
    next_input_T: np.ndarray | None


class _BackwardStep(NamedTuple):
    """One layer's work in the backward pass: its d[W; b], then dz of the layer below."""

    input_T: np.ndarray
    dz: np.ndarray
    dWb: np.ndarray
    W: np.ndarray
    dz_T: np.ndarray
    dz_below_T: np.ndarray
    below_backward: Callable[[], object]
    """Turns the layer below's dJ/da into its dJ/dz, through dropout and f, in place."""


class _BatchBuffers(list):
    """The ``_Buffers`` of every layer for one batch size, with the loops' work prebuilt.

    ``forward_steps`` and ``backward_steps`` hold each layer's arrays and its activation
    bound to them as tuples, so the passes unpack locals instead of looking attributes up
    for every batch.
    """

    def __init__(self, buffers: list[_Buffers], x1: np.ndarray, first_dWb: np.ndarray) -> None:
        super().__init__(buffers)
        self.x1 = x1
        """The (n, d + 1) array that ``forward`` copies plain (n, d) input into."""
        self.forward_steps: list[_ForwardStep] = []
        self.backward_steps: list[_BackwardStep] = []
        self.loss: Loss | None = None
        """The loss that ``output_backward`` and ``train_steps`` are prepared for."""
        self.output_backward: Callable[[np.ndarray], float] | None = None
        """Fills the output layer's dz from the batch's targets and returns J."""
        self.train_steps: list[_ForwardStep] = []
        """``forward_steps`` for training, without the output activation when the loss
        does not read it."""
        self.first_gradient = (buffers[0].dz, first_dWb)
        """The first layer's dz and d[W; b], whose input changes with every batch."""


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
            # b directly follows W, so [W; b] is one (d_in + 1, units) view.
            layer.Wb = self.theta[w.start : b.stop].reshape(d_in + 1, d_out)
            layer.dWb = self.grad[w.start : b.stop].reshape(d_in + 1, d_out)
            layer.initialize(rng)
            self.slices.append((w, b))
        self._buffers: dict[int, _BatchBuffers] = {}
        self.buffers_generation = 0
        """Number of times the cached work arrays were dropped. Buffers from
        ``buffers_for`` are no longer the model's once it changes."""

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
        """Return the part of ``theta`` (and ``grad``) that contains layer ``index``'s W and b."""
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

    def buffers_for(self, n: int) -> _BatchBuffers:
        """Return (and cache) the work arrays for a batch of n samples."""
        buffers = self._buffers.get(n)
        if buffers is None:
            buffers = self._build_buffers(n)
            if len(self._buffers) > 8:
                self.clear_buffers()
            self._buffers[n] = buffers
        return buffers

    def _build_buffers(self, n: int) -> _BatchBuffers:
        """Allocate one batch size's arrays feature-major, as (units, n), and list the steps.

        A hidden layer's output is the first ``units`` rows of the next layer's input
        [A, 1]^T, a (units + 1, n) array whose last row is 1. Stored feature-major, those
        rows are one contiguous block, so the activation writes them with NumPy's fast
        contiguous loops. Stored sample-major, every row of the block would have a gap.
        The passes work on the transposes: Z^T = [W; b]^T [A_prev, 1]^T.
        """
        dtype = self.dtype
        x1 = np.empty((n, self.input_dim + 1), dtype)
        x1[:, -1] = 1
        inputs_T = [None]
        per_layer = []
        for layer in self.layers:
            shape_T = (layer.units, n)
            z_T = np.empty(shape_T, dtype)
            if layer is self.output_layer:
                out_T = np.empty(shape_T, dtype)
            else:
                next_input_T = np.empty((layer.units + 1, n), dtype)
                next_input_T[-1] = 1
                out_T = next_input_T[: layer.units]
                inputs_T.append(next_input_T)
            dropout = layer.dropout > 0 and layer is not self.output_layer
            a_T = np.empty(shape_T, dtype) if dropout else out_T
            mask_T = np.empty(shape_T, dtype) if dropout else None
            dz_T = np.empty(shape_T, dtype)
            per_layer.append(
                _Buffers(
                    z_T.T, a_T.T, out_T.T, None if mask_T is None else mask_T.T, dz_T.T, x1
                )
            )
        for buf, input_T in zip(per_layer[1:], inputs_T[1:]):
            buf.inp = input_T.T
        buffers = _BatchBuffers(per_layer, x1, self.layers[0].dWb)

        # Elementwise activations get the contiguous (units, n) arrays, softmax the
        # (n, units) views, because it works along each sample's row.
        def oriented(layer: Dense, *arrays: np.ndarray) -> tuple:
            if layer.f.elementwise:
                return tuple(None if x is None else x.T for x in arrays)
            return arrays

        next_inputs_T = inputs_T[1:] + [None]
        for layer, buf, next_input_T in zip(self.layers, buffers, next_inputs_T):
            z, a = oriented(layer, buf.z, buf.a)
            buffers.forward_steps.append(
                _ForwardStep(
                    layer.Wb.T, buf.z.T, layer.f.forward_on(z, a),
                    buf.mask, buf.a, buf.out, 1.0 - layer.dropout, next_input_T,
                )
            )
        for i in range(len(self.layers) - 1, 0, -1):
            layer, buf, below, layer_below = self.layers[i], buffers[i], buffers[i - 1], self.layers[i - 1]
            z_below, a_below, dz_below, mask_below = oriented(
                layer_below, below.z, below.a, below.dz, below.mask
            )
            below_backward = layer_below.f.backward_on(z_below, a_below, dz_below)
            if mask_below is not None:
                below_backward = functools.partial(
                    _dropout_backward, dz_below, mask_below, below_backward
                )
            buffers.backward_steps.append(
                _BackwardStep(
                    inputs_T[i], buf.dz, layer.dWb, layer.W, buf.dz.T, below.dz.T, below_backward
                )
            )
        return buffers

    def forward(
        self, X: np.ndarray, *, training: bool = False, rng: np.random.Generator | None = None
    ) -> list[_Buffers]:
        """Run a_l = f(a_{l-1} W + b) through every layer; return the filled buffers.

        ``X`` is (n, d). With ``training`` set, each layer with dropout zeroes a share p of
        its outputs drawn from ``rng`` and scales the rest by 1 / (1 - p). The returned
        buffers are reused by the next call with the same n.
        """
        if X.ndim != 2 or X.shape[1] != self.input_dim:
            raise ConfigError(
                messages.INPUT_SHAPE_MISMATCH, expected=self.input_dim, shape=tuple(X.shape)
            )
        x1 = self.buffers_for(len(X)).x1
        np.copyto(x1[:, :-1], X, casting="unsafe")
        return self.forward_augmented(x1, training=training, rng=rng)

    def forward_augmented(
        self, X1: np.ndarray, *, training: bool = False, rng: np.random.Generator | None = None
    ) -> list[_Buffers]:
        """Run ``forward`` on X1 = [X, 1], the (n, d + 1) input whose last column is 1.

        Each layer then computes Z = [A_prev, 1] [W; b] as one matrix product. X1 must be
        in the model's dtype and stay unchanged until ``backward`` has run.
        """
        buffers = self._buffers.get(len(X1))
        if buffers is None:
            buffers = self.buffers_for(len(X1))
        self._forward(buffers, buffers.forward_steps, X1, training, rng)
        return buffers

    def _forward(
        self,
        buffers: _BatchBuffers,
        steps: list[_ForwardStep],
        X1: np.ndarray,
        training: bool,
        rng: np.random.Generator | None,
    ) -> None:
        buffers[0].inp = X1
        dot = np.dot
        input_T = X1.T
        for Wb_T, z_T, activate, mask, a_rows, out, keep, next_input_T in steps:
            dot(Wb_T, input_T, out=z_T)
            activate()
            if mask is not None:
                if training:
                    np.less(rng.random(mask.shape, dtype=self.dtype), keep, out=mask)
                    mask *= 1.0 / keep
                    np.multiply(a_rows, mask, out=out)
                else:
                    np.copyto(out, a_rows)
            input_T = next_input_T

    def backward(self, X: np.ndarray, y: np.ndarray, loss: Loss, buffers: _BatchBuffers) -> float:
        """Fill ``grad`` with dJ/dθ after ``forward(X)`` and return the batch loss J.

        Output layer: dz_L = dJ/dz_L, fused with the loss where it can be.
        Each layer l: d[W_l; b_l] = [a_{l-1}, 1]^T dz_l, so dW_l = a_{l-1}^T dz_l and
        db_l = sum over rows of dz_l in one product.
        Going down: da_{l-1} = dz_l W_l^T, then dz_{l-1} = da_{l-1} * f'(z_{l-1}).
        ``X`` must be the input of that ``forward`` call, which ``buffers`` already holds,
        and ``y`` the plain targets; ``train_batch`` takes them converted once instead.
        """
        if buffers.loss is not loss:
            self._prepare_loss(buffers, loss)
        return self._backward(buffers, self.targets_for(loss, y))

    def train_batch(
        self, X1: np.ndarray, targets: np.ndarray, loss: Loss, rng: np.random.Generator
    ) -> float:
        """Run ``forward_augmented`` with dropout, then ``backward``; return the batch loss J.

        ``targets`` are ``targets_for(loss, y)``. When the loss's fused gradient needs only
        the logits (sigmoid with binary cross-entropy), the output layer's activation is not
        computed: in ``buffers_for(len(X1))`` the last layer's ``z`` contains the logits, and
        its ``a`` is stale.
        """
        buffers = self._buffers.get(len(X1))
        if buffers is None:
            buffers = self.buffers_for(len(X1))
        if buffers.loss is not loss:
            self._prepare_loss(buffers, loss)
        self._forward(buffers, buffers.train_steps, X1, True, rng)
        return self._backward(buffers, targets)

    def computes_outputs(self, loss: Loss) -> bool:
        """Return False when ``train_batch`` with ``loss`` leaves the outputs a uncomputed."""
        return not self._fuses(loss) or loss.fused_reads_outputs

    def targets_for(self, loss: Loss, y: np.ndarray) -> np.ndarray:
        """Return targets y in the form the output layer's backward step takes with ``loss``."""
        return loss.fused_targets(y) if self._fuses(loss) else y

    def _fuses(self, loss: Loss) -> bool:
        return loss.fused_activation == self.output_layer.activation

    def _backward(self, buffers: _BatchBuffers, targets: np.ndarray) -> float:
        J = buffers.output_backward(targets)
        dot = np.dot
        for input_T, dz, dWb, W, dz_T, dz_below_T, below_backward in buffers.backward_steps:
            dot(input_T, dz, out=dWb)
            dot(W, dz_T, out=dz_below_T)
            below_backward()
        dz, dWb = buffers.first_gradient
        dot(buffers[0].inp.T, dz, out=dWb)

        regularized = False
        for layer in self.layers:
            if layer.l1 or layer.l2:
                layer.add_penalty_gradient()
                regularized = True
        if regularized:
            J += self.penalty()
        return J

    def _prepare_loss(self, buffers: _BatchBuffers, loss: Loss) -> None:
        """Set up the output layer's backward step for ``loss``, and the training passes."""
        top, output = buffers[-1], self.output_layer
        buffers.loss = loss
        buffers.train_steps = buffers.forward_steps
        if self._fuses(loss):
            buffers.output_backward = loss.fused_on(top.z, top.a, top.dz)
            if not loss.fused_reads_outputs:
                *hidden, last = buffers.forward_steps
                buffers.train_steps = [*hidden, last._replace(activate=_skip)]
            return

        def output_backward(y: np.ndarray) -> float:
            J = loss.value(top.a, y)
            loss.gradient(top.a, y, top.dz)
            output.f.backward(top.z, top.a, top.dz, top.dz)
            return J

        buffers.output_backward = output_backward

    def clear_buffers(self) -> None:
        """Drop the cached work arrays, after a change of dropout needs new ones."""
        self._buffers.clear()
        self.buffers_generation += 1

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

    def first_nonfinite_layer(self, values: np.ndarray) -> int | None:
        """Return the first layer whose part of ``values`` has a NaN or infinity, or None.

        ``values`` is laid out as ``theta``: the weights, a gradient or an update.
        """
        for i in range(len(self.layers)):
            if not np.isfinite(values[self.layer_slice(i)]).all():
                return i
        return None


def _dropout_backward(dz: np.ndarray, mask: np.ndarray, activation_backward: Callable) -> None:
    """Pass dJ/da back through dropout (times its mask), then through the activation."""
    dz *= mask
    activation_backward()


def _skip() -> None:
    """Stand in for an activation that a training pass does not need."""
