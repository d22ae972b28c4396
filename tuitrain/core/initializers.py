"""Weight initializers, as Keras defines them: fan_in and fan_out are the kernel's shape.

Every initializer draws from the ``rng`` it is given, so one seed fixes the whole run.
Biases start at zero, as in Keras.
"""

from __future__ import annotations

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError


def glorot_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Draw W ~ U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def glorot_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Draw W from a normal with std sqrt(2 / (fan_in + fan_out)), truncated at 2 std."""
    return _truncated_normal(rng, np.sqrt(2.0 / (fan_in + fan_out)), (fan_in, fan_out))


def he_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Draw W ~ U(-limit, limit) with limit = sqrt(6 / fan_in), suited to ReLU."""
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def he_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Draw W from a normal with std sqrt(2 / fan_in), truncated at 2 std."""
    return _truncated_normal(rng, np.sqrt(2.0 / fan_in), (fan_in, fan_out))


def lecun_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Draw W from a normal with std sqrt(1 / fan_in), truncated at 2 std."""
    return _truncated_normal(rng, np.sqrt(1.0 / fan_in), (fan_in, fan_out))


def _truncated_normal(rng: np.random.Generator, std: float, shape: tuple[int, int]) -> np.ndarray:
    """Draw a normal truncated to [-2, 2] std, rescaled as Keras's variance-scaling does.

    0.87962566103423978 is the std of a standard normal truncated at +-2, so dividing by it
    gives the truncated draw the requested variance.
    """
    scaled_std = std / 0.87962566103423978
    w = rng.normal(0.0, scaled_std, size=shape)
    outside = np.abs(w) > 2 * scaled_std
    while outside.any():
        w[outside] = rng.normal(0.0, scaled_std, size=int(outside.sum()))
        outside = np.abs(w) > 2 * scaled_std
    return w


INITIALIZERS = {
    "glorot_uniform": glorot_uniform,
    "glorot_normal": glorot_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "lecun_normal": lecun_normal,
}
"""Every initializer by its config name."""


def get_initializer(name: str):
    """Return the initializer called ``name``, or raise ConfigError listing the known names."""
    try:
        return INITIALIZERS[name]
    except KeyError:
        raise ConfigError(
            messages.UNKNOWN_INITIALIZER, name=name, choices=sorted(INITIALIZERS)
        ) from None
