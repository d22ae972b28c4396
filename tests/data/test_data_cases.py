"""The made-up files in tests/cases, each a known way that naive loaders fail."""

import numpy as np
import pytest

from tuitrain.core.errors import DataError
from tuitrain.data import load_dataset, resolve_target, split_dataset
from tuitrain.data import messages


def test_header_row_names_used(case):
    ds = load_dataset(case("header-row.csv"))

    assert ds.feature_names == ["temp_c", "humidity", "wind"]
    assert ds.label_name == "rain"
    assert ds.X.shape == (60, 3)
    assert ds.name == "header-row.csv"


def test_missing_values_listed_and_rejected(case):
    with pytest.raises(DataError) as caught:
        load_dataset(case("missing-values.csv"))

    error = caught.value
    assert error.template == messages.MISSING_VALUES
    assert error.params["count"] == 6
    # Row numbers are file lines, counting the header as line 1.
    assert error.params["cells"] == [
        "(5, f2)", "(9, f1)", "(14, f3)", "(22, f2)", "(35, label)", "(43, f1)",
    ]
    assert "--missing drop" in str(error)


def test_missing_values_drop_rows(case):
    ds = load_dataset(case("missing-values.csv"), missing="drop")

    assert ds.X.shape == (54, 3)
    assert ds.labels.shape == (54,)
    assert np.isfinite(ds.X).all()
    assert np.isfinite(ds.labels).all()


def test_missing_values_mean_never_fills_label(case):
    ds = load_dataset(case("missing-values.csv"), missing="mean")

    # Only the row with the missing label (line 35) is dropped.
    assert ds.X.shape == (59, 3)
    assert np.isfinite(ds.X).all()
    assert set(np.unique(ds.labels)) <= {0.0, 1.0}


def test_string_labels_mapped(case):
    ds = load_dataset(case("string-labels-iris.csv"))
    target = resolve_target(ds)

    assert ds.task == "classification"
    assert target.classes == ["setosa", "versicolor", "virginica"]
    assert target.mapped
    assert target.loss == "categorical_crossentropy"
    assert target.output_units == 3
    assert target.y.dtype == np.int64
    assert [target.classes[i] for i in target.y[:3]] == list(ds.labels[:3])


def test_non_numeric_feature_names_column_row(case):
    with pytest.raises(DataError) as caught:
        load_dataset(case("string-labels-iris-bad-feature.csv"))

    error = caught.value
    assert error.template == messages.NON_NUMERIC_FEATURE
    assert error.params["column"] == "petal_wid"
    assert error.params["row"] == 7
    assert error.params["value"] == "abc"
    assert "--label" in str(error)


def test_integer_labels_97_99_mapped(case):
    target = resolve_target(load_dataset(case("integer-labels-97-99.csv")))

    assert target.n_classes == 3
    assert target.classes == ["97", "98", "99"]
    assert target.mapped
    assert set(target.y.tolist()) == {0, 1, 2}
    assert target.output_units == 3


def test_integer_labels_wrong_output_size(case):
    ds = load_dataset(case("integer-labels-97-99.csv"))

    with pytest.raises(DataError) as caught:
        resolve_target(ds, output_units=2)

    error = caught.value
    assert error.template == messages.OUTPUT_UNITS_MISMATCH
    assert error.params["units"] == 2
    assert error.params["expected"] == 3
    assert "2 unit(s)" in str(error)
    assert "--output-units 3" in str(error)


def test_binary_labels_1_2_rejected_by_bce(case):
    ds = load_dataset(case("binary-labels-1-2.csv"))

    with pytest.raises(DataError) as caught:
        resolve_target(ds, loss="binary_crossentropy")

    error = caught.value
    assert error.template == messages.BCE_LABELS_NOT_BINARY
    assert error.params["column"] == "label"
    assert error.params["values"] == ["1", "2"]
    assert "--map-labels" in str(error)


def test_binary_labels_1_2_mapped_on_request(case):
    ds = load_dataset(case("binary-labels-1-2.csv"))
    target = resolve_target(ds, loss="binary_crossentropy", map_labels=True)

    assert target.mapped
    assert target.classes == ["1", "2"]
    assert target.output_units == 1
    assert target.output_activation == "sigmoid"
    np.testing.assert_array_equal(target.y, (ds.labels == 2).astype(np.int64))


@pytest.mark.parametrize("val_split", [0.01, 0.2, 0.5, 0.8])
@pytest.mark.parametrize("stratify", [False, True])
def test_six_rows_split_never_empty(case, val_split, stratify):
    ds = load_dataset(case("six-rows.csv"))
    target = resolve_target(ds)

    X_train, y_train, X_val, y_val = split_dataset(
        ds.X, target.y, val_split, np.random.default_rng(0), stratify=stratify
    )

    assert len(X_train) >= 1
    assert len(X_val) >= 1
    assert len(X_train) + len(X_val) == 6
    assert len(y_train) == len(X_train)
    assert len(y_val) == len(X_val)


def test_huge_features_load_as_numbers(case):
    ds = load_dataset(case("huge-features-softmax.csv"))

    assert ds.X.shape == (150, 2)
    assert np.abs(ds.X).max() > 1000
    assert resolve_target(ds).n_classes == 3


def test_noisy_xor_loads(case):
    ds = load_dataset(case("noisy-xor.csv"))

    assert ds.feature_names == ["a", "b"]
    assert ds.label_name == "xor"
    assert resolve_target(ds).loss == "binary_crossentropy"
