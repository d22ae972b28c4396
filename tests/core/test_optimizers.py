"""Known-answer tests for the first steps of each optimizer, from Keras 3's update rules.

The expected values are computed element by element with ``math``, from the rules written
in each optimizer's docstring, and never through the vector code under test.
"""

import math

import numpy as np
import pytest

from tuitrain.core import ConfigError, get_optimizer

THETA = [1.0, -2.0, 0.5]
GRADS = [[0.5, -1.0, 2.0], [0.1, 0.3, -0.4], [-0.2, 0.05, 1.0]]


def run_steps(name, steps, **params):
    """Apply the first ``steps`` gradients of GRADS to THETA and return theta after each step."""
    optimizer = get_optimizer(name, **params)
    optimizer.build(len(THETA), np.dtype(np.float64))
    theta = np.array(THETA)
    history = []
    for grad in GRADS[:steps]:
        optimizer.step(theta, np.array(grad))
        history.append(theta.copy())
    return history


def test_sgd_plain_steps():
    lr = 0.1
    result = run_steps("sgd", 2, lr=lr)
    expected = list(THETA)
    for step, grad in enumerate(GRADS[:2]):
        expected = [w - lr * g for w, g in zip(expected, grad)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-13)


def test_sgd_plain_first_step_literal():
    result = run_steps("sgd", 1, lr=0.1)
    np.testing.assert_allclose(result[0], [0.95, -1.9, 0.3], rtol=1e-13)


def test_sgd_momentum_steps():
    lr, mu = 0.1, 0.9
    result = run_steps("sgd", 3, lr=lr, momentum=mu)
    expected, velocity = list(THETA), [0.0] * 3
    for step, grad in enumerate(GRADS):
        velocity = [mu * m - lr * g for m, g in zip(velocity, grad)]
        expected = [w + m for w, m in zip(expected, velocity)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-13)


def test_sgd_nesterov_steps():
    lr, mu = 0.1, 0.9
    result = run_steps("sgd", 3, lr=lr, momentum=mu, nesterov=True)
    expected, velocity = list(THETA), [0.0] * 3
    for step, grad in enumerate(GRADS):
        velocity = [mu * m - lr * g for m, g in zip(velocity, grad)]
        expected = [w + mu * m - lr * g for w, m, g in zip(expected, velocity, grad)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-13)


def test_rmsprop_steps():
    lr, rho, eps = 0.01, 0.9, 1e-7
    result = run_steps("rmsprop", 3, lr=lr)
    expected, velocity = list(THETA), [0.0] * 3
    for step, grad in enumerate(GRADS):
        velocity = [rho * v + (1 - rho) * g * g for v, g in zip(velocity, grad)]
        expected = [w - lr * g / math.sqrt(v + eps) for w, g, v in zip(expected, grad, velocity)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-12)


def test_rmsprop_momentum_steps():
    lr, rho, mu, eps = 0.01, 0.9, 0.5, 1e-7
    result = run_steps("rmsprop", 3, lr=lr, momentum=mu)
    expected, velocity, moment = list(THETA), [0.0] * 3, [0.0] * 3
    for step, grad in enumerate(GRADS):
        velocity = [rho * v + (1 - rho) * g * g for v, g in zip(velocity, grad)]
        moment = [mu * m + lr * g / math.sqrt(v + eps) for m, g, v in zip(moment, grad, velocity)]
        expected = [w - m for w, m in zip(expected, moment)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-12)


def adam_expected(steps, lr, weight_decay=0.0, b1=0.9, b2=0.999, eps=1e-7):
    """Return theta after each step of Keras's Adam, with AdamW's decay applied first."""
    expected, m, v = list(THETA), [0.0] * 3, [0.0] * 3
    out = []
    for t, grad in enumerate(GRADS[:steps], start=1):
        expected = [w * (1 - lr * weight_decay) for w in expected]
        m = [mi + (1 - b1) * (g - mi) for mi, g in zip(m, grad)]
        v = [vi + (1 - b2) * (g * g - vi) for vi, g in zip(v, grad)]
        alpha = lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        expected = [w - alpha * mi / (math.sqrt(vi) + eps) for w, mi, vi in zip(expected, m, v)]
        out.append(expected)
    return out


def test_adam_first_step_moves_lr():
    lr = 0.001
    result = run_steps("adam", 1, lr=lr)
    moved = result[0] - np.array(THETA)
    np.testing.assert_allclose(moved, -lr * np.sign(GRADS[0]), rtol=1e-5)


def test_adam_steps():
    result = run_steps("adam", 3, lr=0.001)
    for step, expected in enumerate(adam_expected(3, lr=0.001)):
        np.testing.assert_allclose(result[step], expected, rtol=1e-12)


def test_adamw_steps():
    result = run_steps("adamw", 3, lr=0.01, weight_decay=0.1)
    for step, expected in enumerate(adam_expected(3, lr=0.01, weight_decay=0.1)):
        np.testing.assert_allclose(result[step], expected, rtol=1e-12)


def test_adamw_default_weight_decay():
    assert get_optimizer("adamw").params["weight_decay"] == 0.004


def test_adagrad_steps():
    lr, eps = 0.1, 1e-7
    result = run_steps("adagrad", 3, lr=lr)
    expected, accumulator = list(THETA), [0.1] * 3
    for step, grad in enumerate(GRADS):
        accumulator = [a + g * g for a, g in zip(accumulator, grad)]
        expected = [w - lr * g / math.sqrt(a + eps) for w, g, a in zip(expected, grad, accumulator)]
        np.testing.assert_allclose(result[step], expected, rtol=1e-12)


def test_set_lr_keeps_state():
    optimizer = get_optimizer("adam")
    optimizer.build(3, np.dtype(np.float64))
    theta = np.array(THETA)
    optimizer.step(theta, np.array(GRADS[0]))
    m = optimizer.state["m_sum"].copy()
    optimizer.set(lr=0.5)
    assert optimizer.lr == 0.5
    np.testing.assert_array_equal(optimizer.state["m_sum"], m)
    assert optimizer.iterations == 1


def test_adam_beta_change_keeps_moments():
    """Keras keeps m and v when β1 or β2 change, so the next step must match its rule."""
    optimizer = get_optimizer("adam", lr=0.01)
    optimizer.build(3, np.dtype(np.float64))
    theta = np.array(THETA)
    optimizer.step(theta, np.array(GRADS[0]))
    m, v = optimizer.moments()
    optimizer.set(beta_1=0.5, beta_2=0.9)
    np.testing.assert_allclose(optimizer.moments()[0], m, rtol=1e-15)
    np.testing.assert_allclose(optimizer.moments()[1], v, rtol=1e-15)

    expected = list(theta)
    optimizer.step(theta, np.array(GRADS[1]))
    b1, b2, alpha = 0.5, 0.9, 0.01 * math.sqrt(1 - 0.9**2) / (1 - 0.5**2)
    for i, g in enumerate(GRADS[1]):
        mi = m[i] + (1 - b1) * (g - m[i])
        vi = v[i] + (1 - b2) * (g * g - v[i])
        expected[i] -= alpha * mi / (math.sqrt(vi) + 1e-7)
    np.testing.assert_allclose(theta, expected, rtol=1e-12)


@pytest.mark.parametrize("lr", [0, -1, math.nan, math.inf, True])
def test_optimizer_rejects_bad_lr(lr):
    with pytest.raises(ConfigError):
        get_optimizer("adam", lr=lr)


@pytest.mark.parametrize("setting", [{"beta_1": 1.0}, {"beta_2": -0.1}, {"epsilon": -1}, {"momentum": 1.5}])
def test_optimizer_rejects_bad_setting(setting):
    name = "sgd" if "momentum" in setting else "adam"
    with pytest.raises(ConfigError):
        get_optimizer(name, **setting)


def test_optimizer_unknown_setting():
    with pytest.raises(ConfigError) as caught:
        get_optimizer("sgd", beta_1=0.9)
    assert "beta_1" in str(caught.value)


def test_failed_set_keeps_params():
    optimizer = get_optimizer("adam", lr=0.01)
    with pytest.raises(ConfigError):
        optimizer.set(lr=-1)
    assert optimizer.lr == 0.01


def test_nonfinite_update_not_applied():
    optimizer = get_optimizer("adam")
    optimizer.build(3, np.dtype(np.float32))
    theta = np.array(THETA, np.float32)
    assert not optimizer.step(theta, np.array([0.1, np.nan, 0.2], np.float32))
    np.testing.assert_array_equal(theta, np.array(THETA, np.float32))


def test_huge_finite_update_applied():
    # Δθ·Δθ overflows float32 here, but θ − Δθ does not, so the update goes through.
    optimizer = get_optimizer("sgd", lr=1.0)
    optimizer.build(2, np.dtype(np.float32))
    theta = np.array([1.0, 2.0], np.float32)
    with np.errstate(over="ignore"):
        assert optimizer.step(theta, np.array([1e20, -1e20], np.float32))
    np.testing.assert_array_equal(theta, np.array([-1e20, 1e20], np.float32))
    np.testing.assert_array_equal(optimizer.update, np.array([1e20, -1e20], np.float32))


def test_update_that_overflows_weights_not_applied():
    optimizer = get_optimizer("sgd", lr=1.0)
    optimizer.build(2, np.dtype(np.float32))
    theta = np.array([3e38, 0.0], np.float32)
    with np.errstate(over="ignore"):
        assert not optimizer.step(theta, np.array([-1e38, 0.0], np.float32))
    np.testing.assert_array_equal(theta, np.array([3e38, 0.0], np.float32))


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("sgd", {"momentum": 0.9}),
        ("sgd", {"momentum": 0.9, "nesterov": True}),
        ("rmsprop", {"momentum": 0.5}),
        ("adam", {}),
        ("adamw", {}),
        ("adagrad", {}),
    ],
)
def test_rejected_step_keeps_state(name, params):
    """A rejected step leaves the state and the step count as they were, so training can go on."""
    optimizer = get_optimizer(name, lr=0.01, **params)
    optimizer.build(3, np.dtype(np.float64))
    theta = np.array(THETA)
    optimizer.step(theta, np.array(GRADS[0]))
    state = {key: value.copy() for key, value in optimizer.state.items()}

    with np.errstate(invalid="ignore"):  # inf / inf in the moments, as the Trainer allows.
        assert not optimizer.step(theta, np.array([np.inf, 0.0, 1.0]))
    assert optimizer.iterations == 1
    for key, value in optimizer.state.items():
        np.testing.assert_array_equal(value, state[key])

    # The next good step is the one that would have followed the first.
    reference = get_optimizer(name, lr=0.01, **params)
    reference.build(3, np.dtype(np.float64))
    expected = np.array(THETA)
    reference.step(expected, np.array(GRADS[0]))
    reference.step(expected, np.array(GRADS[1]))
    assert optimizer.step(theta, np.array(GRADS[1]))
    np.testing.assert_array_equal(theta, expected)
