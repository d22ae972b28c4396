"""The main screen: panels on the left, charts on the right, controls and status around.

The screen owns the run: the current ``RunConfig``, the ``Experiment`` built from it, the
bridge that turns trainer records into messages, and the thread worker that trains. Every
change of a setting, from a field, a key, a preset or a loaded file, goes through
``request_setting``: live settings are sent to the trainer, which applies them at the next
batch, and settings that change the network rebuild it after asking.
"""

from __future__ import annotations

import copy
import time
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from tuitrain.config import RunConfig
from tuitrain.core.errors import ConfigError, DataError
from tuitrain.core.records import BatchEnded
from tuitrain.experiment import Experiment, build_experiment, load_model, optimizer_params, save_model
from tuitrain.locales import _, describe, render
from tuitrain.remote import run_in_process
from tuitrain.presets import PRESETS, get_preset
from tuitrain.tui.bridge import (
    SettingApplied,
    TrainingBridge,
    TrainingDivergedMessage,
    TrainingFinished,
    TrainingNoticed,
    TrainingProgressed,
    TrainingStateChanged,
)
from tuitrain.tui.export import write_run_folder
from tuitrain.tui.screens.dialogs import ConfirmScreen, FilePickerScreen, MessageScreen, PathScreen
from tuitrain.tui.widgets.boundary import BoundaryMap
from tuitrain.tui.widgets.charts import ActivationChart, HistogramChart, HistoryChart
from tuitrain.tui.widgets.controls import ControlsBar
from tuitrain.tui.widgets.data import DataPanel
from tuitrain.tui.widgets.fields import ChoiceField, SettingRequested
from tuitrain.tui.widgets.hyperparams import SPEEDS, HyperparametersPanel, fmt
from tuitrain.tui.widgets.layers import LayersPanel
from tuitrain.tui.widgets.status import StatusBar, digits

MIN_WIDTH = 80
MIN_HEIGHT = 24
NARROW_WIDTH = 110
"""Below this many columns the screen drops what it can spare: the save, load and export
buttons (the command palette still has them) and empty validation numbers."""
SHORT_HEIGHT = 32
"""Below this many rows the loss chart gets the chart area to itself; the header still
shows the metric."""
"""Smallest terminal the layout fits; below it the screen shows a notice instead."""

REDRAW_INTERVAL = 0.25
"""Seconds between two chart redraws (4 Hz); only visible charts with new data redraw."""

LIVE_KEYS = {"optimizer.name", "training.batch_size", "training.epochs", "speed"}
LIVE_PREFIXES = ("optimizer.", "regularization.")
"""Settings the trainer takes at the next batch, keeping weights and optimizer state."""


def screen_bindings() -> list[Binding]:
    """Return the keys of the main screen, described in the current language."""
    return [
        Binding("space", "toggle_training", _("Start/Pause"), priority=True),
        Binding("s", "step('batch')", _("Step")),
        Binding("e", "step('epoch')", _("Epoch"), show=False),
        Binding("r", "reset", _("Reset")),
        Binding("plus,equals_sign", "faster", _("Faster"), show=False),
        Binding("minus", "slower", _("Slower"), show=False),
        Binding("escape", "leave_field", _("Leave the field"), show=False),
        Binding("1", "show_panel('layers')", _("Layers"), show=False),
        Binding("2", "show_panel('hyperparameters')", _("Hyperparameters"), show=False),
        Binding("3", "show_panel('data')", _("Data"), show=False),
    ]

STATS_INTERVAL = 0.25
"""Minimum seconds between two layer-statistics records: the charts' 4 Hz refresh."""

HISTORY_LIMIT = 20_000
"""Maximum epoch rows the trainer keeps in the app, so that memory stays bounded in runs
of millions of epochs. An exported run folder then has every epoch up to that many, and
an evenly thinned history past it."""


class MainScreen(Screen):
    """Build, train and watch one network."""

    BINDING_KEYS = {"space", "s", "e", "r", "plus", "minus", "escape", "1", "2", "3"}
    """Keys of ``screen_bindings``; a test checks that each is bound."""

    def __init__(self, config: RunConfig) -> None:
        super().__init__()
        # Bindings are built here, not in BINDINGS, so their descriptions use the language
        # that is current when the screen is built rather than when the module was imported.
        # Merged with Screen's own bindings, which move the focus with tab and shift+tab.
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(screen_bindings())])
        self.config = config
        self.experiment: Experiment | None = None
        self.bridge: TrainingBridge | None = None
        self.worker: Worker | None = None
        self.running = False
        """True between a "running" and the next "paused" or the end of the run."""
        self.last_epoch: dict[str, float] = {}
        self.last_batch: BatchEnded | None = None
        """The latest batch record of this run, which the status line keeps showing."""
        self.steps_seen = (0, time.perf_counter())
        self.steps_per_second = 0.0
        self.health_charts: list[HistogramChart] = []
        self.speed = 0.0
        """Seconds to wait after each batch, as last chosen. It is a way of watching, not a
        setting of the run, so a reset or a new network keeps it."""

    # Layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("", id="too-small")
        with Vertical(id="main"):
            yield StatusBar(id="status")
            with Horizontal(id="body"):
                with Vertical(id="left"):
                    yield ChoiceField("preset", _("Preset"), [(name, name) for name in PRESETS],
                                      self.config.name if self.config.name in PRESETS else "reference",
                                      id="preset")
                    with TabbedContent(id="panels"):
                        with TabPane(_("Layers"), id="layers"):
                            yield LayersPanel(id="layers-panel")
                        with TabPane(_("Hyperparameters"), id="hyperparameters"):
                            yield HyperparametersPanel(self.config, id="hyper-panel")
                        with TabPane(_("Data"), id="data"):
                            yield DataPanel(self.config, id="data-panel")
                with TabbedContent(id="charts"):
                    with TabPane(_("Loss"), id="tab-loss"):
                        yield HistoryChart(id="loss-chart")
                        yield HistoryChart(id="metric-chart")
                    with TabPane(_("Activations"), id="tab-activations"):
                        yield Grid(id="activation-grid")
                    with TabPane(_("Layer health"), id="tab-health"):
                        yield Grid(id="health-grid")
                    with TabPane(_("Boundary"), id="tab-boundary"):
                        yield BoundaryMap(id="boundary")
                        yield Static(_("The decision boundary needs data with exactly two features."),
                                     id="boundary-note")
            yield ControlsBar(id="controls")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "tuitrain"
        self.query_one("#loss-chart").border_title = _("Loss by epoch")
        self.query_one("#left").border_title = _("Network")
        self.set_interval(REDRAW_INTERVAL, self.redraw_charts)
        if not self.build(self.config):
            self.notify(_("The app started without a network; choose a preset or fix the data."),
                        severity="error", timeout=10)
        self.call_after_refresh(self.query_one("#control-start").focus)

    def on_resize(self) -> None:
        width, height = self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(height < SHORT_HEIGHT, "-short")
        if small:
            self.query_one("#too-small", Static).update(
                _("Enlarge the terminal to at least {width}×{height} (now {now_width}×{now_height}).",
                  width=MIN_WIDTH, height=MIN_HEIGHT, now_width=width, now_height=height)
            )

    # Building the run ---------------------------------------------------------------

    def build(self, config: RunConfig) -> bool:
        """Build a new experiment from ``config`` and show it; return False on a bad config.

        The caller stops training first. On failure the old experiment stays and the reason
        is shown under the data settings and in a notification.
        """
        bridge = TrainingBridge(self.post_message)
        try:
            experiment = build_experiment(config, listeners=(bridge,), stats_interval=STATS_INTERVAL)
        except (ConfigError, DataError) as error:
            text = describe(error)
            self.query_one(DataPanel).show_error(text)
            self.notify(text, title=_("Could not build the network"), severity="error", timeout=10)
            return False
        experiment.trainer.history_limit = HISTORY_LIMIT
        experiment.trainer.delay = self.speed
        if self.bridge is not None:
            self.bridge.closed = True
        self.config = config
        self.experiment = experiment
        self.bridge = bridge
        self.running = False
        self.last_epoch = {}
        self.last_batch = None
        self._show_experiment()
        for notice in experiment.notices:
            self.notify(render(notice.template, notice.params), timeout=6)
        return True

    def _show_experiment(self) -> None:
        experiment = self.experiment
        trainer = experiment.trainer
        metric = trainer.metric
        self._sync_panels()
        status = self.query_one(StatusBar)
        status.set_metric_name(metric)
        status.set_validation(experiment.n_val > 0)
        self.query_one("#loss-chart", HistoryChart).reset("loss", "val_loss")
        metric_chart = self.query_one("#metric-chart", HistoryChart)
        metric_chart.reset(metric, f"val_{metric}")
        metric_chart.border_title = _("Accuracy % by epoch") if metric == "accuracy" else _("MAE by epoch")
        self.query_one("#speed", ChoiceField).set_value(trainer.delay if trainer.delay in SPEEDS else 0.0)
        self._show_activation_charts()
        self._show_health_charts()
        self._show_boundary()
        self._show_status()
        self.query_one(ControlsBar).show_running(False)
        name, data = self.config.name, experiment.dataset.name
        self.sub_title = name if name == data else f"{name} · {data}"

    def _sync_panels(self) -> None:
        """Show the current config and experiment in the three panels."""
        self.query_one(LayersPanel).sync(self.experiment)
        self.query_one(HyperparametersPanel).sync(self.config)
        self.query_one(DataPanel).sync(self.experiment)
        self.query_one("#preset", ChoiceField).set_value(
            self.config.name if self.config.name in PRESETS else "reference")

    def _show_activation_charts(self) -> None:
        grid = self.query_one("#activation-grid", Grid)
        grid.remove_children()
        names = list(dict.fromkeys(layer.activation for layer in self.experiment.model.layers))
        charts = []
        for name in names:
            chart = ActivationChart(name)
            chart.border_title = _("{name}: f(x) and f'(x)", name=name)
            charts.append(chart)
        grid.styles.grid_size_columns = 1 if len(charts) == 1 else 2
        grid.mount_all(charts)

    def _show_health_charts(self) -> None:
        grid = self.query_one("#health-grid", Grid)
        grid.remove_children()
        hidden = self.experiment.model.layers[:-1]
        charts = []
        for i, layer in enumerate(hidden):
            chart = HistogramChart()
            chart.border_title = _("Hidden layer {index} · {activation}", index=i + 1, activation=layer.activation)
            charts.append(chart)
        self.health_charts = list(charts)
        if not charts:
            charts.append(Static(_("This network has no hidden layers."), classes="note"))
        grid.styles.grid_size_columns = 1 if len(charts) == 1 else 2
        grid.mount_all(charts)

    def _show_boundary(self) -> None:
        experiment = self.experiment
        trainer = experiment.trainer
        boundary = self.query_one(BoundaryMap)
        two_features = experiment.dataset.n_features == 2
        boundary.display = two_features
        self.query_one("#boundary-note").display = not two_features
        if two_features:
            boundary.set_data(trainer.model, trainer.X_train, trainer.y_train, experiment.target.n_classes > 0)
            boundary.border_title = _("Decision boundary on the training data")
            x_name, y_name = experiment.dataset.feature_names[:2]
            boundary.border_subtitle = boundary.legend(experiment.target.classes) + _(
                " · across: {x} · up: {y}", x=x_name, y=y_name
            )

    # Training -----------------------------------------------------------------------

    @property
    def training_active(self) -> bool:
        """True while the worker's ``trainer.run()`` has not returned."""
        return self.worker is not None and self.worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    @work(thread=True, exclusive=True, exit_on_error=False, group="training", description="training")
    def train(self, trainer) -> str:
        """Train in a child process, relaying its records through the bridge from this thread.

        In a process of its own the training does not compete with the drawing of this app
        for Python's global lock, so it runs at nearly its headless speed.
        """
        return run_in_process(trainer)

    def _start(self) -> None:
        self.worker = self.train(self.experiment.trainer)

    def action_toggle_training(self) -> None:
        """Start, pause or resume training.

        A terminal too small for the charts can pause a run but not start one, because the
        run would go on behind the notice that asks for a larger terminal.
        """
        if self.experiment is None:
            return
        if not self.training_active and self.has_class("-too-small"):
            return
        trainer = self.experiment.trainer
        if self.training_active:
            if self.running:
                trainer.pause()
            else:
                trainer.resume()
            return
        if trainer.epochs is not None and trainer.epoch >= trainer.epochs:
            self.notify(_("All {epochs} epochs are done. Raise the epochs to go on, or press r to reset.",
                          epochs=trainer.epochs), timeout=6)
            return
        self._start()

    def action_step(self, unit: str) -> None:
        """Train one batch or to the end of the epoch, then pause."""
        if self.experiment is None or self.has_class("-too-small"):
            return
        trainer = self.experiment.trainer
        if not self.training_active and trainer.epochs is not None and trainer.epoch >= trainer.epochs:
            self.action_toggle_training()
            return
        trainer.step(unit)
        if not self.training_active:
            self._start()

    async def stop_training(self) -> None:
        """Stop the trainer within one batch and wait for the worker to finish."""
        worker = self.worker
        if self.experiment is not None:
            self.experiment.trainer.stop()
        if worker is not None and self.training_active:
            try:
                await worker.wait()
            except Exception:  # noqa: BLE001 - a failed worker is reported by on_worker_state_changed
                pass
        self.running = False

    def stop_now(self) -> None:
        """Ask the trainer to stop without waiting (on quit: the thread ends within a batch)."""
        if self.experiment is not None:
            self.experiment.trainer.stop()

    def on_unmount(self) -> None:
        self.stop_now()

    async def action_reset(self) -> None:
        """Stop training and build the same config again: fresh weights from the seed."""
        await self.replace_experiment(copy.deepcopy(self.config))

    async def replace_experiment(self, config: RunConfig) -> bool:
        await self.stop_training()
        if not self.is_attached:
            return False  # The app closed while training stopped; there is nothing to show.
        return self.build(config)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "training":
            return
        if event.state == WorkerState.ERROR:
            self.running = False
            self.query_one(ControlsBar).show_running(False)
            error = event.worker.error
            self.notify(describe(error), title=_("Training failed"), severity="error", timeout=15)
            self._show_status()
        elif event.state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
            self.running = False
            self.query_one(ControlsBar).show_running(False)
            self._show_status()

    # Messages from the bridge -------------------------------------------------------

    def _current(self, message) -> bool:
        return getattr(message, "origin", None) is self.bridge and self.bridge is not None

    @on(TrainingProgressed)
    def _progressed(self, message: TrainingProgressed) -> None:
        if not self._current(message):
            return
        self.drain()

    def drain(self) -> None:
        """Move what the bridge collected into the charts and the status bar."""
        if self.bridge is None:
            return
        progress = self.bridge.drain()
        for record in progress.epochs:
            self._plot_epoch(record.epoch, record.metrics)
        if progress.epochs:
            self.query_one("#loss-chart", HistoryChart).dirty = True
            self.query_one("#metric-chart", HistoryChart).dirty = True
            self.query_one(BoundaryMap).dirty = True
        if progress.stats is not None:
            self._show_stats(progress.stats)
        if progress.batch is not None:
            self.query_one(BoundaryMap).dirty = True
        self._show_status(progress.batch)

    def _plot_epoch(self, epoch: int, values: dict[str, float]) -> None:
        """Add one epoch's numbers to the loss and metric charts, accuracy in percent as in
        the header, and keep them as the latest epoch."""
        metric = self.experiment.trainer.metric
        scale = 100.0 if metric == "accuracy" else 1.0
        loss_chart = self.query_one("#loss-chart", HistoryChart)
        metric_chart = self.query_one("#metric-chart", HistoryChart)
        loss_chart.train.append(epoch, values.get("loss", float("nan")))
        metric_chart.train.append(epoch, values.get(metric, float("nan")) * scale)
        if "val_loss" in values:
            loss_chart.validation.append(epoch, values["val_loss"])
            metric_chart.validation.append(epoch, values.get(f"val_{metric}", float("nan")) * scale)
        self.last_epoch = values

    def _show_stats(self, stats) -> None:
        for layer in stats.layers:
            if layer.index >= len(self.health_charts):
                continue  # the output layer has no histogram chart
            chart = self.health_charts[layer.index]
            chart.show(layer)
            chart.border_subtitle = _(
                "dead {dead:.0%} · saturated {saturated:.0%}", dead=layer.dead, saturated=layer.saturated,
            )

    def _show_status(self, batch: BatchEnded | None = None) -> None:
        if self.experiment is None:
            return
        if batch is not None:
            self.last_batch = batch
        batch = self.last_batch
        trainer = self.experiment.trainer
        total = "∞" if trainer.epochs is None else str(trainer.epochs)
        values = self.last_epoch
        metric = trainer.metric
        self.query_one(StatusBar).show_values(
            str(trainer.epoch), values.get("loss"), values.get("val_loss"),
            values.get(metric), values.get(f"val_{metric}"),
        )
        steps, since = self.steps_seen
        now = time.perf_counter()
        if now - since >= 1.0:
            self.steps_per_second = (trainer.step_count - steps) / (now - since)
            self.steps_seen = (trainer.step_count, now)
        if self.running:
            state = _("● training")
        elif self.training_active:
            state = _("❚❚ paused")
        elif trainer.stop_reason == "diverged":
            state = _("✖ diverged")
        elif trainer.epochs is not None and trainer.epoch >= trainer.epochs:
            state = _("✔ done")
        else:
            state = _("○ ready")
        where = _("of {total} epochs · step {step}", total=total, step=trainer.step_count)
        # The third line: the latest batch and, while training, the speed. On the second
        # line the batch loss was cut off at 120 columns.
        details = []
        if batch is not None:
            details.append(_("batch {batch}/{batches}", batch=batch.batch, batches=batch.batches))
            details.append(_("batch loss {loss}", loss=digits(batch.loss)))
        if self.running:
            details.append(_("{rate:,.0f} steps/s", rate=self.steps_per_second))
        if self.training_active:
            hint = _("First point: end of epoch {epoch}", epoch=trainer.epoch + 1)
        else:
            hint = _("Press space to train")
        self.query_one("#loss-chart", HistoryChart).show_hint(hint)
        self.query_one(StatusBar).show_state(state, where, " · ".join(details))

    @on(TrainingStateChanged)
    def _state_changed(self, message: TrainingStateChanged) -> None:
        if not self._current(message):
            return
        self.running = message.state == "running"
        self.query_one(ControlsBar).show_running(self.running)
        self.drain()

    @on(SettingApplied)
    def _setting_applied(self, message: SettingApplied) -> None:
        if not self._current(message):
            return
        change = message.change
        if change.step > 0:
            self.query_one("#loss-chart", HistoryChart).mark_change(change.epoch)
            self.query_one("#metric-chart", HistoryChart).mark_change(change.epoch)
        self.notify(
            _("{name}: {old} → {new} from epoch {epoch}", name=change.name, old=_value(change.old),
              new=_value(change.new), epoch=change.epoch),
            timeout=4,
        )

    @on(TrainingNoticed)
    def _noticed(self, message: TrainingNoticed) -> None:
        if self._current(message):
            self.notify(render(message.notice.template, message.notice.params), timeout=8)

    @on(TrainingDivergedMessage)
    def _diverged(self, message: TrainingDivergedMessage) -> None:
        if not self._current(message):
            return
        record = message.record
        quantities = {"loss": _("the loss"), "gradient": _("a gradient"), "weights": _("the weights")}
        where = _("In epoch {epoch}, batch {batch}, {quantity} became NaN or infinite",
                  epoch=record.epoch, batch=record.batch, quantity=quantities.get(record.quantity, record.quantity))
        if record.layer is not None:
            where += _(" (first in layer {layer})", layer=record.layer + 1)
        text = "\n\n".join([
            where + ".",
            _("Training paused and the weights of the last finite step are back."),
            render(record.cause, record.cause_params),
            _("Change the setting, then press space to go on, or r to start over."),
        ])
        self.app.push_screen(MessageScreen(_("Training diverged"), text, error=True))

    @on(TrainingFinished)
    def _finished(self, message: TrainingFinished) -> None:
        if not self._current(message):
            return
        self.running = False
        self.query_one(ControlsBar).show_running(False)
        self.drain()
        reason = message.record.reason
        texts = {
            "completed": _("Training finished: {epochs} epochs.", epochs=message.record.epoch),
            "early_stopping": _("Early stopping after epoch {epoch}: the validation loss stopped improving.",
                                epoch=message.record.epoch),
        }
        if reason in texts:
            self.notify(texts[reason], timeout=6)

    # Charts -------------------------------------------------------------------------

    def redraw_charts(self) -> None:
        """Redraw the charts of the visible tab that have new data (runs on a timer)."""
        if self.has_class("-too-small") or self.experiment is None:
            return
        if self.bridge is not None and self.running:
            self.drain()
        active = self.query_one("#charts", TabbedContent).active
        if not active:
            return
        pane = self.query_one(f"#{active}", TabPane)
        charts = [w for w in pane.query("HistoryChart, ActivationChart, HistogramChart, BoundaryMap")
                  if w.dirty and w.display]
        if not charts:
            return
        with self.app.batch_update():
            for chart in charts:
                chart.redraw()

    @on(TabbedContent.TabActivated, "#charts")
    def _chart_tab(self) -> None:
        self.call_after_refresh(self.redraw_charts)

    # Settings -----------------------------------------------------------------------

    @on(SettingRequested)
    def _setting_requested(self, message: SettingRequested) -> None:
        message.stop()
        if message.key == "preset":
            try:
                config = get_preset(str(message.value))
            except ConfigError as error:
                message.field.show_error(describe(error))
                return
            self.change_config(config)
            return
        self.request_setting(message.key, message.value, message.field)

    def request_setting(self, key: str, value: object, field=None) -> bool:
        """Apply one setting the way a key press does.

        A live setting goes to the trainer at once and True is returned when the trainer
        accepted it. Any other setting rebuilds the network in a worker, after asking, and
        the return value is True.
        """
        if self.experiment is not None and (key in LIVE_KEYS or key.startswith(LIVE_PREFIXES)):
            try:
                self._send_live(key, value)
            except ConfigError as error:
                if field is not None:
                    field.show_error(describe(error))
                else:
                    self.notify(describe(error), severity="error")
                return False
            if key == "optimizer.name":
                self.run_worker(self.query_one(HyperparametersPanel).show_optimizer(self.config), group="panels")
            return True
        self.change_config(_with(self.config, key, value))
        return True

    def _send_live(self, key: str, value: object) -> None:
        """Send a live setting to the trainer, then store it in the config."""
        trainer = self.experiment.trainer
        config = self.config
        if key == "optimizer.lr":
            trainer.set_lr(float(value))
        elif key == "optimizer.name":
            changed = _with(config, key, value)
            params = optimizer_params(changed)
            params.pop("lr", None)
            trainer.set_optimizer(str(value), **params)
        elif key.startswith("optimizer."):
            trainer.set_optimizer(None, **{key.removeprefix("optimizer."): value})
        elif key == "training.batch_size":
            trainer.set_batch_size(int(value))
        elif key == "training.epochs":
            # Trainer.run reads ``epochs`` between epochs; one attribute store is atomic.
            trainer.epochs = int(value) or None
        elif key.startswith("regularization."):
            name = key.removeprefix("regularization.")
            for index in range(len(config.model.layers)):
                trainer.set_regularization(index, **{name: float(value)})
        elif key == "speed":
            trainer.set_delay(float(value))
            self.speed = float(value)
            return
        self.config = _with(config, key, value)
        self._show_status()

    @work(group="rebuild", exclusive=True)
    async def change_config(self, config: RunConfig) -> bool:
        """Switch to ``config``: live differences go to the trainer, others rebuild the network.

        A preset or a loaded config thus reaches the trainer the same way as a key press.
        Rebuilding asks first when it would discard training progress.
        """
        if self.experiment is not None and _same_network(self.config, config):
            for key, value in _live_differences(self.config, config):
                if not self.request_setting(key, value):
                    self.query_one(HyperparametersPanel).sync(self.config)
                    return False
            self.config.name = config.name
            self.query_one(HyperparametersPanel).sync(self.config)
            return True
        progress = self.experiment is not None and self.experiment.trainer.step_count > 0
        if progress:
            ok = await self.app.push_screen_wait(ConfirmScreen(
                _("Rebuild the network?"),
                _("This change needs a new network, so the weights and the history of this run are discarded."),
                _("Rebuild"),
            ))
            if not ok:
                self._sync_panels()
                return False
        return await self.replace_experiment(config)

    # Panels, speed, files -----------------------------------------------------------

    def action_show_panel(self, panel: str) -> None:
        self.query_one("#panels", TabbedContent).active = panel

    def action_leave_field(self) -> None:
        """Take the focus from a text field, so that single keys act as shortcuts again."""
        self.set_focus(None)

    def _set_speed(self, offset: int) -> None:
        # The field shows the speed asked for; the trainer takes it only while it runs.
        shown = self.query_one("#speed", ChoiceField).select.value
        current = shown if isinstance(shown, (int, float)) else 0.0
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - current))
        index = min(max(index + offset, 0), len(SPEEDS) - 1)
        self.query_one("#speed", ChoiceField).set_value(SPEEDS[index])
        self.request_setting("speed", SPEEDS[index])

    def action_faster(self) -> None:
        self._set_speed(-1)

    def action_slower(self) -> None:
        self._set_speed(1)

    @work(group="dialogs")
    async def action_open_data_file(self) -> None:
        path = await self.app.push_screen_wait(FilePickerScreen(Path.cwd()))
        if path is not None:
            self.request_setting("data.source", str(path), self.query_one(DataPanel))

    @work(group="dialogs")
    async def action_save_model(self) -> None:
        if self.experiment is None:
            return
        path = await self.app.push_screen_wait(PathScreen(
            _("Save the model"), _("Model file (.npz):"), f"{self.config.name}-model.npz", _("Save")))
        if path is None:
            return
        try:
            save_model(self.experiment, path)
        except (OSError, ConfigError, DataError) as error:
            self.notify(describe(error), title=_("Could not save the model"), severity="error", timeout=10)
            return
        self.notify(_("Model saved to {path}.", path=path), timeout=6)

    @work(group="dialogs")
    async def action_load_model(self) -> None:
        path = await self.app.push_screen_wait(PathScreen(
            _("Load a model"), _("Model file written by Save model or tuitrain --batch:"),
            f"{self.config.name}-model.npz", _("Load")))
        if path is None:
            return
        try:
            trained = load_model(path)
        except (OSError, ConfigError, DataError) as error:
            self.notify(describe(error), title=_("Could not load the model"), severity="error", timeout=10)
            return
        if self.experiment is not None and self.experiment.trainer.step_count > 0:
            ok = await self.app.push_screen_wait(ConfirmScreen(
                _("Load the model?"), _("The weights and the history of this run are replaced."), _("Load")))
            if not ok:
                return
        await self.stop_training()
        bridge = TrainingBridge(self.post_message)
        try:
            experiment = build_experiment(
                trained.config, checkpoint=trained.checkpoint, listeners=(bridge,), stats_interval=STATS_INTERVAL
            )
        except (ConfigError, DataError) as error:
            self.notify(describe(error), title=_("Could not load the model"), severity="error", timeout=10)
            return
        experiment.trainer.history_limit = HISTORY_LIMIT
        if self.experiment is not None:
            # The speed is a way of watching, not a setting of the run, so a reset or a
            # new network keeps it.
            experiment.trainer.delay = self.experiment.trainer.delay
        if self.bridge is not None:
            self.bridge.closed = True
        self.config, self.experiment, self.bridge = trained.config, experiment, bridge
        self._show_experiment()
        self._replay_history()
        self.notify(_("Model loaded from {path}: epoch {epoch}.", path=path, epoch=experiment.trainer.epoch),
                    timeout=6)

    def _replay_history(self) -> None:
        """Draw the history of a loaded model, as if its epochs had just ended."""
        trainer = self.experiment.trainer
        for row in trainer.history:
            self._plot_epoch(row["epoch"], row)
        for change in trainer.changes:
            self.query_one("#loss-chart", HistoryChart).mark_change(change.epoch)
        self._show_status()

    @work(group="dialogs")
    async def action_export_run(self) -> None:
        if self.experiment is None:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = await self.app.push_screen_wait(PathScreen(
            _("Export the run"), _("Run folder (config, history, model and summary, as tuitrain --batch writes it):"),
            str(Path("runs") / f"{self.config.name}-{stamp}"), _("Export")))
        if path is None:
            return
        try:
            write_run_folder(self.experiment, path)
        except OSError as error:
            self.notify(describe(error), title=_("Could not export the run"), severity="error", timeout=10)
            return
        self.notify(_("Run exported to {path}.", path=path), timeout=6)


def _value(value: object) -> str:
    return fmt(value) if isinstance(value, float) else str(value)


def _with(config: RunConfig, key: str, value: object) -> RunConfig:
    """Return a copy of ``config`` with the setting ``key`` set to ``value``."""
    changed = copy.deepcopy(config)
    section, _dot, name = key.partition(".")
    if key == "speed":
        return changed
    if section == "regularization":
        for layer in changed.model.layers:
            setattr(layer, name, value)
    elif section == "model" and name == "layers":
        changed.model.layers = copy.deepcopy(value)
    else:
        setattr(getattr(changed, section), name, value)
    return changed


def _same_network(old: RunConfig, new: RunConfig) -> bool:
    """True when ``new`` differs from ``old`` in live settings only."""
    def structural(config: RunConfig) -> dict:
        data = config.to_dict()
        data.pop("name")
        data.pop("optimizer")
        data["training"].pop("batch_size")
        data["training"].pop("epochs")
        for layer in data["model"]["layers"]:
            for key in ("l1", "l2", "dropout"):
                layer.pop(key)
        return data

    return structural(old) == structural(new)


def _live_differences(old: RunConfig, new: RunConfig) -> list[tuple[str, object]]:
    changes: list[tuple[str, object]] = []
    if new.optimizer.name != old.optimizer.name:
        changes.append(("optimizer.name", new.optimizer.name))
    for key, value in vars(new.optimizer).items():
        if key != "name" and getattr(old.optimizer, key) != value:
            changes.append((f"optimizer.{key}", value))
    for key in ("batch_size", "epochs"):
        if getattr(old.training, key) != getattr(new.training, key):
            changes.append((f"training.{key}", getattr(new.training, key)))
    for key in ("l1", "l2", "dropout"):
        old_values = {getattr(layer, key) for layer in old.model.layers}
        new_values = {getattr(layer, key) for layer in new.model.layers}
        if old_values != new_values and len(new_values) == 1:
            changes.append((f"regularization.{key}", new_values.pop()))
    return changes
