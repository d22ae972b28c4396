"""``tuitrain predict``, ``tuitrain evaluate`` and ``tuitrain list``."""

from __future__ import annotations

import argparse
import copy
import json

import numpy as np

from tuitrain import messages
from tuitrain.batch.describe import json_safe
from tuitrain.batch.report import features_text, metrics_text, task_name
from tuitrain.core import evaluate as evaluate_model
from tuitrain.core.errors import DataError
from tuitrain.core.losses import CategoricalCrossEntropy
from tuitrain.data import DATASETS, Dataset, load_dataset
from tuitrain.data.catalog import GENERATOR
from tuitrain.data.dataset import is_text
from tuitrain.experiment import TrainedModel, label_choice, load_data, load_model
from tuitrain.locales import _, render
from tuitrain.presets import PRESETS
from tuitrain.batch.arguments import format_layers


def _load(args: argparse.Namespace, trained: TrainedModel) -> Dataset:
    """Load DATA; a generator draws its samples with the settings the model was trained with."""
    info = DATASETS.get(args.data)
    if info is not None and info.kind == GENERATOR:
        config = copy.deepcopy(trained.config)
        if config.data.source != args.data:
            config.data.samples = config.data.features = config.data.classes = 0
            config.data.noise = -1.0
        config.data.source = args.data
        config.data.label = ""
        return load_data(config)
    return load_dataset(args.data, label=label_choice(args.label or ""), missing=args.missing)


def _features(args: argparse.Namespace, trained: TrainedModel, dataset: Dataset) -> np.ndarray:
    """Return the features of ``dataset``, taking a file without a label column as all features.

    A CSV file has its last column read as the label unless --label names another. When
    that leaves one feature fewer than the model takes and the column is numeric, the file
    has no labels, and the column is put back as the last feature.
    """
    expected = trained.checkpoint.model.input_dim
    if (dataset.n_features == expected - 1 and not args.label and not is_text(dataset.labels)
            and dataset.labels.ndim == 1):
        return np.column_stack([dataset.X, dataset.labels.astype(np.float64)])
    return dataset.X


def predict(args: argparse.Namespace) -> None:
    """Print one prediction per sample: the class as its original label, or the value(s)."""
    trained = load_model(args.model)
    dataset = _load(args, trained)
    outputs, classes = trained.predict(_features(args, trained, dataset))
    for index, row in enumerate(outputs):
        if classes is None:
            values = [float(value) for value in row]
            if args.json:
                print(json.dumps(json_safe({"sample": index, "prediction": values[0] if len(values) == 1
                                            else values}), allow_nan=False))
            else:
                print(" ".join(repr(value) for value in values))
            continue
        if args.json:
            if len(row) == 1:
                probabilities = {trained.classes[0]: 1.0 - float(row[0]), trained.classes[1]: float(row[0])}
            else:
                probabilities = {name: float(p) for name, p in zip(trained.classes, row)}
            print(json.dumps(json_safe({"sample": index, "prediction": classes[index],
                                        "probabilities": probabilities}), ensure_ascii=False,
                             allow_nan=False))
        else:
            print(classes[index])


def evaluate(args: argparse.Namespace) -> None:
    """Print the loss and the metric of the model on labelled data."""
    trained = load_model(args.model)
    dataset = _load(args, trained)
    model, loss = trained.checkpoint.model, trained.checkpoint.loss
    if dataset.n_features == model.input_dim - 1 and not args.label:
        raise DataError(messages.EVALUATE_NEEDS_LABELS, path=args.data, features=model.input_dim)
    X = trained.features(dataset.X)
    if X.shape[1] != model.input_dim:
        trained.predict(dataset.X[:1])  # raises the feature-count DataError
    y = trained.targets(dataset)
    if y.ndim == 1 and not isinstance(loss, CategoricalCrossEntropy):
        y = y[:, None]
    y = y if y.dtype.kind == "i" and y.ndim == 1 else y.astype(model.dtype)
    scores = evaluate_model(model, loss, X, y)
    if args.json:
        print(json.dumps(json_safe({"samples": dataset.n_samples, "loss_function": loss.name, **scores}),
                         allow_nan=False))
    else:
        print(_("{samples} samples - {metrics}", samples=dataset.n_samples, metrics=metrics_text(scores)))


def print_listing() -> None:
    """Print the presets and the built-in data sets with their descriptions."""
    print(_("Presets (--preset NAME):"))
    width = max(len(name) for name in PRESETS) + 2
    for name, config in PRESETS.items():
        details = _("data {source}, hidden layers {layers}, {epochs} epochs, batch size {batch_size}, "
                    "learning rate {lr}", source=config.data.source,
                    layers=format_layers(config.model.layers), epochs=config.training.epochs,
                    batch_size=config.training.batch_size, lr=config.optimizer.lr)
        print(f"  {name.ljust(width)}{details}")
    print()
    print(_("Data sets (--data NAME, or a CSV, TSV, NPZ or IDX file):"))
    width = max(len(name) for name in DATASETS) + 2
    for name, info in DATASETS.items():
        kind = _("generator") if info.kind == GENERATOR else _("bundled")
        facts = _("{kind}, {task}, {samples} samples", kind=kind, task=task_name(info.task),
                  samples=info.n_samples) + _(", ") + features_text(info.n_features)
        if info.n_classes:
            facts += _(", {n} classes", n=info.n_classes)
        print("  " + name.ljust(width) + _("{description} ({facts})", description=render(info.description, {}),
                                            facts=facts))
