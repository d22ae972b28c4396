"""Metrics reported beside the loss: accuracy for classification, MAE for regression."""

from __future__ import annotations

import numpy as np

from tuitrain.core.losses import BinaryCrossEntropy, CategoricalCrossEntropy, Loss
from tuitrain.core.model import Sequential


def metric_name(loss: Loss) -> str:
    """Return ``"accuracy"`` for a cross-entropy loss, else ``"mae"``."""
    if isinstance(loss, (BinaryCrossEntropy, CategoricalCrossEntropy)):
        return "accuracy"
    return "mae"


def metric_sum(metric: str, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
    """Return the metric summed over a batch: correct predictions, or absolute errors.

    ``z`` and ``a`` are the output layer's (n, k) logits and outputs. Binary predictions
    are a > 0.5, which is z > 0 for a sigmoid output and is read from ``a`` otherwise.
    """
    if metric == "mae":
        return float(np.abs(a - y).sum()) / a.shape[1]
    if a.shape[1] == 1:
        return float(np.count_nonzero((a > 0.5) == (y > 0.5)))
    labels = y if y.ndim == 1 else y.argmax(axis=1)
    return float(np.count_nonzero(z.argmax(axis=1) == labels))


def evaluate(
    model: Sequential, loss: Loss, X: np.ndarray, y: np.ndarray, batch_size: int = 4096
) -> dict[str, float]:
    """Return the mean loss (penalties included) and the metric of ``model`` on (X, y)."""
    metric = metric_name(loss)
    # Sequential.forward copies each chunk into its own buffer, so X need not be contiguous.
    X = np.asarray(X, dtype=model.dtype)
    y = np.asarray(y)
    if y.ndim == 1 and not isinstance(loss, CategoricalCrossEntropy):
        # A flat (n,) target against (n, 1) outputs would broadcast to (n, n).
        y = y[:, None]
    total_loss = total_metric = 0.0
    fused = loss.fused_activation == model.output_layer.activation
    for start in range(0, len(X), batch_size):
        Xb, yb = X[start : start + batch_size], y[start : start + batch_size]
        top = model.forward(Xb)[-1]
        if fused:
            J = type(loss).from_logits(top.z, yb)
        else:
            J = loss.value(top.a, yb)
        total_loss += J * len(Xb)
        total_metric += metric_sum(metric, top.z, top.a, yb)
    n = max(len(X), 1)
    return {"loss": total_loss / n + model.penalty(), metric: total_metric / n}
