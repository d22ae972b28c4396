"""The headless NumPy engine: layers, losses, optimizers and the training loop.

It imports NumPy and the standard library only, so that it runs without a screen and
loads fast. The command line and the app build on it.
"""

from tuitrain.core.activations import ACTIVATIONS, curve, get_activation
from tuitrain.core.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from tuitrain.core.errors import ConfigError, DataError, ModelFileError, TuitrainError
from tuitrain.core.initializers import INITIALIZERS
from tuitrain.core.layers import Dense
from tuitrain.core.losses import LOSSES, get_loss
from tuitrain.core.metrics import evaluate, metric_name
from tuitrain.core.model import DTYPES, Sequential
from tuitrain.core.optimizers import OPTIMIZERS, get_optimizer
from tuitrain.core.schedules import SCHEDULES, EarlyStopping, get_schedule
from tuitrain.core.trainer import Trainer

__all__ = [
    "ACTIVATIONS", "DTYPES", "INITIALIZERS", "LOSSES", "OPTIMIZERS", "SCHEDULES",
    "Checkpoint", "ConfigError", "DataError", "Dense", "EarlyStopping", "ModelFileError",
    "Sequential", "Trainer", "TuitrainError",
    "curve", "evaluate", "get_activation", "get_loss", "get_optimizer", "get_schedule",
    "load_checkpoint", "metric_name", "save_checkpoint",
]
