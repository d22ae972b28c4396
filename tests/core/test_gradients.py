"""Finite-difference checks of Sequential.backward on the full flat theta, in float64.

Each check compares grad with central differences (J(θ + h e_i) − J(θ − h e_i)) / 2h over
every parameter. The relative error is ||g_num − g|| / (||g_num|| + ||g||).
"""

import numpy as np
import pytest

from tuitrain.core import ACTIVATIONS, Dense, Sequential, get_loss

H = 1e-6
TOLERANCE = 1e-6


def loss_value(model, X, y, loss, dropout_seed=None):
    rng = None if dropout_seed is None else np.random.default_rng(dropout_seed)
    buffers = model.forward(X, training=rng is not None, rng=rng)
    return model.backward(X, y, loss, buffers)


def relative_error(model, X, y, loss, dropout_seed=None):
    """Return the relative error between backward's grad and central differences."""
    loss_value(model, X, y, loss, dropout_seed)
    analytic = model.grad.copy()
    numeric = np.empty_like(analytic)
    theta = model.theta
    for i in range(theta.size):
        saved = theta[i]
        theta[i] = saved + H
        upper = loss_value(model, X, y, loss, dropout_seed)
        theta[i] = saved - H
        lower = loss_value(model, X, y, loss, dropout_seed)
        theta[i] = saved
        numeric[i] = (upper - lower) / (2 * H)
    scale = np.linalg.norm(numeric) + np.linalg.norm(analytic)
    assert scale > 0, "the gradient is zero everywhere, so the check proves nothing"
    return np.linalg.norm(numeric - analytic) / scale


def build(rng, layers, input_dim=3):
    return Sequential(layers, input_dim, rng, dtype="float64")


def min_abs_preactivation(model, X):
    """Return the smallest |z| over every layer, to keep clear of ReLU-type kinks."""
    return min(float(np.abs(buf.z).min()) for buf in model.forward(X))


def binary_labels(rng, n):
    return rng.integers(0, 2, (n, 1)).astype(np.float64)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_gradient_hidden_activation(name):
    rng = np.random.default_rng(1)
    model = build(rng, [Dense(5, name), Dense(4, name), Dense(1, "sigmoid")])
    X = rng.normal(size=(7, 3))
    y = binary_labels(rng, 7)
    assert min_abs_preactivation(model, X) > 100 * H
    assert relative_error(model, X, y, get_loss("binary_crossentropy")) < TOLERANCE


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_gradient_output_activation_mse(name):
    rng = np.random.default_rng(2)
    model = build(rng, [Dense(5, "tanh"), Dense(3, name)])
    X = rng.normal(size=(6, 3))
    y = rng.normal(size=(6, 3))
    assert min_abs_preactivation(model, X) > 100 * H
    assert relative_error(model, X, y, get_loss("mse")) < TOLERANCE


def test_gradient_mse_linear():
    rng = np.random.default_rng(3)
    model = build(rng, [Dense(6, "relu"), Dense(2, "linear")])
    X = rng.normal(size=(8, 3))
    y = rng.normal(size=(8, 2))
    assert min_abs_preactivation(model, X) > 100 * H
    assert relative_error(model, X, y, get_loss("mse")) < TOLERANCE


def test_gradient_mae_away_from_kinks():
    rng = np.random.default_rng(4)
    model = build(rng, [Dense(6, "tanh"), Dense(2, "linear")])
    X = rng.normal(size=(8, 3))
    outputs = model.predict(X)
    # Targets 1 to 2 away from the outputs, on both sides, so |a - y| has no kink nearby.
    y = outputs + rng.choice([-1.0, 1.0], size=outputs.shape) * rng.uniform(1, 2, outputs.shape)
    assert relative_error(model, X, y, get_loss("mae")) < TOLERANCE


def test_gradient_bce_fused_sigmoid():
    rng = np.random.default_rng(5)
    model = build(rng, [Dense(6, "elu"), Dense(1, "sigmoid")])
    X = rng.normal(size=(9, 3))
    y = binary_labels(rng, 9)
    assert relative_error(model, X, y, get_loss("binary_crossentropy")) < TOLERANCE


def test_gradient_bce_unfused_sigmoid():
    rng = np.random.default_rng(6)
    model = build(rng, [Dense(6, "tanh"), Dense(1, "sigmoid")])
    X = rng.normal(size=(9, 3))
    y = binary_labels(rng, 9)
    loss = get_loss("binary_crossentropy")
    loss.fused_activation = None  # forces value() and gradient() through sigmoid.backward
    outputs = model.predict(X)
    assert outputs.min() > 1e-3
    assert outputs.max() < 1 - 1e-3
    assert relative_error(model, X, y, loss) < TOLERANCE


def test_gradient_bce_unfused_softmax_output():
    rng = np.random.default_rng(7)
    model = build(rng, [Dense(6, "tanh"), Dense(2, "softmax")])
    X = rng.normal(size=(9, 3))
    y = np.eye(2)[rng.integers(0, 2, 9)]
    assert relative_error(model, X, y, get_loss("binary_crossentropy")) < TOLERANCE


def test_gradient_cce_fused_integer_labels():
    rng = np.random.default_rng(8)
    model = build(rng, [Dense(6, "gelu"), Dense(4, "softmax")])
    X = rng.normal(size=(10, 3))
    y = rng.integers(0, 4, 10)
    assert relative_error(model, X, y, get_loss("categorical_crossentropy")) < TOLERANCE


def test_gradient_cce_fused_onehot_labels():
    rng = np.random.default_rng(9)
    model = build(rng, [Dense(6, "gelu"), Dense(4, "softmax")])
    X = rng.normal(size=(10, 3))
    y = np.eye(4)[rng.integers(0, 4, 10)]
    assert relative_error(model, X, y, get_loss("categorical_crossentropy")) < TOLERANCE


def test_gradient_cce_unfused_softmax_integer():
    rng = np.random.default_rng(10)
    model = build(rng, [Dense(6, "tanh"), Dense(4, "softmax")])
    X = rng.normal(size=(10, 3))
    y = rng.integers(0, 4, 10)
    loss = get_loss("categorical_crossentropy")
    loss.fused_activation = None  # forces value() and gradient() through softmax.backward
    assert relative_error(model, X, y, loss) < TOLERANCE


def test_gradient_cce_unfused_sigmoid_onehot():
    rng = np.random.default_rng(11)
    model = build(rng, [Dense(6, "tanh"), Dense(4, "sigmoid")])
    X = rng.normal(size=(10, 3))
    y = np.eye(4)[rng.integers(0, 4, 10)]
    assert relative_error(model, X, y, get_loss("categorical_crossentropy")) < TOLERANCE


def test_gradient_l1_l2_penalties():
    rng = np.random.default_rng(12)
    layers = [Dense(6, "tanh", l1=0.01, l2=0.02), Dense(4, "elu", l2=0.05), Dense(1, "sigmoid", l1=0.03)]
    model = build(rng, layers)
    for layer in model.layers:
        # Move weights off the L1 kink at W = 0 without changing their sign.
        near_zero = np.abs(layer.W) < 0.01
        layer.W[near_zero] = np.where(layer.W[near_zero] < 0, -0.05, 0.05)
    X = rng.normal(size=(8, 3))
    y = binary_labels(rng, 8)
    assert model.penalty() > 0
    assert relative_error(model, X, y, get_loss("binary_crossentropy")) < TOLERANCE


def test_gradient_dropout_fixed_mask():
    rng = np.random.default_rng(13)
    model = build(rng, [Dense(8, "tanh", dropout=0.3), Dense(2, "linear")])
    X = rng.normal(size=(8, 3))
    y = rng.normal(size=(8, 2))
    # The same dropout seed for every evaluation keeps the mask fixed.
    assert relative_error(model, X, y, get_loss("mse"), dropout_seed=99) < TOLERANCE
