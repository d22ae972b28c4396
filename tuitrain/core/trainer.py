"""The training loop: shuffled mini-batches, commands between batches, records to listeners.

One ``Trainer`` serves the app and ``--batch`` alike. ``run()`` trains in the calling thread;
any other thread may call ``pause``, ``resume``, ``step``, ``stop`` and the ``set_*`` methods,
which queue a command that the loop applies before its next batch.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

import numpy as np

from tuitrain.core import messages
from tuitrain.core.errors import ConfigError
from tuitrain.core.losses import CategoricalCrossEntropy, Loss
from tuitrain.core.metrics import evaluate, metric_name, metric_sum
from tuitrain.core.model import Sequential
from tuitrain.core.optimizers import Optimizer, get_optimizer
from tuitrain.core.records import (
    BatchEnded,
    EpochEnded,
    LayerStats,
    Notice,
    SettingChanged,
    StateChanged,
    StatsComputed,
    TrainingDiverged,
    TrainingEnded,
)
from tuitrain.core.schedules import EarlyStopping, Schedule

Listener = Callable[[object], None]

HISTOGRAM_BINS = 24
"""Bins of the per-layer activation histograms."""

RISING_FACTOR = 2.0
"""An epoch loss above this multiple of the initial loss sends the rising-loss notice."""

UNSCALED_INPUT = 100.0
"""Largest |x| above which a divergence is blamed on unscaled inputs."""


class Trainer:
    """Train ``model`` on (X_train, y_train) with mini-batch gradient descent.

    Args:
        model: The network; its dtype sets the dtype of the data copies.
        optimizer: Updates θ from dJ/dθ.
        loss: The loss J.
        X_train: (n, d) features.
        y_train: Targets in the loss's form: (n, 1) 0/1 for binary cross-entropy, (n,) class
            indices or (n, K) one-hot for categorical cross-entropy, (n, k) for MSE and MAE.
        X_val, y_val: Optional validation data in the same form.
        rng: The run's only random generator: shuffling, dropout and the probe batch.
        epochs: Epochs to train, or None to run until stopped.
        batch_size: Samples per batch; clamped to the training set with a Notice.
        schedule: Learning-rate schedule, constant by default.
        early_stopping: Optional early stopping on val_loss (loss without validation data).
        stats_interval: Minimum seconds between two StatsComputed records while training
            runs. Records also go out when a run starts, pauses and ends. None sends none, and
            ``layer_stats()`` still computes them on request. Statistics cost a forward pass
            of the probe batch and a histogram per layer, so sending them every epoch would
            slow a small network several times.
        probe_size: Samples in the fixed batch used for layer statistics.
    """

    def __init__(
        self,
        model: Sequential,
        optimizer: Optimizer,
        loss: Loss,
        X_train: np.ndarray,
        y_train: np.ndarray,
        X_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
        *,
        rng: np.random.Generator,
        epochs: int | None = 10,
        batch_size: int = 32,
        schedule: Schedule | None = None,
        early_stopping: EarlyStopping | None = None,
        stats_interval: float | None = 0.25,
        probe_size: int = 256,
    ) -> None:
        if len(X_train) == 0:
            raise ConfigError(messages.EMPTY_TRAINING_SET)
        if len(X_train) != len(y_train):
            raise ConfigError(messages.LENGTH_MISMATCH, features=len(X_train), targets=len(y_train))
        if epochs is not None and (not _is_whole_number(epochs) or epochs < 1):
            raise ConfigError(messages.BAD_EPOCHS, value=epochs)
        _check_batch_size(batch_size)
        self.model = model
        self.optimizer = optimizer
        self.loss = loss
        self.metric = metric_name(loss)
        self.rng = rng
        self.epochs = epochs
        self.schedule = schedule or Schedule()
        self.early_stopping = early_stopping
        self.stats_interval = stats_interval
        self._last_stats = -math.inf

        dtype = model.dtype
        # [X, 1] once, so each batch's slice of the shuffled copy is a ready model input.
        # X_train is a view of it, so the data is stored once, as before the ones column.
        X_train = np.asarray(X_train)
        if X_train.ndim != 2 or X_train.shape[1] != model.input_dim:
            raise ConfigError(
                messages.INPUT_SHAPE_MISMATCH, expected=model.input_dim, shape=tuple(X_train.shape)
            )
        self._X_train1 = np.ones((len(X_train), X_train.shape[1] + 1), dtype)
        self._X_train1[:, :-1] = X_train
        self.X_train = self._X_train1[:, :-1]
        self.y_train = _targets(y_train, dtype, loss)
        self.X_val = None if X_val is None else np.ascontiguousarray(X_val, dtype=dtype)
        self.y_val = None if y_val is None else _targets(y_val, dtype, loss)
        if self.y_val is not None:
            model.targets_for(loss, self.y_val)  # Validation targets follow the same rules.
        self._X_shuffled1 = np.empty_like(self._X_train1)
        self._X_shuffled = self._X_shuffled1[:, :-1]
        self._targets = model.targets_for(loss, self.y_train)
        """y_train in the form the training step takes (see ``Sequential.targets_for``)."""
        self._outputs = np.empty((len(self.X_train), model.output_layer.units), dtype)
        """Each batch's outputs a in this epoch, or its logits z when training leaves a
        uncomputed; the epoch's metric is computed from them."""
        self._outputs_are_logits = not model.computes_outputs(loss)
        self._epoch_outputs = np.empty_like(self._outputs) if self._outputs_are_logits else self._outputs
        """The outputs a of this epoch, computed from the logits at its end when needed."""
        self._y_shuffled = np.empty_like(self.y_train)
        self._targets_shuffled = np.empty_like(self._targets)
        probe = rng.choice(len(self.X_train), size=min(probe_size, len(self.X_train)), replace=False)
        self.X_probe = self.X_train[np.sort(probe)]
        self.input_scale = float(np.abs(self.X_train).max())

        self.batch_size = 1
        self.notices: list[Notice] = []
        self._listeners: list[Listener] = []
        self._set_batch_size(batch_size)
        self.optimizer.build(model.n_params, dtype)
        self.base_lr = optimizer.lr
        self._best_theta: np.ndarray | None = None

        self.epoch = 0
        """Epochs completed."""
        self.step_count = 0
        """Updates applied."""
        self.history: list[dict[str, float]] = []
        self.history_limit: int | None = None
        """Most rows ``history`` keeps, or None for all. Past it, every other row goes, so a
        long run stays covered end to end at a coarser step while memory stays bounded."""
        """One dict per completed epoch: epoch, loss, metrics, lr, seconds."""
        self.changes: list[SettingChanged] = []
        """Every setting changed during training, in order."""
        self.stop_reason: str | None = None
        self.initial_loss: float | None = None
        """Loss of the first batch on the initial weights, the yardstick of the rising-loss
        notice; None until the first batch of a fresh run."""
        self._warned_rising = False

        self.delay = 0.0
        """Seconds to wait after each batch, so that a small network can be watched."""
        self._commands: deque[tuple[str, object]] = deque()
        self._sink: Callable[[str, object], None] | None = None
        self._wake = threading.Event()
        self._stop = False
        self._paused = False
        self._budget: int | None = None
        self._until_epoch_end = False
        self._hold = True
        """True when ``_holding`` may be true, so the loop polls before its next batch.

        Other threads set it after queueing a command or a stop. Only ``_poll`` clears
        it, before it reads ``_holding`` again, so a command that arrives meanwhile is
        never missed.
        """

    # Listeners and commands -------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(record)`` for every record, in the training thread."""
        self._listeners.append(listener)

    def emit(self, record: object) -> None:
        """Pass ``record`` to every listener; a trainer in another process relays its own."""
        for listener in self._listeners:
            listener(record)

    def forward_commands(self, sink: Callable[[str, object], None] | None) -> None:
        """Pass every later command to ``sink(name, payload)`` instead of queueing it here.

        A trainer whose copy runs in another process uses it: the commands are checked
        here, in the caller's thread, and carried out there by ``command``. None ends the
        forwarding.
        """
        self._sink = sink

    def take_commands(self) -> list[tuple[str, object]]:
        """Remove and return the commands queued but not yet applied, oldest first."""
        pending = []
        while self._commands:
            pending.append(self._commands.popleft())
        return pending

    def pause(self) -> None:
        """Pause before the next batch."""
        self.command("pause", None)

    def resume(self) -> None:
        """Run freely again after a pause or a step."""
        self.command("resume", None)

    def step(self, unit: str = "batch") -> None:
        """Train one batch (``unit="batch"``) or up to the end of the epoch, then pause."""
        if unit not in ("batch", "epoch"):
            raise ConfigError(messages.BAD_STEP_UNIT, value=unit)
        self.command("step", unit)

    def stop(self) -> None:
        """Stop after the current batch; ``run()`` then returns ``"stopped"``."""
        if self._sink is not None:
            self._sink("stop", None)
            return
        self._stop = True
        self._hold = True
        self._wake.set()

    def set_lr(self, lr: float) -> None:
        """Use learning rate ``lr`` from the next batch; the schedule continues from it."""
        self.optimizer.__class__(**{**self.optimizer.params, "lr": lr})
        self.command("lr", float(lr))

    def set_batch_size(self, batch_size: int) -> None:
        """Use ``batch_size`` from the next batch, clamped to the training set."""
        _check_batch_size(batch_size)
        self.command("batch_size", int(batch_size))

    def set_optimizer(self, name: str | None = None, **params: float | bool) -> None:
        """Change optimizer settings; a new optimizer ``name`` starts with fresh state.

        Weights are kept either way, and with the same optimizer so is its state.
        """
        name = name or self.optimizer.name
        base = self.optimizer.params if name == self.optimizer.name else {"lr": self.optimizer.lr}
        get_optimizer(name, **{**base, **params})
        self.command("optimizer", (name, params))

    def set_regularization(
        self, layer: int | None = None, *, l1: float | None = None, l2: float | None = None,
        dropout: float | None = None,
    ) -> None:
        """Change L1, L2 or dropout of one layer (or all layers when ``layer`` is None)."""
        changes = {k: v for k, v in (("l1", l1), ("l2", l2), ("dropout", dropout)) if v is not None}
        indices = range(len(self.model.layers)) if layer is None else [layer]
        for i in indices:
            probe = type(self.model.layers[i])(**{**self.model.layers[i].config(), **changes})
            probe.validate()
        self.command("regularization", (layer, changes))

    def set_delay(self, seconds: float) -> None:
        """Wait ``seconds`` after each batch (0 for full speed)."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ConfigError(messages.BAD_DELAY, value=seconds)
        self.command("delay", float(seconds))

    def command(self, name: str, payload: object) -> None:
        """Queue a checked command for the next batch boundary (or forward it, see above)."""
        if self._sink is not None:
            self._sink(name, payload)
            return
        if name == "stop":
            self.stop()
            return
        self._commands.append((name, payload))
        self._hold = True
        self._wake.set()

    def _apply(self, name: str, payload) -> None:
        """Carry out one queued command, in the training thread."""
        if name == "pause":
            self._paused, self._budget, self._until_epoch_end = True, None, False
        elif name == "resume":
            self._paused, self._budget, self._until_epoch_end = False, None, False
        elif name == "step":
            self._paused = False
            self._budget = 1 if payload == "batch" else None
            self._until_epoch_end = payload == "epoch"
        elif name == "lr":
            old = self.optimizer.lr
            self.base_lr *= payload / old
            self.optimizer.set(lr=payload)
            self._record_change("lr", old, payload)
        elif name == "batch_size":
            old = self.batch_size
            self._set_batch_size(payload)
            self._record_change("batch_size", old, self.batch_size)
        elif name == "optimizer":
            self._change_optimizer(*payload)
        elif name == "regularization":
            layer, changes = payload
            indices = range(len(self.model.layers)) if layer is None else [layer]
            for i in indices:
                for key, value in changes.items():
                    old = getattr(self.model.layers[i], key)
                    setattr(self.model.layers[i], key, value)
                    self._record_change(f"{key}[{i}]", old, value)
            self.model.clear_buffers()
        elif name == "delay":
            self.delay = payload

    def _change_optimizer(self, name: str, params: dict) -> None:
        old = self.optimizer.config()
        if name == self.optimizer.name:
            self.optimizer.set(**params)
        else:
            fresh = get_optimizer(name, **{"lr": self.optimizer.lr, **params})
            fresh.build(self.model.n_params, self.model.dtype)
            np.copyto(fresh.update, self.optimizer.update)
            self.optimizer = fresh
        self.base_lr *= self.optimizer.lr / old["lr"]
        for key, value in self.optimizer.config().items():
            if old.get(key) != value:
                self._record_change(f"optimizer.{key}", old.get(key), value)

    def _record_change(self, name: str, old: object, new: object) -> None:
        change = SettingChanged(self.epoch + 1, self.step_count, name, old, new)
        self.changes.append(change)
        self.emit(change)

    def _set_batch_size(self, batch_size: int) -> None:
        n = len(self.X_train)
        if batch_size > n:
            notice = Notice(messages.BATCH_SIZE_CLAMPED, {"batch_size": batch_size, "n": n})
            self.notices.append(notice)
            self.emit(notice)
            batch_size = n
        self.batch_size = int(batch_size)

    def _poll(self) -> bool:
        """Apply queued commands and wait while paused; return False when asked to stop."""
        announced = False
        while True:
            self._wake.clear()
            while self._commands:
                self._apply(*self._commands.popleft())
            if self._stop:
                return False
            if not self._paused and self._budget != 0:
                if announced:
                    self.emit(StateChanged("running", self.epoch, self.step_count))
                self._hold = False
                if self._holding:
                    self._hold = True
                return True
            if not announced:
                self._emit_stats(force=True)
                self.emit(StateChanged("paused", self.epoch, self.step_count))
                announced = True
            self._wake.wait()

    @property
    def _holding(self) -> bool:
        """True when the loop must stop at the next batch boundary to poll."""
        return bool(self._commands) or self._stop or self._paused or self._budget == 0

    # The loop ---------------------------------------------------------------------------

    def run(self) -> str:
        """Train until the planned epochs are done, a stop, early stopping or divergence.

        Returns the stop reason: ``"completed"``, ``"stopped"``, ``"early_stopping"`` or
        ``"diverged"``. Commands sent before ``run()`` (a pause, say) apply first.
        """
        # Overflow and NaN are caught as a divergence, so NumPy's warnings about them would
        # only repeat that on stderr. Statistics of huge but finite weights overflow too.
        with np.errstate(over="ignore", invalid="ignore"):
            return self._run()

    def _run(self) -> str:
        self.stop_reason = None
        self.emit(StateChanged("running", self.epoch, self.step_count))
        self._emit_stats(force=True)
        reason = "completed"
        while self.epochs is None or self.epoch < self.epochs:
            reason = self._run_epoch()
            if reason:
                break
            reason = "completed"
        if reason == "early_stopping" and self.early_stopping.restore_best and self._best_theta is not None:
            np.copyto(self.model.theta, self._best_theta)
        self.stop_reason = reason
        self._stop = False
        self._emit_stats(force=True)
        self.emit(TrainingEnded(reason, self.epoch, self.step_count))
        return reason

    def _run_epoch(self) -> str | None:
        """Train one epoch; return a stop reason, or None to go on."""
        started = time.perf_counter()
        model, loss, optimizer = self.model, self.loss, self.optimizer
        theta, grad = model.theta, model.grad
        n = len(self.X_train)
        order = self.rng.permutation(n)
        np.take(self._X_train1, order, axis=0, out=self._X_shuffled1)
        np.take(self.y_train, order, axis=0, out=self._y_shuffled)
        np.take(self._targets, order, axis=0, out=self._targets_shuffled)
        Xs, ys, targets = self._X_shuffled1, self._y_shuffled, self._targets_shuffled
        epoch = self.epoch + 1
        loss_sum = 0.0
        position = batch = 0
        outputs = self._outputs
        lr = optimizer.lr

        rng, isfinite = self.rng, math.isfinite
        logits = self._outputs_are_logits
        batch_size = self.batch_size
        first_step = self.step_count == 0 and self.initial_loss is None
        # The batch size and model.buffers_generation that ``buffers`` and ``top_outputs``
        # belong to. Predictions of other sizes between batches can drop the model's cache.
        buffers_size = generation = -1

        while position < n:
            if self._hold:
                if not self._poll():
                    return "stopped"
                model, optimizer = self.model, self.optimizer
                lr = optimizer.lr
                batch_size = self.batch_size
            Xb = Xs[position : position + batch_size]
            m = len(Xb)
            batch += 1

            J = model.train_batch(Xb, targets[position : position + m], loss, rng)
            if m != buffers_size or model.buffers_generation != generation:
                buffers, buffers_size = model.buffers_for(m), m
                generation = model.buffers_generation
                top_outputs = buffers[-1].z if logits else buffers[-1].a
            if not isfinite(J):
                return self._diverged(epoch, batch, "loss", buffers)
            if first_step:
                # The first batch's loss, before any update, estimates the initial loss
                # without a pass over the whole training set.
                self.initial_loss, first_step = J, False

            # The optimizer applies no update that would leave a weight non-finite.
            if not optimizer.step(theta, grad):
                quantity = "gradient" if not np.isfinite(grad).all() else "weights"
                return self._diverged(epoch, batch, quantity, buffers)

            # The metric is computed once per epoch from the outputs kept here. Slice
            # assignment took 0.18 us where np.copyto into a new slice took 0.41 us.
            outputs[position : position + m] = top_outputs
            self.step_count += 1
            position += m
            loss_sum += J * m

            if self._listeners:
                batches = batch + -(-(n - position) // self.batch_size)
                self.emit(BatchEnded(epoch, batch, batches, self.step_count, J, m))
                self._emit_stats()
            if self._budget is not None:
                self._budget -= 1
                if self._budget == 0:
                    self._hold = True
            if self.delay:
                self._wake.wait(self.delay)

        if logits:
            # The output activation on the kept logits, so that the epoch's predictions
            # are the a > 0.5 that evaluate() and predict() decide on, to the last bit.
            model.output_layer.f.forward(outputs, self._epoch_outputs)
        metric_total = metric_sum(self.metric, outputs, self._epoch_outputs, ys)
        return self._end_epoch(epoch, batch, loss_sum / n, metric_total / n, lr, started)

    def _end_epoch(self, epoch, batches, train_loss, train_metric, lr, started) -> str | None:
        metrics = {"loss": train_loss, self.metric: train_metric}
        if self.X_val is not None:
            scores = evaluate(self.model, self.loss, self.X_val, self.y_val)
            metrics.update({f"val_{k}": v for k, v in scores.items()})
        self.epoch = epoch
        seconds = time.perf_counter() - started
        self.append_history({"epoch": epoch, **metrics, "lr": lr, "seconds": seconds})
        self.emit(EpochEnded(epoch, self.epochs, batches, metrics, lr, seconds))
        self._emit_stats(force=self._until_epoch_end)
        if self._until_epoch_end:
            self._until_epoch_end, self._budget = False, 0
            self._hold = True

        self._check_rising(epoch, train_loss, lr)
        monitored = metrics.get("val_loss", metrics["loss"])
        factor = self.schedule.factor(epoch, monitored)
        new_lr = self.base_lr * factor
        if new_lr != self.optimizer.lr and new_lr > 0:
            self.optimizer.set(lr=new_lr)

        if self.early_stopping is not None:
            improved, should_stop = self.early_stopping.update(epoch, monitored)
            if improved and self.early_stopping.restore_best:
                self._best_theta = self.model.theta.copy()
            if should_stop:
                return "early_stopping"
        return None

    # Divergence and statistics ----------------------------------------------------------

    def _diverged(self, epoch: int, batch: int, quantity: str, buffers) -> str:
        """Report where things went non-finite, and end the run.

        The weights are the last finite ones already, because a non-finite loss comes
        before the update and the optimizer rejects a non-finite update.
        """
        layer = None
        if quantity == "loss":
            last = len(buffers) - 1
            for i, buf in enumerate(buffers):
                # Training may leave the output layer's a uncomputed, but never its logits.
                values = buf.z if i == last and self._outputs_are_logits else buf.out
                if not np.isfinite(values).all():
                    layer = i
                    break
        else:
            # The first layer whose gradient, or else whose weights after the rejected
            # update, are not finite.
            model, update = self.model, self.optimizer.update
            values = model.grad if quantity == "gradient" else model.theta - update
            layer = model.first_nonfinite_layer(values)
            update[...] = 0  # The weights moved by zero.
        cause, params = self._likely_cause()
        # Set before the record goes out, so a listener that reacts to it reads the reason.
        self.stop_reason = "diverged"
        self.emit(TrainingDiverged(epoch, batch, self.step_count, quantity, layer, cause, params))
        return "diverged"

    def _check_rising(self, epoch: int, train_loss: float, lr: float) -> None:
        """Send a Notice, once, when an epoch's loss ends above twice the initial loss.

        A stable loss can stay finite while a learning rate that is far too high throws the
        weights around, so the divergence guard alone would stay silent.
        """
        if self._warned_rising or self.initial_loss is None:
            return
        if train_loss > RISING_FACTOR * self.initial_loss:
            self._warned_rising = True
            notice = Notice(
                messages.LOSS_ROSE,
                {
                    "epoch": epoch,
                    "initial": f"{self.initial_loss:.4g}",
                    "loss": f"{train_loss:.4g}",
                    "lr": f"{lr:g}",
                    "optimizer": self.optimizer.display_name,
                    "suggested": f"{self._suggested_lr(lr):g}",
                },
            )
            self.notices.append(notice)
            self.emit(notice)

    def _suggested_lr(self, lr: float) -> float:
        """Return the learning rate to try after ``lr`` proved too high: a tenth of it, but
        no more than the optimizer's default (Keras's), so that a wild rate gets a sane hint."""
        return min(lr / 10, self.optimizer.defaults["lr"])

    def _likely_cause(self) -> tuple[str, dict]:
        lr = self.optimizer.lr
        params = {"lr": lr, "suggested": self._suggested_lr(lr), "optimizer": self.optimizer.display_name}
        if self.input_scale > UNSCALED_INPUT:
            return messages.CAUSE_UNSCALED, {**params, "scale": self.input_scale}
        if self.optimizer.name == "sgd":
            return messages.CAUSE_SGD_LR, params
        return messages.CAUSE_LR, params

    def _emit_stats(self, force: bool = False) -> None:
        """Send StatsComputed when forced or when ``stats_interval`` has passed."""
        if self.stats_interval is None or not self._listeners:
            return
        now = time.perf_counter()
        if force or now - self._last_stats >= self.stats_interval:
            self._last_stats = now
            self.emit(StatsComputed(self.epoch, self.step_count, tuple(self.layer_stats())))

    def layer_stats(self) -> list[LayerStats]:
        """Compute every layer's statistics on the probe batch (no dropout)."""
        model = self.model
        buffers = model.forward(self.X_probe)
        stats = []
        for i, (layer, buf) in enumerate(zip(model.layers, buffers)):
            a = buf.a.astype(np.float64)
            finite = a[np.isfinite(a)]
            counts, edges = _histogram(finite)
            dead = saturated = 0.0
            if layer.f.can_die:
                dead = float(np.mean(np.all(a <= 0, axis=0)))
            if layer.f.saturates:
                slope = layer.f.derivative(buf.z.astype(np.float64))
                peak = 1.0 if layer.activation == "tanh" else 0.25
                flat = np.mean(slope < 0.01 * peak, axis=0)
                saturated = float(np.mean(flat >= 0.9))
            part = model.layer_slice(i)
            theta = model.theta[part].astype(np.float64)
            delta = self.optimizer.update[part].astype(np.float64)
            norm = float(np.linalg.norm(theta))
            stats.append(
                LayerStats(
                    index=i,
                    activation=layer.activation,
                    counts=counts,
                    edges=edges,
                    mean=float(finite.mean()) if finite.size else math.nan,
                    std=float(finite.std()) if finite.size else math.nan,
                    dead=dead,
                    saturated=saturated,
                    grad_norm=float(np.linalg.norm(model.grad[part].astype(np.float64))),
                    update_ratio=float(np.linalg.norm(delta)) / norm if norm else 0.0,
                )
            )
        return stats

    # Saving and resuming ----------------------------------------------------------------

    def state(self) -> dict:
        """Return what a resumed run needs besides weights and optimizer vectors."""
        return {
            "epoch": self.epoch,
            "step": self.step_count,
            "batch_size": self.batch_size,
            "base_lr": self.base_lr,
            "rng": self.rng.bit_generator.state,
            "schedule": {"config": self.schedule.config(), "state": self.schedule.state()},
            "early_stopping": None if self.early_stopping is None else {
                "best": self.early_stopping.best,
                "best_epoch": self.early_stopping.best_epoch,
                "wait": self.early_stopping.wait,
            },
            "history": self.history,
            "changes": [
                {"epoch": c.epoch, "step": c.step, "name": c.name, "old": c.old, "new": c.new}
                for c in self.changes
            ],
        }

    def append_history(self, row: dict[str, float]) -> None:
        """Add one epoch's row to ``history``, thinning it when it passes ``history_limit``.

        Thinning keeps the first and the newest rows and every second row between them.
        """
        self.history.append(row)
        if self.history_limit is not None and len(self.history) > self.history_limit:
            self.history = self.history[:-1:2] + self.history[-1:]

    def continuation_state(self) -> dict:
        """Return what ``state()`` leaves out but a copy running elsewhere needs to go on exactly.

        Unlike ``state()`` it contains arrays, so it suits a process pipe, not a JSON file.
        """
        return {
            "initial_loss": self.initial_loss,
            "warned_rising": self._warned_rising,
            "best_theta": self._best_theta,
            "last_update": self.optimizer.update,
            "delay": self.delay,
            "stop_reason": self.stop_reason,
            "history_limit": self.history_limit,
        }

    def load_continuation_state(self, extra: dict) -> None:
        """Restore what ``continuation_state()`` returned."""
        self.initial_loss = extra["initial_loss"]
        self._warned_rising = extra["warned_rising"]
        self._best_theta = None if extra["best_theta"] is None else extra["best_theta"].copy()
        np.copyto(self.optimizer.update, extra["last_update"])
        self.delay = extra["delay"]
        self.stop_reason = extra["stop_reason"]
        self.history_limit = extra["history_limit"]

    def load_state(self, state: dict) -> None:
        """Continue from a ``state()`` saved with the same model and optimizer."""
        self.epoch = int(state["epoch"])
        self.step_count = int(state["step"])
        self.base_lr = float(state["base_lr"])
        if "batch_size" in state:
            self._set_batch_size(int(state["batch_size"]))
        self.rng.bit_generator.state = state["rng"]
        self.schedule.load_state(state["schedule"]["state"])
        if self.early_stopping is not None and state.get("early_stopping"):
            saved = state["early_stopping"]
            self.early_stopping.best = saved["best"]
            self.early_stopping.best_epoch = saved["best_epoch"]
            self.early_stopping.wait = saved["wait"]
            # NOTE: the best weights are not part of the state, so restore_best after a
            # resume brings back weights only from epochs trained since the resume.
        self.history = [dict(row) for row in state["history"]]
        self.changes = [SettingChanged(**c) for c in state.get("changes", [])]


def _is_whole_number(value: object) -> bool:
    """Return True for an integer, or a finite float without a fraction, but not a bool."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value)


def _check_batch_size(batch_size: object) -> None:
    if not _is_whole_number(batch_size) or batch_size < 1:
        raise ConfigError(messages.BAD_BATCH_SIZE, value=batch_size)


def _targets(y: np.ndarray, dtype: np.dtype, loss: Loss) -> np.ndarray:
    """Return targets as a contiguous array in the loss's form.

    Class indices (n,) stay integers for categorical cross-entropy. Everything else becomes
    (n, k) of ``dtype``, so 0/1 labels for binary cross-entropy become an (n, 1) column.
    """
    y = np.asarray(y)
    if y.ndim == 1 and isinstance(loss, CategoricalCrossEntropy):
        return np.ascontiguousarray(y, dtype=np.int64)
    if y.ndim == 1:
        y = y[:, None]
    return np.ascontiguousarray(y, dtype=dtype)


def _histogram(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return histogram counts and edges of finite ``values``, whatever their range.

    np.histogram raises when the range is too narrow for distinct bin edges at the values'
    magnitude (outputs near 1e30 that differ by 1, say). Such values then share one bin.
    """
    if values.size == 0:
        return np.zeros(HISTOGRAM_BINS, np.int64), np.linspace(0.0, 1.0, HISTOGRAM_BINS + 1)
    low, high = float(values.min()), float(values.max())
    try:
        return np.histogram(values, bins=HISTOGRAM_BINS, range=(low, high))
    except ValueError:
        counts = np.zeros(HISTOGRAM_BINS, np.int64)
        counts[0] = values.size
        return counts, np.linspace(low, low + 1.0, HISTOGRAM_BINS + 1)
