"""Output of a ``--batch`` run: Keras-style text, or JSON lines with ``--json``.

Data (the summary, epoch lines, JSON events, the final line) goes to stdout, and
diagnostics (notices, warnings, errors) go to stderr. A progress bar is drawn only on a
terminal, so piped output has plain lines only.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO

from tuitrain.batch.describe import data_description, json_safe, model_description
from tuitrain.core import messages as core_messages
from tuitrain.core.records import BatchEnded, EpochEnded, Notice, TrainingDiverged
from tuitrain.experiment import Experiment
from tuitrain.locales import _, display_width, render

PROGRESS_INTERVAL = 0.1
"""Seconds between two redraws of the progress bar."""
BAR_WIDTH = 30



def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def summary_table(experiment: Experiment) -> list[str]:
    """Return the Keras-style model summary: one row per layer, then parameter totals."""
    model = experiment.model
    widths = (28, 26, 12)
    header = (_("Layer (type)"), _("Output Shape"), _("Param #"))
    rule = "_" * sum(widths)
    lines = [_('Model: "{name}"', name="sequential"), rule]
    lines.append(_pad(header[0], widths[0]) + _pad(header[1], widths[1]) + _pad(header[2], widths[2], True))
    lines.append("=" * sum(widths))
    for name, shape, params in model.summary():
        shape_text = f"(None, {shape[1]})"
        lines.append(_pad(f"{name} (Dense)", widths[0]) + _pad(shape_text, widths[1])
                     + _pad(f"{params:,}", widths[2], True))
    lines.append("=" * sum(widths))
    size = _byte_size(model.n_params * model.dtype.itemsize)
    lines.append(_("Total params: {count} ({size})", count=f"{model.n_params:,}", size=size))
    lines.append(_("Trainable params: {count} ({size})", count=f"{model.n_params:,}", size=size))
    lines.append(_("Non-trainable params: {count} ({size})", count=0, size=_byte_size(0)))
    lines.append(rule)
    return lines


def _byte_size(n: int) -> str:
    if n < 1024:
        return f"{n:.2f} B"
    if n < 1024**2:
        return f"{n / 1024:.2f} KB"
    return f"{n / 1024**2:.2f} MB"


def data_line(experiment: Experiment) -> str:
    """Return one line on the samples, features, classes, task and the output layer."""
    dataset, target = experiment.dataset, experiment.target
    parts = [
        dataset.name,
        _("{samples} samples ({train} for training, {val} for validation)",
          samples=dataset.n_samples, train=experiment.n_train, val=experiment.n_val),
        features_text(dataset.n_features),
    ]
    if target.n_classes and target.mapped:
        mapping = ", ".join(f"{name} → {index}" for index, name in enumerate(target.classes))
        parts.append(_("{n} classes, labels mapped: {mapping}", n=target.n_classes, mapping=mapping))
    elif target.n_classes:
        parts.append(_("{n} classes", n=target.n_classes))
    parts.append(task_name(dataset.task))
    reason = render(target.reason_template, target.reason_params)
    return _("Data: {facts}. Output layer: {reason}.", facts=_(", ").join(parts), reason=reason)


def features_text(n: int) -> str:
    """Return "1 feature" or "n features", in the current language."""
    return _("1 feature") if n == 1 else _("{features} features", features=n)


def task_name(task: str) -> str:
    return {"classification": _("classification"), "regression": _("regression")}.get(task, task)


def reason_name(reason: str) -> str:
    names = {
        "completed": _("completed"),
        "early_stopping": _("stopped early"),
        "stopped": _("interrupted"),
        "diverged": _("diverged"),
    }
    return names.get(reason, reason)


def metrics_text(metrics: dict[str, float]) -> str:
    """Return metrics in Keras's order and form: ``accuracy: 0.8440 - loss: 0.4110``.

    Values of a million or more, as a diverging run reaches, use scientific notation.
    """
    return " - ".join(f"{name}: {_metric(value)}" for name, value in sorted(metrics.items()))


def _metric(value: float) -> str:
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4e}"


def _per_step(seconds: float, steps: int) -> str:
    per_step = seconds / max(steps, 1)
    if per_step >= 1:
        return f"{per_step:.0f}s/step"
    if per_step >= 1e-3:
        return f"{per_step * 1e3:.0f}ms/step"
    return f"{per_step * 1e6:.0f}us/step"


def epoch_header(epoch: int, epochs: int | None) -> str:
    if epochs:
        return _("Epoch {epoch}/{epochs}", epoch=epoch, epochs=epochs)
    return _("Epoch {epoch}", epoch=epoch)


def epoch_line(record: EpochEnded, show_lr: bool) -> str:
    """Return Keras's line for a finished epoch: ``32/32 - 0s 2ms/step - accuracy: ...``."""
    metrics = dict(record.metrics)
    if show_lr:
        metrics["learning_rate"] = record.lr
    line = f"{record.steps}/{record.steps} - {record.seconds:.0f}s {_per_step(record.seconds, record.steps)}"
    return f"{line} - {metrics_text(metrics)}" if metrics else line


def diverged_lines(record: TrainingDiverged) -> list[str]:
    """Return the error lines for a divergence: where it happened, then the likely cause."""
    quantity = {"loss": _("the loss"), "gradient": _("the gradient"), "weights": _("the weights")}
    subject = quantity.get(record.quantity, record.quantity)
    if record.layer is None:
        where = _("tuitrain: error: training diverged in epoch {epoch}, batch {batch} (step {step}): {quantity} "
                  "became NaN or infinite.", epoch=record.epoch, batch=record.batch,
                  step=record.step + 1, quantity=subject)
    else:
        where = _("tuitrain: error: training diverged in epoch {epoch}, batch {batch} (step {step}): {quantity} "
                  "became NaN or infinite in layer {layer}.", epoch=record.epoch, batch=record.batch,
                  step=record.step + 1, quantity=subject, layer=record.layer)
    return [where, render(record.cause, record.cause_params)]


class Reporter:
    """Print a batch run's progress; pass ``on_record`` to the trainer as a listener."""

    def __init__(self, *, json_lines: bool, quiet: bool, show_lr: bool,
                 stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.json_lines = json_lines
        self.quiet = quiet
        self.show_lr = show_lr
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.bar = None if quiet else self._bar_stream()
        self.diverged: TrainingDiverged | None = None
        self.planned_epochs: int | None = None
        """Epochs of the run, shown in the header above the progress bar."""
        self._header_shown = 0
        self._last_draw = 0.0
        self._bar_drawn = False

    def _bar_stream(self) -> TextIO | None:
        """Return the terminal to draw the progress bar on, or None when output is piped."""
        if not self.json_lines and self.stdout.isatty():
            return self.stdout
        if self.stderr.isatty():
            return self.stderr
        return None

    # Lines and events -------------------------------------------------------------------

    def out(self, line: str) -> None:
        print(line, file=self.stdout, flush=True)

    def err(self, line: str) -> None:
        self._clear_bar()
        print(line, file=self.stderr, flush=True)

    def event(self, event_name: str, /, **fields) -> None:
        print(json.dumps(json_safe({"event": event_name, **fields}), ensure_ascii=False, allow_nan=False),
              file=self.stdout, flush=True)

    def notice(self, notice: Notice) -> None:
        text = render(notice.template, notice.params)
        if notice.template == core_messages.LOSS_ROSE:
            # A run whose loss rose ends as "completed" all the same, so the warning goes
            # out even with --quiet: it explains why the final numbers are bad.
            self.err(_("warning: {message}", message=text))
        else:
            self.note(text)

    def note(self, message: str) -> None:
        if not self.quiet:
            self.err(_("note: {message}", message=message))

    def warning(self, message: str) -> None:
        if not self.quiet:
            self.err(_("warning: {message}", message=message))

    def start(self, experiment: Experiment, folder: str) -> None:
        """Describe the model and the data before the first epoch."""
        if self.quiet:
            return
        if self.json_lines:
            training = experiment.config.training
            self.event(
                "start",
                name=experiment.config.name,
                run_folder=folder,
                data=data_description(experiment),
                model=model_description(experiment),
                training={
                    "epochs": training.epochs,
                    "batch_size": experiment.trainer.batch_size,
                    "seed": training.seed,
                    "val_split": experiment.config.data.val_split,
                    "schedule": training.schedule,
                    "early_stopping": training.early_stopping,
                    "resumed_epochs": experiment.trainer.epoch,
                },
            )
            return
        for line in summary_table(experiment):
            self.out(line)
        self.out(data_line(experiment))

    def end(self, *, reason: str, history: list[dict], epochs: int, steps: int, seconds: float,
            folder: str) -> None:
        """Print the final line or the ``end`` event; --quiet keeps this one."""
        self._clear_bar()
        metrics = _final_metrics(history)
        if self.json_lines:
            diverged = None
            if self.diverged is not None:
                record = self.diverged
                diverged = {
                    "epoch": record.epoch, "batch": record.batch, "step": record.step + 1,
                    "quantity": record.quantity, "layer": record.layer,
                    "cause": render(record.cause, record.cause_params),
                }
            self.event("end", reason=reason, epochs=epochs, steps=steps, seconds=seconds,
                       metrics=metrics, run_folder=folder, diverged=diverged)
            return
        # Three significant digits below 10 s, so that a run of milliseconds does not read 0.0s.
        seconds_text = f"{seconds:.3g}" if seconds < 10 else f"{seconds:.1f}"
        text = _("Done: {reason} after {epochs} epoch(s), {steps} steps, {seconds}s",
                 reason=reason_name(reason), epochs=epochs, steps=steps, seconds=seconds_text)
        if metrics:
            text += " - " + metrics_text(metrics)
        self.out(text + " - " + _("run folder: {folder}", folder=folder))

    # Trainer records --------------------------------------------------------------------

    def on_record(self, record: object) -> None:
        if isinstance(record, BatchEnded):
            if self.bar is not None:
                self._draw_bar(record)
        elif isinstance(record, EpochEnded):
            self._epoch_ended(record)
        elif isinstance(record, Notice):
            self.notice(record)
        elif isinstance(record, TrainingDiverged):
            self.diverged = record

    def _epoch_ended(self, record: EpochEnded) -> None:
        self._clear_bar()
        if self.quiet:
            return
        if self.json_lines:
            self.event("epoch", epoch=record.epoch, epochs=record.epochs, steps=record.steps,
                       **record.metrics, lr=record.lr, seconds=record.seconds)
            return
        if self._header_shown != record.epoch:
            self.out(epoch_header(record.epoch, record.epochs))
        self.out(epoch_line(record, self.show_lr))

    def _draw_bar(self, record: BatchEnded) -> None:
        now = time.monotonic()
        if not self.json_lines and self._header_shown != record.epoch:
            # The header goes to stdout, above the bar, as Keras prints it.
            self._clear_bar()
            self.out(epoch_header(record.epoch, self.planned_epochs))
            self._header_shown = record.epoch
        if record.batch < record.batches and now - self._last_draw < PROGRESS_INTERVAL:
            return
        self._last_draw = now
        done = int(BAR_WIDTH * record.batch / record.batches)
        arrow = ">" if done < BAR_WIDTH else ""
        bar = "=" * done + arrow + "." * (BAR_WIDTH - done - len(arrow))
        text = f"\r{record.batch}/{record.batches} [{bar}] - loss: {record.loss:.4f}"
        self.bar.write(text + "\x1b[K")
        self.bar.flush()
        self._bar_drawn = True

    def _clear_bar(self) -> None:
        if self._bar_drawn and self.bar is not None:
            self.bar.write("\r\x1b[K")
            self.bar.flush()
            self._bar_drawn = False


def _final_metrics(history: list[dict]) -> dict[str, float]:
    if not history:
        return {}
    return {key: value for key, value in history[-1].items() if key not in ("epoch", "lr", "seconds")}
