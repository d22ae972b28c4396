"""resolve_target: labels meet the loss and the output layer."""

import numpy as np
import pytest

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import Dataset, load_dataset, messages, resolve_target


def dataset(labels, task="classification"):
    labels = np.asarray(labels)
    return Dataset(
        X=np.zeros((len(labels), 2)),
        labels=labels,
        task=task,
        name="test",
        feature_names=["a", "b"],
        label_name="kind",
    )


def test_auto_binary_zero_one():
    target = resolve_target(dataset([0.0, 1.0, 1.0, 0.0]))

    assert target.loss == "binary_crossentropy"
    assert target.output_units == 1
    assert target.output_activation == "sigmoid"
    assert not target.mapped
    assert target.y.dtype == np.int64
    np.testing.assert_array_equal(target.y, [0, 1, 1, 0])
    assert target.reason == "2 classes: 1 sigmoid unit with binary cross-entropy"
    assert target.reason_template == messages.REASON_BINARY


def test_auto_binary_maps_other_numbers():
    target = resolve_target(dataset([1.0, 2.0, 2.0]))

    assert target.loss == "binary_crossentropy"
    assert target.mapped
    np.testing.assert_array_equal(target.y, [0, 1, 1])


def test_auto_multiclass_reason():
    target = resolve_target(dataset([0.0, 1.0, 2.0, 3.0]))

    assert target.loss == "categorical_crossentropy"
    assert target.output_units == 4
    assert target.output_activation == "softmax"
    assert not target.mapped
    assert target.reason_params == {"n_classes": 4}
    assert target.reason == "4 classes: 4 softmax units with categorical cross-entropy"


def test_text_labels_with_bce_always_mapped():
    target = resolve_target(dataset(["no", "yes", "no"]), loss="binary_crossentropy")

    assert target.mapped
    assert target.classes == ["no", "yes"]
    np.testing.assert_array_equal(target.y, [0, 1, 0])


def test_bce_with_three_classes():
    with pytest.raises(DataError) as caught:
        resolve_target(dataset([0.0, 1.0, 2.0]), loss="binary_crossentropy")

    assert caught.value.template == messages.BCE_TOO_MANY_CLASSES
    assert caught.value.params["n_classes"] == 3


def test_bce_output_units_two():
    with pytest.raises(DataError) as caught:
        resolve_target(dataset([0.0, 1.0]), loss="binary_crossentropy", output_units=2)

    assert caught.value.params["units"] == 2
    assert caught.value.params["expected"] == 1


def test_cce_with_two_classes():
    target = resolve_target(dataset([0.0, 1.0]), loss="categorical_crossentropy")

    assert target.output_units == 2
    assert target.output_activation == "softmax"


def test_wrong_output_activation():
    with pytest.raises(DataError) as caught:
        resolve_target(dataset([0.0, 1.0, 2.0]), output_activation="sigmoid")

    assert caught.value.template == messages.OUTPUT_ACTIVATION_MISMATCH
    assert caught.value.params["expected"] == "softmax"


def test_single_class_rejected():
    with pytest.raises(DataError) as caught:
        resolve_target(dataset([1.0, 1.0]))

    assert caught.value.template == messages.SINGLE_CLASS


def test_unknown_loss():
    with pytest.raises(ConfigError) as caught:
        resolve_target(dataset([0.0, 1.0]), loss="hinge")

    assert "categorical_crossentropy" in caught.value.params["names"]


def test_mse_on_numeric_class_labels():
    target = resolve_target(dataset([0.0, 1.0, 2.0]), loss="mse")

    assert target.y.shape == (3, 1)
    assert target.y.dtype == np.float64
    assert target.n_classes == 0
    assert target.classes == []
    assert target.reason_template == messages.REASON_LABELS_AS_NUMBERS


def test_mae_on_text_labels_rejected():
    with pytest.raises(DataError) as caught:
        resolve_target(dataset(["a", "b"]), loss="mae")

    assert caught.value.template == messages.REGRESSION_LOSS_ON_TEXT


def test_regression_auto_mse():
    target = resolve_target(load_dataset("regression2d"))

    assert target.loss == "mse"
    assert target.output_units == 1
    assert target.output_activation == "linear"
    assert target.y.shape == (400, 1)
    assert target.reason == "1 target column: 1 linear unit with mse loss"


def test_regression_two_columns():
    labels = np.arange(10.0).reshape(5, 2) / 3
    target = resolve_target(dataset(labels, task="regression"), loss="mae")

    assert target.y.shape == (5, 2)
    assert target.output_units == 2
    assert target.reason_params["n_targets"] == 2


@pytest.mark.parametrize("loss", ["binary_crossentropy", "categorical_crossentropy"])
def test_regression_with_class_loss(loss):
    with pytest.raises(DataError) as caught:
        resolve_target(load_dataset("regression1d"), loss=loss)

    assert caught.value.template == messages.CLASSIFICATION_LOSS_ON_REGRESSION
    assert caught.value.params["loss"] == loss
    assert "--loss mse" in str(caught.value)


def test_regression_wrong_output_units():
    with pytest.raises(DataError) as caught:
        resolve_target(load_dataset("regression1d"), output_units=3)

    assert caught.value.params["expected"] == 1
    assert caught.value.params["units"] == 3
