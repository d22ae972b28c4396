"""Plain-data descriptions of a run's data and model, shared by the JSON events and summary.json."""

from __future__ import annotations

import math

from tuitrain.experiment import Experiment, optimizer_params


def json_safe(value):
    """Return ``value`` with NaN and infinite floats replaced by None, so JSON stays valid."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return json_safe(value.item())  # a NumPy scalar
    return value


def data_description(experiment: Experiment) -> dict:
    """Describe the samples, the labels and the output layer that follows from them."""
    dataset, target = experiment.dataset, experiment.target
    return {
        "name": dataset.name,
        "source": experiment.config.data.source,
        "samples": dataset.n_samples,
        "train": experiment.n_train,
        "validation": experiment.n_val,
        "features": dataset.n_features,
        "feature_names": list(dataset.feature_names),
        "label": dataset.label_name,
        "task": dataset.task,
        "classes": list(target.classes),
        "label_mapping": {name: index for index, name in enumerate(target.classes)} if target.mapped else None,
        "scaled": experiment.scaler is not None,
        "output": {
            "units": target.output_units,
            "activation": target.output_activation,
            "loss": target.loss,
            "reason": target.reason,
        },
    }


def model_description(experiment: Experiment) -> dict:
    """Describe the layers, parameter counts, loss and optimizer of the experiment's model."""
    model, config = experiment.model, experiment.config
    layers = []
    for (name, shape, params), layer in zip(model.summary(), model.layers):
        layers.append({
            "name": name,
            "type": "Dense",
            "units": shape[1],
            "activation": layer.activation,
            "params": params,
            "l1": layer.l1,
            "l2": layer.l2,
            "dropout": layer.dropout,
        })
    return {
        "input_features": model.input_dim,
        "layers": layers,
        "params": model.n_params,
        "trainable_params": model.n_params,
        "dtype": model.dtype.name,
        "loss": experiment.target.loss,
        "optimizer": {"name": config.optimizer.name, **optimizer_params(config)},
    }
