"""Numerical safety of the losses: huge logits, perfect fits, no overflow or invalid values.

Underflow is allowed: exp(-5000) rounding to 0 is the correct result, and only overflow,
division by zero and invalid operations raise here.
"""

import numpy as np
import pytest

from tuitrain.core import Dense, Sequential, get_activation, get_loss
from tuitrain.core.metrics import evaluate

LOGITS = [-5000.0, -1000.0, -30.0, 0.0, 30.0, 1000.0, 5000.0]
STRICT = {"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}


def output_model(rng, activation, units, dtype):
    """Return a model whose logits equal its inputs: one Dense layer with W = I and b = 0."""
    model = Sequential([Dense(units, activation)], units, rng, dtype)
    model.layers[0].W[...] = np.eye(units)
    return model


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sigmoid_bce_huge_logits(dtype):
    rng = np.random.default_rng(0)
    model = output_model(rng, "sigmoid", 1, dtype)
    X = np.array(LOGITS, dtype=dtype)[:, None]
    for label in (0.0, 1.0):
        y = np.full((len(X), 1), label, dtype=dtype)
        with np.errstate(**STRICT):
            J = model.backward(X, y, get_loss("binary_crossentropy"), model.forward(X))
            scores = evaluate(model, get_loss("binary_crossentropy"), X, y)
        assert np.isfinite(J)
        assert np.isfinite(model.grad).all()
        assert np.isfinite(scores["loss"])


def test_sigmoid_bce_huge_logit_value():
    rng = np.random.default_rng(0)
    model = output_model(rng, "sigmoid", 1, "float64")
    X = np.array([[5000.0]])
    y = np.zeros((1, 1))
    with np.errstate(**STRICT):
        J = model.backward(X, y, get_loss("binary_crossentropy"), model.forward(X))
    # A logit of 5000 for label 0 costs log(1 + e^5000), which is 5000 to double precision.
    assert J == pytest.approx(5000.0, rel=1e-12)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_cce_huge_logits(dtype):
    rng = np.random.default_rng(0)
    model = output_model(rng, "softmax", 3, dtype)
    X = np.array([[5000, -5000, 0], [-5000, 5000, 1000], [0, 0, 5000], [1000, 1000, -1000]], dtype=dtype)
    labels = np.array([1, 0, 2, 1])
    loss = get_loss("categorical_crossentropy")
    for y in (labels, np.eye(3, dtype=dtype)[labels]):
        with np.errstate(**STRICT):
            J = model.backward(X, y, loss, model.forward(X))
            scores = evaluate(model, loss, X, y)
        assert np.isfinite(J)
        assert np.isfinite(model.grad).all()
        assert np.isfinite(scores["loss"])


def test_softmax_cce_huge_logit_value():
    rng = np.random.default_rng(0)
    model = output_model(rng, "softmax", 2, "float64")
    X = np.array([[5000.0, -5000.0]])
    with np.errstate(**STRICT):
        J = model.backward(X, np.array([1]), get_loss("categorical_crossentropy"), model.forward(X))
    assert J == pytest.approx(10000.0, rel=1e-12)


@pytest.mark.parametrize("name", ["mse", "mae", "binary_crossentropy", "categorical_crossentropy"])
def test_loss_perfect_fit_finite(name):
    loss = get_loss(name)
    a = np.array([[0.0, 1.0], [1.0, 0.0]])
    y = a.copy()
    out = np.empty_like(a)
    with np.errstate(**STRICT):
        value = loss.value(a, y)
        gradient = loss.gradient(a, y, out)
    assert np.isfinite(value)
    assert np.isfinite(gradient).all()


def test_cce_perfect_fit_integer_labels():
    a = np.array([[1.0, 0.0], [0.0, 1.0]])
    with np.errstate(**STRICT):
        value = get_loss("categorical_crossentropy").value(a, np.array([0, 1]))
    assert value == pytest.approx(0.0, abs=1e-6)


def test_fused_losses_perfect_fit():
    rng = np.random.default_rng(0)
    for activation, units, y, loss in (
        ("sigmoid", 1, np.array([[1.0], [0.0]]), "binary_crossentropy"),
        ("softmax", 2, np.array([0, 1]), "categorical_crossentropy"),
    ):
        model = output_model(rng, activation, units, "float64")
        X = np.array([[60.0, -60.0], [-60.0, 60.0]])[:, :units]
        with np.errstate(**STRICT):
            J = model.backward(X, y, get_loss(loss), model.forward(X))
        assert np.isfinite(J)
        assert J < 1e-20


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_extremes_finite(dtype):
    z = np.array([[-1000.0, 1000.0]], dtype=dtype)
    with np.errstate(**STRICT):
        a = get_activation("sigmoid").forward(z, np.empty_like(z))
    assert np.isfinite(a).all()
    assert a[0, 0] == 0.0
    assert a[0, 1] == 1.0


def test_loss_aliases():
    assert get_loss("sparse_categorical_crossentropy").name == "categorical_crossentropy"
    assert get_loss("mean_squared_error").name == "mse"
    assert get_loss("bce").name == "binary_crossentropy"


@pytest.mark.parametrize(
    ("activation", "units", "loss_name", "labels"),
    [
        ("sigmoid", 1, "binary_crossentropy", np.array([[0.0], [1.0], [1.0], [0.0], [1.0]])),
        ("softmax", 3, "categorical_crossentropy", np.array([2, 0, 1, 1, 0])),
        ("linear", 2, "mse", np.arange(10.0).reshape(5, 2)),
    ],
)
def test_train_batch_matches_forward_and_backward(activation, units, loss_name, labels):
    """train_batch gives the loss and gradient that forward followed by backward give."""
    rng = np.random.default_rng(3)
    model = Sequential([Dense(6, "relu"), Dense(units, activation)], 4, rng, "float64")
    loss = get_loss(loss_name)
    X = rng.normal(size=(5, 4))
    X1 = np.hstack([X, np.ones((5, 1))])

    J = model.backward(X, labels, loss, model.forward(X, training=True, rng=rng))
    grad = model.grad.copy()
    logits = model.logits(X)

    J_batch = model.train_batch(X1, model.targets_for(loss, labels), loss, rng)
    np.testing.assert_allclose(J_batch, J, rtol=1e-13)
    np.testing.assert_allclose(model.grad, grad, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(model.buffers_for(5)[-1].z, logits, rtol=1e-13)


def test_bce_step_skips_outputs_only_when_fused():
    rng = np.random.default_rng(0)
    sigmoid = Sequential([Dense(1, "sigmoid")], 2, rng)
    tanh = Sequential([Dense(1, "tanh")], 2, rng)
    bce, cce = get_loss("binary_crossentropy"), get_loss("categorical_crossentropy")
    assert not sigmoid.computes_outputs(bce)
    assert tanh.computes_outputs(bce)
    assert Sequential([Dense(3, "softmax")], 2, rng).computes_outputs(cce)


@pytest.mark.parametrize("labels", [[0, 2, 1], [0.5, 1.0, 0.0], [-1, 1, 1]])
def test_bce_targets_must_be_binary(labels):
    from tuitrain.core import ConfigError, messages

    y = np.array(labels, dtype=np.float32)[:, None]
    with pytest.raises(ConfigError) as caught:
        get_loss("binary_crossentropy").fused_targets(y)
    assert caught.value.template == messages.BCE_TARGETS_NOT_BINARY
    assert f"{max(labels):g}" in str(caught.value) or f"{min(labels):g}" in str(caught.value)


def test_bce_from_logits_soft_targets():
    """Evaluation stays the cross-entropy for targets between 0 and 1."""
    z = np.array([[2.0], [-1.0], [0.0], [30.0]])
    y = np.array([[0.7], [0.2], [0.5], [1.0]])
    bce = get_loss("binary_crossentropy")
    a = 1 / (1 + np.exp(-z))
    expected = float(np.mean(-(y * np.log(a) + (1 - y) * np.log1p(-a))))
    assert bce.from_logits(z, y) == pytest.approx(expected, rel=1e-12)
