"""The real data sets shipped with the package."""

import numpy as np
import pytest

from tuitrain.core.errors import DataError
from tuitrain.data import load_dataset, messages, resolve_target

SHAPES = {
    "iris": (150, 4, {"setosa": 50, "versicolor": 50, "virginica": 50}),
    "wine": (178, 13, {"class_0": 59, "class_1": 71, "class_2": 48}),
    "breast_cancer": (569, 30, {"benign": 357, "malignant": 212}),
    "digits": (1797, 64, {"0": 178, "1": 182, "2": 177, "3": 183, "4": 181,
                          "5": 182, "6": 181, "7": 179, "8": 174, "9": 180}),
}


@pytest.mark.parametrize("name", SHAPES)
def test_bundled_shape_and_classes(name):
    n_samples, n_features, counts = SHAPES[name]

    ds = load_dataset(name)
    target = resolve_target(ds)

    assert ds.X.shape == (n_samples, n_features)
    assert len(ds.feature_names) == n_features
    assert np.isfinite(ds.X).all()
    assert target.n_classes == len(counts)
    assert dict(zip(target.classes, np.bincount(target.y).tolist())) == counts
    assert "CC BY 4.0" in ds.description


def test_iris_feature_names():
    ds = load_dataset("iris")

    assert ds.feature_names[0] == "sepal_length_cm"
    assert ds.label_name == "species"


def test_bundled_text_column_cannot_be_feature():
    with pytest.raises(DataError) as caught:
        load_dataset("iris", label="petal_width_cm")

    assert caught.value.template == messages.NON_NUMERIC_FEATURE
    assert caught.value.params["column"] == "species"
    assert caught.value.params["row"] == 2
