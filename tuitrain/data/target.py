"""Matching a data set's labels to a loss and an output layer."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import messages
from tuitrain.data.dataset import REGRESSION, Dataset, is_text

BCE = "binary_crossentropy"
CCE = "categorical_crossentropy"
MSE = "mse"
MAE = "mae"
LOSSES = ("auto", BCE, CCE, MSE, MAE)
"""Values of ``resolve_target(loss=...)``."""

_MAX_SHOWN_VALUES = 10


@dataclass
class Target:
    """Labels prepared for a loss, and the output layer that fits them.

    Attributes:
        y: Class indices 0..K-1 of shape (n,), int64, for classification (also for binary
            cross-entropy). Targets of shape (n, k), float64, for regression losses.
        classes: Original label of each class index as text, e.g. ``["97", "98"]``.
            Empty for regression losses.
        n_classes: K, or 0 for regression losses.
        loss: Resolved loss, one of ``binary_crossentropy``, ``categorical_crossentropy``,
            ``mse`` and ``mae``.
        output_units: Units of the output layer.
        output_activation: Activation of the output layer.
        reason: One English line that explains the output layer.
        mapped: True when the labels were renumbered to 0..K-1, so the UI shows ``classes``.
        reason_template: Template of ``reason`` from ``messages``, to translate it.
        reason_params: Values of the fields of ``reason_template``.
    """

    y: np.ndarray
    classes: list[str]
    n_classes: int
    loss: str
    output_units: int
    output_activation: str
    reason: str
    mapped: bool
    reason_template: str = ""
    reason_params: dict[str, object] = field(default_factory=dict)


def resolve_target(
    ds: Dataset,
    *,
    loss: str = "auto",
    output_units: int | None = None,
    output_activation: str | None = None,
    map_labels: bool = False,
) -> Target:
    """Choose the loss and output layer for ``ds`` and encode its labels to match.

    With ``loss="auto"``, 2 classes get 1 sigmoid unit with binary cross-entropy, K > 2
    classes get K softmax units with categorical cross-entropy, and regression gets one
    linear unit per target column with mean squared error. Categorical cross-entropy and
    text labels always map labels to 0..K-1. Binary cross-entropy maps numeric labels
    other than 0 and 1 only when ``loss="auto"`` or ``map_labels`` is set.

    Raises:
        ConfigError: for an unknown loss.
        DataError: when the labels, the loss and the output layer do not fit together.
    """
    if loss not in LOSSES:
        raise ConfigError(messages.UNKNOWN_LOSS, loss=loss, names=list(LOSSES))

    if ds.task == REGRESSION:
        if loss in (BCE, CCE):
            raise DataError(
                messages.CLASSIFICATION_LOSS_ON_REGRESSION, loss=loss, column=ds.label_name, name=ds.name
            )
        return _regression_target(ds, MSE if loss == "auto" else loss, output_units, output_activation)

    classes, indices = _encode_classes(ds.labels)
    if loss in (MSE, MAE):
        if is_text(ds.labels):
            raise DataError(
                messages.REGRESSION_LOSS_ON_TEXT, loss=loss, column=ds.label_name,
                values=_shown(classes),
            )
        return _regression_target(ds, loss, output_units, output_activation, labels_as_numbers=True)

    if len(classes) < 2:
        raise DataError(messages.SINGLE_CLASS, column=ds.label_name, value=_shown(classes))
    if loss == BCE or (loss == "auto" and len(classes) == 2):
        return _binary_target(ds, classes, indices, loss, output_units, output_activation, map_labels)
    return _categorical_target(ds, classes, indices, output_units, output_activation)


def _encode_classes(labels: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Return the sorted distinct labels as text and each sample's class index, (n,) int64.

    Numbers sort by value and show without a trailing ``.0`` (97.0 becomes "97").
    Text sorts alphabetically.
    """
    values, indices = np.unique(labels, return_inverse=True)
    if is_text(labels):
        names = [str(value) for value in values]
    else:
        names = [label_text(float(value)) for value in values]
    return names, indices.reshape(-1).astype(np.int64)


def label_text(value: object) -> str:
    """Return a label as the text its class is known by: 97.0 becomes "97", text stays."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}"
    return str(value)


def _is_identity(ds: Dataset, n_classes: int) -> bool:
    """Tell whether the labels already are the numbers 0..K-1."""
    if is_text(ds.labels):
        return False
    return np.array_equal(np.unique(ds.labels), np.arange(n_classes))


def _binary_target(ds, classes, indices, loss, output_units, output_activation, map_labels) -> Target:
    if len(classes) > 2:
        raise DataError(
            messages.BCE_TOO_MANY_CLASSES, column=ds.label_name, n_classes=len(classes),
            values=_shown(classes),
        )
    identity = _is_identity(ds, 2)
    # Text labels have no 0/1 reading, so they are always mapped.
    if loss == BCE and not identity and not map_labels and not is_text(ds.labels):
        raise DataError(messages.BCE_LABELS_NOT_BINARY, column=ds.label_name, values=classes)

    _check_output(BCE, ds, output_units, 1, output_activation, "sigmoid")
    return _make_target(
        y=indices, classes=classes, n_classes=2, loss=BCE, units=1, activation="sigmoid",
        mapped=not identity, template=messages.REASON_BINARY, params={},
    )


def _categorical_target(ds, classes, indices, output_units, output_activation) -> Target:
    n_classes = len(classes)
    _check_output(CCE, ds, output_units, n_classes, output_activation, "softmax")
    return _make_target(
        y=indices, classes=classes, n_classes=n_classes, loss=CCE, units=n_classes,
        activation="softmax", mapped=not _is_identity(ds, n_classes),
        template=messages.REASON_CATEGORICAL, params={"n_classes": n_classes},
    )


def _regression_target(ds, loss, output_units, output_activation, labels_as_numbers=False) -> Target:
    y = np.asarray(ds.labels, dtype=np.float64)
    y = y.reshape(len(y), -1)
    n_targets = y.shape[1]
    _check_output(loss, ds, output_units, n_targets, None, None)
    activation = output_activation or "linear"

    params = {"activation": activation, "loss": loss}
    if labels_as_numbers:
        template = messages.REASON_LABELS_AS_NUMBERS
    elif n_targets == 1:
        template = messages.REASON_REGRESSION_ONE
    else:
        template = messages.REASON_REGRESSION_MANY
        params["n_targets"] = n_targets
    return _make_target(
        y=y, classes=[], n_classes=0, loss=loss, units=n_targets, activation=activation,
        mapped=False, template=template, params=params,
    )


def _check_output(loss, ds, units, expected_units, activation, expected_activation) -> None:
    """Raise ``DataError`` when a requested output size or activation does not fit ``loss``."""
    if units is not None and units != expected_units:
        raise DataError(
            messages.OUTPUT_UNITS_MISMATCH, units=units, loss=loss, column=ds.label_name,
            expected=expected_units,
        )
    if expected_activation and activation is not None and activation != expected_activation:
        raise DataError(
            messages.OUTPUT_ACTIVATION_MISMATCH, activation=activation, loss=loss,
            expected=expected_activation,
        )


def _make_target(*, y, classes, n_classes, loss, units, activation, mapped, template, params) -> Target:
    return Target(
        y=y,
        classes=classes,
        n_classes=n_classes,
        loss=loss,
        output_units=units,
        output_activation=activation,
        reason=template.format(**params),
        mapped=mapped,
        reason_template=template,
        reason_params=params,
    )


def _shown(classes: list[str]) -> list[str]:
    """Return at most the first ``_MAX_SHOWN_VALUES`` class names, then "…"."""
    if len(classes) <= _MAX_SHOWN_VALUES:
        return classes
    return classes[:_MAX_SHOWN_VALUES] + ["…"]
