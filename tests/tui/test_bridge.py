from tuitrain.core.records import BatchEnded, EpochEnded, SettingChanged, StateChanged
from tuitrain.tui.bridge import SettingApplied, TrainingBridge, TrainingProgressed, TrainingStateChanged


def test_bridge_throttles_progress():
    posted = []
    bridge = TrainingBridge(posted.append, interval=60.0)
    for batch in range(1, 1001):
        bridge(BatchEnded(1, batch, 1000, batch, 0.5, 32))
    progress = [m for m in posted if isinstance(m, TrainingProgressed)]
    assert len(progress) == 1


def test_bridge_drain_returns_epochs_once():
    bridge = TrainingBridge(lambda message: None)
    bridge(EpochEnded(1, 10, 32, {"loss": 0.5}, 0.001, 0.1))
    bridge(EpochEnded(2, 10, 32, {"loss": 0.4}, 0.001, 0.1))
    assert [e.epoch for e in bridge.drain().epochs] == [1, 2]
    assert bridge.drain().epochs == []


def test_bridge_posts_state_and_changes_at_once():
    posted = []
    bridge = TrainingBridge(posted.append, interval=60.0)
    bridge(StateChanged("paused", 0, 0))
    bridge(SettingChanged(1, 5, "lr", 0.001, 0.01))
    assert [type(m) for m in posted] == [TrainingStateChanged, SettingApplied]
    assert all(m.origin is bridge for m in posted)


def test_closed_bridge_drops_records():
    posted = []
    bridge = TrainingBridge(posted.append)
    bridge.closed = True
    bridge(StateChanged("running", 0, 0))
    assert posted == []
