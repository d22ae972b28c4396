"""A loss that rises far above its start sends one notice naming a smaller learning rate."""

import os
import stat
from pathlib import Path

import numpy as np

from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer
from tuitrain.core.atomic import write_text
from tuitrain.core.records import Notice

CASES = Path(__file__).resolve().parents[1] / "cases"


def _noisy_xor() -> tuple[np.ndarray, np.ndarray]:
    rows = np.loadtxt(CASES / "noisy-xor.csv", delimiter=",", skiprows=1)
    return rows[:, :2], rows[:, 2].astype(np.int64)


def _trainer(lr: float) -> Trainer:
    X, y = _noisy_xor()
    rng = np.random.default_rng(0)
    model = Sequential([Dense(64, "relu"), Dense(64, "relu"), Dense(1, "sigmoid")], 2, rng)
    loss = get_loss("binary_crossentropy")
    return Trainer(model, get_optimizer("sgd", lr=lr), loss, X, y, rng=rng, epochs=5)


def test_high_lr_sends_one_notice():
    trainer = _trainer(10.0)
    notices = []
    trainer.add_listener(lambda record: notices.append(record) if isinstance(record, Notice) else None)
    trainer.run()
    assert len(notices) == 1
    assert notices[0].params["lr"] == "10"
    assert notices[0].params["suggested"] == "0.01"  # a tenth, but at most SGD's default
    assert "too high for SGD" in str(notices[0])


def test_modest_lr_sends_no_notice():
    trainer = _trainer(0.1)
    trainer.run()
    assert trainer.notices == []
    assert trainer.initial_loss is not None


def test_atomic_write_uses_umask_mode(tmp_path):
    path = tmp_path / "out.txt"
    write_text(path, "hello")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
