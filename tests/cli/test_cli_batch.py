"""``tuitrain --batch``: output, run folder, replay, JSON lines and plots."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

from tuitrain.experiment import load_model

from conftest import tuitrain_env


def _history_without_seconds(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.pop("seconds")
    return rows


def test_reference_run_output(run, tmp_path):
    result = run("--batch", "--out", "ref")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == 'Model: "sequential"'
    assert "Layer (type)" in lines[2]
    assert any(line.startswith("dense (Dense)") and line.endswith("1,344") for line in lines)
    assert any(line.startswith("dense_1 (Dense)") and line.endswith("4,160") for line in lines)
    assert any(line.startswith("dense_2 (Dense)") and line.endswith("65") for line in lines)
    assert "Total params: 5,569 (21.75 KB)" in lines
    data_line = next(line for line in lines if line.startswith("Data: "))
    assert "1000 samples (1000 for training, 0 for validation)" in data_line
    assert "20 features" in data_line
    assert "1 sigmoid unit with binary cross-entropy" in data_line
    assert "Epoch 1/10" in lines
    assert "Epoch 10/10" in lines
    epoch_lines = [line for line in lines if line.startswith("32/32 - ")]
    assert len(epoch_lines) == 10
    assert " - accuracy: " in epoch_lines[0]
    assert " - loss: " in epoch_lines[0]
    assert lines[-1].startswith("Done: completed after 10 epoch(s), 320 steps")
    assert result.stderr == ""


def test_run_folder_layout(run, tmp_path):
    result = run("--batch", "--preset", "iris", "--epochs", "3")
    assert result.returncode == 0, result.stderr
    (folder,) = (tmp_path / "runs").iterdir()
    assert folder.name.endswith("-iris")
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.toml", "history.csv", "history.json", "model.npz", "summary.json",
    ]
    header = (folder / "history.csv").read_text().splitlines()[0]
    assert header == "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds"
    history = json.loads((folder / "history.json").read_text())
    assert [row["epoch"] for row in history] == [1, 2, 3]
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["stop_reason"] == "completed"
    assert summary["epochs"] == 3
    assert summary["steps"] == 3 * 8
    assert summary["data"]["classes"] == ["setosa", "versicolor", "virginica"]
    assert set(summary["versions"]) == {"tuitrain", "numpy", "python"}
    assert summary["metrics"]["val_accuracy"] == history[-1]["val_accuracy"]
    model = load_model(folder / "model.npz")
    assert model.classes == ["setosa", "versicolor", "virginica"]


def test_second_run_gets_new_folder(run, tmp_path):
    assert run("--batch", "--epochs", "1", "--quiet").returncode == 0
    assert run("--batch", "--epochs", "1", "--quiet").returncode == 0
    assert len(list((tmp_path / "runs").iterdir())) == 2


def test_replay_gives_same_history(run, tmp_path):
    first = run("--batch", "--out", "first")
    assert first.returncode == 0, first.stderr
    replay = run("--batch", "--config", "first/config.toml", "--out", "replay")
    assert replay.returncode == 0, replay.stderr
    # Wall time differs between runs, so every column but seconds must match exactly.
    assert _history_without_seconds(tmp_path / "first/history.csv") == \
        _history_without_seconds(tmp_path / "replay/history.csv")
    assert (tmp_path / "first/config.toml").read_text() == (tmp_path / "replay/config.toml").read_text()


def test_replay_of_changed_options(run, tmp_path):
    options = ["--preset", "moons", "--layers", "8:tanh,4:relu", "--optimizer", "sgd", "--lr", "0.05",
               "--momentum", "0.9", "--epochs", "4", "--seed", "7", "--dropout", "0.1", "--l2", "0.001"]
    assert run("--batch", *options, "--out", "first").returncode == 0
    assert run("--batch", "--config", "first/config.toml", "--out", "replay").returncode == 0
    assert _history_without_seconds(tmp_path / "first/history.csv") == \
        _history_without_seconds(tmp_path / "replay/history.csv")
    config = (tmp_path / "first/config.toml").read_text()
    assert 'name = "sgd"' in config
    assert "dropout = 0.1" in config
    assert "seed = 7" in config


def test_options_override_config_file(run, tmp_path):
    (tmp_path / "small.toml").write_text("[training]\nepochs = 2\nbatch_size = 100\n")
    result = run("--batch", "--config", "small.toml", "--epochs", "3", "--json")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["training"]["batch_size"] == 100
    assert [e["epoch"] for e in events if e["event"] == "epoch"] == [1, 2, 3]


def test_json_lines(run):
    result = run("--batch", "--preset", "iris", "--epochs", "2", "--json")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == ["start", "epoch", "epoch", "end"]
    start = events[0]
    assert start["data"]["train"] == 120
    assert start["data"]["validation"] == 30
    assert start["data"]["features"] == 4
    assert start["data"]["label_mapping"] == {"setosa": 0, "versicolor": 1, "virginica": 2}
    assert start["data"]["task"] == "classification"
    assert start["model"]["params"] == sum(layer["params"] for layer in start["model"]["layers"])
    assert start["model"]["loss"] == "categorical_crossentropy"
    assert start["model"]["optimizer"]["name"] == "adam"
    epoch = events[1]
    for key in ("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"):
        assert key in epoch, key
    end = events[-1]
    assert end["reason"] == "completed"
    assert end["metrics"]["val_accuracy"] == events[2]["val_accuracy"]
    assert end["run_folder"].startswith("runs")


def test_json_quiet_has_end_only(run):
    result = run("--batch", "--epochs", "2", "--json", "--quiet")
    assert result.returncode == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == ["end"]


def test_json_safe_replaces_nonfinite():
    from tuitrain.batch.describe import json_safe

    value = json_safe({"loss": math.nan, "values": [math.inf, 1.5], "n": 2})
    assert json.dumps(value, allow_nan=False) == '{"loss": null, "values": [null, 1.5], "n": 2}'


def test_quiet_prints_final_line(run):
    result = run("--batch", "--epochs", "2", "--quiet")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert result.stdout.startswith("Done: completed")


def test_plot_without_colour_when_piped(run):
    result = run("--batch", "--preset", "iris", "--epochs", "4", "--plot", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Loss per epoch (training and validation):" in result.stdout
    assert "val_loss" in result.stdout
    assert "\x1b[" not in result.stdout


def test_resume_continues_history(run, tmp_path):
    assert run("--batch", "--epochs", "2", "--out", "first").returncode == 0
    result = run("--batch", "--resume", "first/model.npz", "--epochs", "4", "--out", "more", "--json")
    assert result.returncode == 0, result.stderr
    epochs = [json.loads(line)["epoch"] for line in result.stdout.splitlines()
              if json.loads(line)["event"] == "epoch"]
    assert epochs == [3, 4]
    history = json.loads((tmp_path / "more/history.json").read_text())
    assert [row["epoch"] for row in history] == [1, 2, 3, 4]


def test_list_shows_presets_and_data(run):
    result = run("list")
    assert result.returncode == 0
    assert "spirals" in result.stdout
    assert "2-D points on spiral arms, one class per arm" in result.stdout
    assert run("--batch", "--list").stdout == result.stdout



def test_batch_never_imports_textual(tmp_path):
    code = ("import sys; from tuitrain.cli import main; "
            "code = main(['--batch', '--epochs', '1', '--quiet']); print(code, 'textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=tuitrain_env(), cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False"


def test_quiet_still_warns_of_rising_loss(run):
    result = run("--batch", "--lr", "1000", "--quiet")
    assert result.returncode == 0
    assert result.stdout.startswith("Done: completed")
    assert "warning: The training loss rose from" in result.stderr
    assert "too high for Adam. Try 0.001." in result.stderr
