"""Building runs from configs: presets train, replays match, models save and load."""

import numpy as np
import pytest

from tuitrain.config import RunConfig
from tuitrain.core.errors import ConfigError, DataError, ModelFileError
from tuitrain.experiment import build_experiment, load_model, save_model
from tuitrain.presets import get_preset


def _small(name: str, epochs: int = 3) -> RunConfig:
    config = get_preset(name)
    config.training.epochs = epochs
    return config


def test_reference_preset_is_keras_example():
    experiment = build_experiment(get_preset("reference"))
    assert experiment.n_train == 1000
    assert experiment.n_val == 0
    assert experiment.scaler is None
    assert experiment.model.n_params == 5569
    assert experiment.target.loss == "binary_crossentropy"
    assert experiment.model.output_layer.activation == "sigmoid"


def test_reference_preset_learns():
    experiment = build_experiment(get_preset("reference"))
    assert experiment.trainer.run() == "completed"
    final = experiment.trainer.history[-1]
    assert final["loss"] < 0.5
    assert final["accuracy"] > 0.78


def test_same_config_same_history():
    first = build_experiment(_small("iris"))
    second = build_experiment(_small("iris"))
    first.trainer.run()
    second.trainer.run()
    strip = lambda rows: [{k: v for k, v in row.items() if k != "seconds"} for row in rows]
    assert strip(first.trainer.history) == strip(second.trainer.history)
    assert np.array_equal(first.model.theta, second.model.theta)


def test_iris_uses_softmax_and_split():
    experiment = build_experiment(_small("iris"))
    assert experiment.target.loss == "categorical_crossentropy"
    assert experiment.model.output_layer.units == 3
    assert experiment.n_val == 30
    assert experiment.n_train == 120


def test_scaler_fitted_on_training_part():
    experiment = build_experiment(_small("wine"))
    X_train = experiment.trainer.X_train.astype(np.float64)
    assert np.allclose(X_train.mean(axis=0), 0, atol=1e-5)
    X_val = experiment.trainer.X_val.astype(np.float64)
    assert not np.allclose(X_val.mean(axis=0), 0, atol=1e-5)


def test_saved_model_predicts_same(tmp_path):
    experiment = build_experiment(_small("iris"))
    experiment.trainer.run()
    path = tmp_path / "model.npz"
    save_model(experiment, path)
    loaded = load_model(path)
    X = experiment.dataset.X
    before = experiment.model.predict(experiment.scaler.transform(X))
    after, classes = loaded.predict(X)
    assert np.array_equal(before, after)
    assert set(classes) <= {"setosa", "versicolor", "virginica"}
    assert loaded.classes == experiment.target.classes


def test_resume_matches_uninterrupted_run(tmp_path):
    whole = build_experiment(_small("xor", epochs=6))
    whole.trainer.run()

    first = build_experiment(_small("xor", epochs=3))
    first.trainer.run()
    path = tmp_path / "model.npz"
    save_model(first, path)
    loaded = load_model(path)
    loaded.config.training.epochs = 6
    resumed = build_experiment(loaded.config, checkpoint=loaded.checkpoint)
    resumed.trainer.run()

    strip = lambda rows: [{k: v for k, v in row.items() if k != "seconds"} for row in rows]
    assert strip(resumed.trainer.history) == strip(whole.trainer.history)
    assert np.array_equal(resumed.model.theta, whole.model.theta)


def test_resume_past_planned_epochs(tmp_path):
    experiment = build_experiment(_small("xor", epochs=2))
    experiment.trainer.run()
    save_model(experiment, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    with pytest.raises(ConfigError) as error:
        build_experiment(loaded.config, checkpoint=loaded.checkpoint)
    assert "--epochs 12" in str(error.value)


def test_evaluate_labels_use_saved_classes(tmp_path):
    experiment = build_experiment(_small("iris"))
    save_model(experiment, tmp_path / "m.npz")
    loaded = load_model(tmp_path / "m.npz")
    dataset = experiment.dataset
    assert np.array_equal(loaded.targets(dataset), experiment.target.y)
    dataset.labels = dataset.labels.copy()
    dataset.labels[0] = "daisy"
    with pytest.raises(DataError) as error:
        loaded.targets(dataset)
    assert "daisy" in str(error.value)


def test_load_model_rejects_foreign_file(tmp_path):
    path = tmp_path / "model.npz"
    np.savez(path, X=np.zeros(3))
    with pytest.raises(ModelFileError):
        load_model(path)


@pytest.mark.parametrize(
    "section, key, value, fragment",
    [
        ("data", "val_split", 1.0, "validation split"),
        ("data", "scale", "minmax", "minmax"),
        ("training", "epochs", -1, "-1"),
        ("optimizer", "name", "adamax", "adamax"),
        ("optimizer", "lr", 0.0, "learning rate"),
        ("training", "dtype", "float16", "float16"),
        ("training", "schedule", "linear", "linear"),
    ],
)
def test_bad_setting_names_value(section, key, value, fragment):
    config = _small("xor")
    setattr(getattr(config, section), key, value)
    with pytest.raises(ConfigError) as error:
        build_experiment(config)
    assert fragment in str(error.value)
