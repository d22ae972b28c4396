"""Commands sent to a running Trainer from another thread.

A listener blocks the training thread on a gate at a chosen batch, so the test thread sends
its command at a known point. Every wait has a timeout, so a bug fails the test instead of
hanging the suite.
"""

import threading

import numpy as np
import pytest

from tuitrain.core.records import BatchEnded, SettingChanged, StateChanged

from core_helpers import binary_trainer, records_of, wait_for

TIMEOUT = 10.0


class Harness:
    """Run a trainer in a thread, record every record and hold it at one batch."""

    def __init__(self, trainer, hold_at_step=None):
        self.trainer = trainer
        self.records = []
        self.lock = threading.Lock()
        self.hold_at_step = hold_at_step
        self.held = threading.Event()
        self.release = threading.Event()
        self.result = None
        self.snapshots = []
        trainer.add_listener(self._listen)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _listen(self, record):
        with self.lock:
            self.records.append(record)
        if isinstance(record, SettingChanged):
            self.snapshots.append(
                (self.trainer.model.theta.copy(), {k: v.copy() for k, v in self.trainer.optimizer.state.items()})
            )
        if isinstance(record, BatchEnded) and record.step == self.hold_at_step:
            self.held.set()
            assert self.release.wait(TIMEOUT), "the test never released the training thread"

    def _run(self):
        self.result = self.trainer.run()

    def start(self):
        self.thread.start()
        if self.hold_at_step is not None:
            assert self.held.wait(TIMEOUT), "training never reached the hold point"

    def of(self, kind):
        with self.lock:
            return records_of(self.records, kind)

    def states(self):
        return [r.state for r in self.of(StateChanged)]

    def join(self):
        self.release.set()
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive(), "run() did not return"


def test_pause_within_one_batch():
    harness = Harness(binary_trainer(0, n=1000, epochs=3), hold_at_step=5)
    harness.start()
    harness.trainer.pause()
    harness.release.set()
    wait_for(lambda: harness.states()[-1:] == ["paused"])
    assert len(harness.of(BatchEnded)) == 5
    harness.trainer.stop()
    harness.join()


def test_paused_trainer_stays_paused():
    harness = Harness(binary_trainer(0, n=1000, epochs=3), hold_at_step=5)
    harness.start()
    harness.trainer.pause()
    harness.release.set()
    wait_for(lambda: harness.states()[-1:] == ["paused"])
    harness.thread.join(0.2)
    assert len(harness.of(BatchEnded)) == 5
    harness.trainer.resume()
    harness.join()
    assert harness.result == "completed"
    assert len(harness.of(BatchEnded)) == 3 * 32


def test_step_batch_runs_one():
    harness = Harness(binary_trainer(0, n=1000, epochs=3), hold_at_step=5)
    harness.start()
    harness.trainer.pause()
    harness.release.set()
    wait_for(lambda: harness.states().count("paused") == 1)
    harness.trainer.step("batch")
    wait_for(lambda: harness.states().count("paused") == 2)
    harness.thread.join(0.2)
    assert len(harness.of(BatchEnded)) == 6
    assert harness.states()[-2:] == ["running", "paused"]
    harness.trainer.stop()
    harness.join()


def test_step_epoch_finishes_epoch():
    harness = Harness(binary_trainer(0, n=1000, epochs=3), hold_at_step=5)
    harness.start()
    harness.trainer.pause()
    harness.release.set()
    wait_for(lambda: harness.states().count("paused") == 1)
    harness.trainer.step("epoch")
    wait_for(lambda: harness.states().count("paused") == 2)
    harness.thread.join(0.2)
    batches = harness.of(BatchEnded)
    assert len(batches) == 32
    assert batches[-1].epoch == 1
    assert harness.trainer.epoch == 1
    assert len(harness.trainer.history) == 1
    harness.trainer.stop()
    harness.join()


def test_stop_keeps_history():
    harness = Harness(binary_trainer(0, n=1000, epochs=None), hold_at_step=70)
    harness.start()
    harness.trainer.stop()
    harness.join()
    assert harness.result == "stopped"
    assert harness.trainer.stop_reason == "stopped"
    assert len(harness.trainer.history) == 2
    assert len(harness.of(BatchEnded)) == 70


def test_stop_while_paused():
    harness = Harness(binary_trainer(0, n=1000, epochs=3), hold_at_step=3)
    harness.start()
    harness.trainer.pause()
    harness.release.set()
    wait_for(lambda: harness.states()[-1:] == ["paused"])
    harness.trainer.stop()
    harness.join()
    assert harness.result == "stopped"


def test_set_lr_mid_run():
    harness = Harness(binary_trainer(0, n=1000, epochs=2), hold_at_step=10)
    harness.start()
    theta = harness.trainer.model.theta.copy()
    state = {k: v.copy() for k, v in harness.trainer.optimizer.state.items()}
    iterations = harness.trainer.optimizer.iterations
    optimizer = harness.trainer.optimizer
    harness.trainer.set_lr(0.05)
    harness.join()

    changes = harness.of(SettingChanged)
    assert [(c.name, c.old, c.new) for c in changes] == [("lr", 0.001, 0.05)]
    assert changes[0].step == 10
    assert changes[0].epoch == 1
    assert harness.trainer.optimizer is optimizer
    assert optimizer.lr == 0.05
    assert optimizer.iterations == 2 * 32
    assert iterations == 10
    assert harness.trainer.history[1]["lr"] == 0.05

    theta_at_change, state_at_change = harness.snapshots[0]
    np.testing.assert_array_equal(theta_at_change, theta)
    assert np.any(state["m_sum"] != 0)
    np.testing.assert_array_equal(state_at_change["m_sum"], state["m_sum"])
    np.testing.assert_array_equal(state_at_change["v_sum"], state["v_sum"])


def test_set_lr_moves_schedule_base():
    from tuitrain.core import get_schedule

    trainer = binary_trainer(0, epochs=3, schedule=get_schedule("exponential", gamma=0.5))
    trainer.set_lr(0.01)
    trainer.run()
    assert [row["lr"] for row in trainer.history] == pytest.approx([0.01, 0.005, 0.0025], rel=1e-12)


def test_set_batch_size_mid_run():
    harness = Harness(binary_trainer(0, n=1000, epochs=2), hold_at_step=3)
    harness.start()
    harness.trainer.set_batch_size(100)
    harness.join()
    sizes = [b.batch_size for b in harness.of(BatchEnded)]
    # Epoch 1: 3 batches of 32, then 904 samples in batches of 100 (last of 4).
    assert sizes[:3] == [32, 32, 32]
    assert sizes[3:13] == [100] * 9 + [4]
    assert sizes[13:] == [100] * 10
    changes = harness.of(SettingChanged)
    assert [(c.name, c.old, c.new) for c in changes] == [("batch_size", 32, 100)]


def test_set_optimizer_setting_keeps_state():
    harness = Harness(binary_trainer(0, n=1000, epochs=1), hold_at_step=4)
    harness.start()
    optimizer = harness.trainer.optimizer
    harness.trainer.set_optimizer(beta_1=0.5)
    harness.join()
    assert harness.trainer.optimizer is optimizer
    assert optimizer.params["beta_1"] == 0.5
    assert optimizer.iterations == 32
    changes = harness.of(SettingChanged)
    assert [(c.name, c.old, c.new) for c in changes] == [("optimizer.beta_1", 0.9, 0.5)]


def test_set_optimizer_new_name():
    harness = Harness(binary_trainer(0, n=1000, epochs=1), hold_at_step=4)
    harness.start()
    theta = harness.trainer.model.theta.copy()
    harness.trainer.set_optimizer("sgd", momentum=0.9)
    harness.join()
    optimizer = harness.trainer.optimizer
    assert optimizer.name == "sgd"
    assert optimizer.lr == 0.001
    assert optimizer.params["momentum"] == 0.9
    assert optimizer.iterations == 32 - 4
    names = [c.name for c in harness.of(SettingChanged)]
    assert "optimizer.name" in names
    np.testing.assert_array_equal(harness.snapshots[0][0], theta)


def test_set_regularization_mid_run():
    harness = Harness(binary_trainer(0, n=1000, epochs=1), hold_at_step=4)
    harness.start()
    harness.trainer.set_regularization(0, l2=0.01)
    harness.trainer.set_regularization(None, dropout=0.25)
    harness.join()
    layers = harness.trainer.model.layers
    assert layers[0].l2 == 0.01
    assert layers[1].l2 == 0.0
    assert [layer.dropout for layer in layers] == [0.25, 0.25]
    names = [c.name for c in harness.of(SettingChanged)]
    assert names == ["l2[0]", "dropout[0]", "dropout[1]"]
    assert harness.result == "completed"


def test_pause_before_run():
    trainer = binary_trainer(0, n=1000, epochs=1)
    harness = Harness(trainer)
    trainer.pause()
    harness.start()
    wait_for(lambda: harness.states()[-1:] == ["paused"])
    assert harness.of(BatchEnded) == []
    trainer.resume()
    harness.join()
    assert harness.result == "completed"
