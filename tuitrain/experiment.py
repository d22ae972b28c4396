"""Turn a RunConfig into data, a model and a trainer; save and load trained models.

The command line and the app both build their runs here, so a config gives the same run
in either, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tuitrain import messages
from tuitrain.config import RunConfig
from tuitrain.core import (
    Checkpoint,
    ConfigError,
    DataError,
    Dense,
    EarlyStopping,
    Sequential,
    Trainer,
    get_loss,
    get_optimizer,
    get_schedule,
    load_checkpoint,
    save_checkpoint,
)
from tuitrain.core.optimizers import OPTIMIZERS
from tuitrain.data import Dataset, StandardScaler, Target, load_dataset, resolve_target, split_dataset
from tuitrain.data.target import label_text


@dataclass
class Experiment:
    """A run ready to train: the data as loaded and as split, and the trainer."""

    config: RunConfig
    dataset: Dataset
    target: Target
    scaler: StandardScaler | None
    trainer: Trainer
    notices: list = field(default_factory=list)
    """Notice records raised while building (a clamped batch size, say)."""

    @property
    def model(self) -> Sequential:
        return self.trainer.model

    @property
    def n_train(self) -> int:
        return len(self.trainer.X_train)

    @property
    def n_val(self) -> int:
        return 0 if self.trainer.X_val is None else len(self.trainer.X_val)


def load_data(config: RunConfig) -> Dataset:
    """Load or generate the data set that ``config.data`` names."""
    data = config.data
    return load_dataset(
        data.source,
        label=label_choice(data.label),
        n_samples=data.samples or None,
        n_features=data.features or None,
        noise=None if data.noise < 0 else data.noise,
        classes=data.classes or None,
        seed=config.training.seed,
        missing=data.missing,
    )


def resolve(config: RunConfig, dataset: Dataset) -> Target:
    """Match the labels of ``dataset`` to the loss and output layer of ``config``."""
    model = config.model
    return resolve_target(
        dataset,
        loss=model.loss,
        output_units=model.output_units or None,
        output_activation=None if model.output_activation == "auto" else model.output_activation,
        map_labels=config.data.map_labels,
    )


def build_experiment(
    config: RunConfig,
    *,
    dataset: Dataset | None = None,
    checkpoint: Checkpoint | None = None,
    stats_interval: float | None = None,
    listeners: tuple = (),
) -> Experiment:
    """Build the run that ``config`` describes, or continue ``checkpoint`` with it.

    ``dataset`` skips loading when the caller already has the data of ``config``.
    ``listeners`` are attached before anything is emitted, so they also see the notices
    raised while building. ``stats_interval`` is the trainer's (None sends no layer
    statistics, which is right for headless runs).
    """
    check_config(config)
    dataset = dataset or load_data(config)
    target = resolve(config, dataset)
    training = config.training
    rng = np.random.default_rng(training.seed)

    X_train, y_train, X_val, y_val = split_dataset(
        dataset.X, target.y, config.data.val_split, rng, stratify=target.n_classes > 0
    )
    if checkpoint is not None and "scaler.mean" in checkpoint.arrays:
        scaler = StandardScaler.from_arrays(
            {"mean": checkpoint.arrays["scaler.mean"], "scale": checkpoint.arrays["scaler.scale"]}
        )
    elif scaling(config) == "standard":
        scaler = StandardScaler.fit(X_train)
    else:
        scaler = None
    if scaler is not None:
        X_train = scaler.transform(X_train)
        X_val = None if X_val is None else scaler.transform(X_val)

    if checkpoint is None:
        model = Sequential(_layers(config, target), dataset.n_features, rng, training.dtype)
        optimizer = get_optimizer(config.optimizer.name, **optimizer_params(config))
    else:
        model, optimizer = checkpoint.model, checkpoint.optimizer
        if model.input_dim != dataset.n_features:
            raise DataError(
                messages.RESUME_MISMATCH, path=checkpoint.path, saved=model.input_dim, given=dataset.n_features
            )

    trainer = Trainer(
        model,
        optimizer,
        get_loss(target.loss),
        X_train,
        y_train,
        X_val,
        y_val,
        rng=rng,
        epochs=training.epochs or None,
        batch_size=training.batch_size,
        schedule=_schedule(config),
        early_stopping=_early_stopping(config),
        stats_interval=stats_interval,
    )
    for listener in listeners:
        trainer.add_listener(listener)
    if checkpoint is not None and checkpoint.trainer_state:
        trainer.load_state(checkpoint.trainer_state)
        if training.epochs and trainer.epoch >= training.epochs:
            raise ConfigError(
                messages.RESUME_DONE, done=trainer.epoch, epochs=training.epochs, more=trainer.epoch + 10
            )
    return Experiment(config, dataset, target, scaler, trainer, list(trainer.notices))


def scaling(config: RunConfig) -> str:
    """Return ``"standard"`` or ``"none"``, resolving ``"auto"`` from the data source."""
    if config.data.scale != "auto":
        return config.data.scale
    return "none" if config.data.source == "reference" else "standard"


def check_config(config: RunConfig) -> None:
    """Raise ConfigError for settings that no later step checks with a clearer message."""
    if not 0 <= config.data.val_split < 1:
        raise ConfigError(messages.BAD_VAL_SPLIT, value=config.data.val_split)
    if config.data.scale not in ("auto", "standard", "none"):
        raise ConfigError(messages.BAD_SCALE, value=config.data.scale)
    if config.training.epochs < 0:
        raise ConfigError(messages.BAD_EPOCHS_SETTING, value=config.training.epochs)


def optimizer_params(config: RunConfig) -> dict:
    """Return the settings of ``config.optimizer`` that its optimizer takes."""
    cls = OPTIMIZERS.get(config.optimizer.name)
    if cls is None:
        get_optimizer(config.optimizer.name)  # raises the unknown-optimizer error
    values = vars(config.optimizer)
    return {key: values[key] for key in cls.defaults if key in values}


def _layers(config: RunConfig, target: Target) -> list[Dense]:
    init = config.model.initializer
    hidden = [
        Dense(layer.units, layer.activation, init, layer.l1, layer.l2, layer.dropout)
        for layer in config.model.layers
    ]
    return hidden + [Dense(target.output_units, target.output_activation, init)]


def _schedule(config: RunConfig):
    training = config.training
    params = {
        "constant": {},
        "step": {"step_size": training.schedule_step, "gamma": training.schedule_gamma},
        "exponential": {"gamma": training.schedule_gamma},
        "cosine": {"epochs": max(training.epochs, 1)},
        "plateau": {"patience": training.schedule_patience, "gamma": training.schedule_gamma},
    }.get(training.schedule, {})
    return get_schedule(training.schedule, **params)


def _early_stopping(config: RunConfig) -> EarlyStopping | None:
    patience = config.training.early_stopping
    if not patience:
        return None
    return EarlyStopping(patience, restore_best=config.training.restore_best)


def label_choice(label: str) -> str | int | None:
    """Read a label column setting: empty is the default, digits (or -digits) an index."""
    if not label:
        return None
    if label.lstrip("-").isdigit():
        return int(label)
    return label


# Saving and using trained models ----------------------------------------------------------


@dataclass
class TrainedModel:
    """A model file loaded for prediction, evaluation or more training."""

    checkpoint: Checkpoint
    config: RunConfig
    scaler: StandardScaler | None
    classes: list[str]
    """Original label of each class index, empty for regression."""
    loss: str

    def features(self, X: np.ndarray) -> np.ndarray:
        """Apply the saved scaler to raw features X, shape (n, d)."""
        return X if self.scaler is None else self.scaler.transform(X)

    def predict(self, X: np.ndarray) -> tuple[np.ndarray, list[str] | None]:
        """Return the outputs for raw features X and, for classification, each sample's class.

        Outputs are (n, k): probabilities for classification, values for regression.
        """
        model = self.checkpoint.model
        if X.shape[1] != model.input_dim:
            raise DataError(
                messages.RESUME_MISMATCH, path=self.checkpoint.path, saved=model.input_dim, given=X.shape[1]
            )
        outputs = model.predict(self.features(X))
        if not self.classes:
            return outputs, None
        if outputs.shape[1] == 1:
            indices = (outputs[:, 0] > 0.5).astype(int)
        else:
            indices = outputs.argmax(axis=1)
        return outputs, [self.classes[i] for i in indices]

    def targets(self, dataset: Dataset) -> np.ndarray:
        """Encode the labels of new data with the classes saved at training time."""
        if not self.classes:
            labels = dataset.labels.astype(np.float64)
            return labels if labels.ndim == 2 else labels[:, None]
        index = {name: i for i, name in enumerate(self.classes)}
        texts = [label_text(value) for value in dataset.labels]
        unknown = sorted({text for text in texts if text not in index})
        if unknown:
            raise DataError(
                messages.UNKNOWN_CLASSES, column=dataset.label_name, values=unknown[:10], known=self.classes
            )
        return np.array([index[text] for text in texts], dtype=np.int64)


def save_model(experiment: Experiment, path: str | Path) -> None:
    """Write the experiment's model, optimizer, scaler, labels and history to ``path``."""
    trainer = experiment.trainer
    arrays = {}
    if experiment.scaler is not None:
        arrays = {f"scaler.{k}": v for k, v in experiment.scaler.to_arrays().items()}
    metadata = {
        "config": experiment.config.to_dict(),
        "classes": experiment.target.classes,
        "task": experiment.dataset.task,
        "feature_names": experiment.dataset.feature_names,
        "label_name": experiment.dataset.label_name,
        "data": experiment.dataset.name,
    }
    checkpoint = Checkpoint(
        trainer.model, trainer.optimizer, trainer.loss, trainer.state(), metadata, arrays
    )
    save_checkpoint(path, checkpoint)


def load_model(path: str | Path) -> TrainedModel:
    """Read a model file written by ``save_model``."""
    checkpoint = load_checkpoint(path)
    meta = checkpoint.metadata
    config = RunConfig.from_dict(meta.get("config", {}), source=str(path))
    scaler = None
    if "scaler.mean" in checkpoint.arrays:
        scaler = StandardScaler.from_arrays(
            {"mean": checkpoint.arrays["scaler.mean"], "scale": checkpoint.arrays["scaler.scale"]}
        )
    return TrainedModel(checkpoint, config, scaler, list(meta.get("classes", [])), checkpoint.loss.name)
