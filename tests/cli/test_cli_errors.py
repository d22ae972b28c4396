"""Exit codes and messages for bad input, divergence and interruption, with tests/cases."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from tuitrain.cli import ExitCode
from tuitrain.experiment import load_model

from conftest import tuitrain_env


def _one_error(result) -> str:
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("args, expected", [
    (["--lr", "abc"], "invalid learning rate 'abc': use a positive number such as 0.001 or 1e-4"),
    (["--lr", "-1"], "invalid learning rate '-1'"),
    (["--batch-size", "0"], "invalid batch size '0'"),
    (["--epochs", "ten"], "invalid number of epochs 'ten'"),
    (["--val-split", "1"], "invalid validation split '1'"),
    (["--optimizer", "adamax"], "invalid choice 'adamax': use one of sgd, rmsprop, adam, adamw, adagrad"),
    (["--preset", "nope"], "invalid choice 'nope'"),
    (["--layers", "64:relu,x"], "invalid layer 'x' in --layers"),
    (["--layers", "64:swish"], "invalid activation 'swish' in --layers"),
    (["--no-such-option"], "unrecognized arguments: --no-such-option"),
])
def test_bad_option_exits_2(run, args, expected):
    result = run("--batch", *args)
    assert result.returncode == ExitCode.USAGE
    assert expected in _one_error(result)
    assert result.stdout == ""


def test_bad_config_key_exits_2(run, tmp_path):
    (tmp_path / "bad.toml").write_text("[training]\nepoch = 3\n")
    result = run("--batch", "--config", "bad.toml")
    assert result.returncode == ExitCode.USAGE
    message = _one_error(result)
    assert "Unknown key 'training.epoch' in bad.toml" in message
    assert "epochs" in message


def test_missing_config_file_exits_2(run):
    result = run("--batch", "--config", "missing.toml")
    assert result.returncode == ExitCode.USAGE
    assert "missing.toml not found" in _one_error(result)


def test_bad_resume_file_exits_2(run, tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"not a zip file")
    result = run("--batch", "--resume", "junk.npz")
    assert result.returncode == ExitCode.USAGE
    assert "junk.npz" in _one_error(result)


def test_batch_option_without_batch_exits_2(run):
    result = run("--json")
    assert result.returncode == ExitCode.USAGE
    assert "--json applies only with --batch" in result.stderr


def test_unknown_data_exits_3(run):
    result = run("--batch", "--data", "nowhere.csv")
    assert result.returncode == ExitCode.DATA
    assert "nowhere.csv" in _one_error(result)
    assert not (result.stdout)


def test_binary_labels_need_mapping(run, case):
    result = run("--batch", "--data", case("binary-labels-1-2.csv"), "--loss", "binary_crossentropy")
    assert result.returncode == ExitCode.DATA
    message = _one_error(result)
    assert "label column 'label'" in message
    assert "1, 2" in message
    assert "--map-labels" in message


def test_binary_labels_with_map_labels(run, case):
    result = run("--batch", "--data", case("binary-labels-1-2.csv"), "--loss", "binary_crossentropy",
                 "--map-labels", "--epochs", "2")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "labels mapped: 1 → 0, 2 → 1" in result.stdout


def test_integer_labels_mapping(run, case):
    result = run("--batch", "--data", case("integer-labels-97-99.csv"), "--epochs", "1")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "3 classes, labels mapped: 97 → 0, 98 → 1, 99 → 2" in result.stdout


def test_wrong_output_units_exits_3(run, case):
    result = run("--batch", "--data", case("integer-labels-97-99.csv"), "--output-units", "2")
    assert result.returncode == ExitCode.DATA
    message = _one_error(result)
    assert "has 2 unit(s)" in message
    assert "needs 3" in message


def test_six_rows_clamps_batch(run, case):
    result = run("--batch", "--data", case("six-rows.csv"), "--batch-size", "32", "--val-split", "0.2",
                 "--epochs", "2", "--json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "note: Batch size 32 is larger than the 4 training samples" in result.stderr
    start = json.loads(result.stdout.splitlines()[0])
    assert start["data"]["train"] == 4
    assert start["data"]["validation"] == 2
    assert start["training"]["batch_size"] == 4


def test_header_row_names(run, case):
    result = run("--batch", "--data", case("header-row.csv"), "--epochs", "1", "--json")
    assert result.returncode == ExitCode.OK, result.stderr
    data = json.loads(result.stdout.splitlines()[0])["data"]
    assert data["feature_names"] == ["temp_c", "humidity", "wind"]
    assert data["label"] == "rain"


def test_missing_values_listed(run, case):
    result = run("--batch", "--data", case("missing-values.csv"))
    assert result.returncode == ExitCode.DATA
    message = _one_error(result)
    assert "(5, f2)" in message
    assert "--missing drop" in message


def test_missing_values_dropped(run, case):
    result = run("--batch", "--data", case("missing-values.csv"), "--missing", "drop", "--epochs", "1")
    assert result.returncode == ExitCode.OK, result.stderr


def test_string_labels_mapping(run, case):
    result = run("--batch", "--data", case("string-labels-iris.csv"), "--epochs", "1")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "labels mapped: setosa → 0, versicolor → 1, virginica → 2" in result.stdout


def test_bad_feature_names_column(run, case):
    result = run("--batch", "--data", case("string-labels-iris-bad-feature.csv"))
    assert result.returncode == ExitCode.DATA
    assert "Column '" in _one_error(result)


def test_huge_features_train_finite(run, case):
    result = run("--batch", "--data", case("huge-features-softmax.csv"), "--scale", "none",
                 "--epochs", "5", "--json")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "overflow" not in result.stderr
    assert "RuntimeWarning" not in result.stderr
    assert "--scale standard" in result.stderr
    end = json.loads(result.stdout.splitlines()[-1])
    assert end["metrics"]["loss"] is not None


def test_huge_features_scaled_without_notice(run, case):
    # The reference preset keeps raw inputs, as the Keras example does, so scaling is asked for.
    result = run("--batch", "--data", case("huge-features-softmax.csv"), "--scale", "standard",
                 "--epochs", "5")
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stderr == ""


def test_divergence_exits_4(run, case, tmp_path):
    result = run("--batch", "--data", case("noisy-xor.csv"), "--loss", "mse", "--optimizer", "sgd",
                 "--lr", "10", "--scale", "none", "--out", "blown")
    assert result.returncode == ExitCode.DIVERGED
    message = _one_error(result)
    assert "training diverged in epoch 1, batch" in message
    assert "The learning rate 10 is too high for SGD. Try 0.01." in message
    summary = json.loads((tmp_path / "blown/summary.json").read_text())
    assert summary["stop_reason"] == "diverged"
    assert summary["diverged"]["quantity"] == "loss"
    model = load_model(tmp_path / "blown/model.npz")
    assert model.checkpoint.model.theta.size > 0
    import numpy as np
    assert np.isfinite(model.checkpoint.model.theta).all()


def test_sigint_stops_and_writes_folder(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "tuitrain", "--batch", "--preset", "spirals", "--epochs", "100000",
         "--out", "stopped"],
        cwd=tmp_path, env=tuitrain_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    for line in process.stdout:
        if line.startswith("Epoch 1/"):
            break
        assert time.monotonic() < deadline
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == ExitCode.INTERRUPTED
    assert "Traceback" not in stderr
    assert "Interrupted: training stopped after the current batch" in stderr
    assert "Done: interrupted" in stdout
    model = load_model(tmp_path / "stopped/model.npz")
    history = json.loads((tmp_path / "stopped/history.json").read_text())
    assert len(history) >= 1
    assert model.checkpoint.trainer_state["epoch"] == len(history)


def test_out_file_exits_2(run, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me\n")
    result = run("--batch", "--out", "notes.txt")
    assert result.returncode == ExitCode.USAGE
    assert "--out notes.txt is a file, not a folder" in _one_error(result)
    assert (tmp_path / "notes.txt").read_text() == "keep me\n"


def test_out_under_file_exits_2(run, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me\n")
    result = run("--batch", "--out", "notes.txt/run")
    assert result.returncode == ExitCode.USAGE
    assert "Run folder notes.txt/run cannot be created" in _one_error(result)


def test_out_keeps_earlier_run(run, tmp_path):
    assert run("--batch", "--epochs", "3", "--out", "demo", "--quiet").returncode == 0
    summary = (tmp_path / "demo" / "summary.json").read_text()

    result = run("--batch", "--epochs", "1", "--out", "demo", "--quiet")
    assert result.returncode == ExitCode.USAGE
    assert "Folder demo already contains a run (config.toml" in _one_error(result)
    assert "--overwrite" in result.stderr
    assert (tmp_path / "demo" / "summary.json").read_text() == summary

    assert run("--batch", "--epochs", "1", "--out", "demo", "--quiet", "--overwrite").returncode == 0
    assert json.loads((tmp_path / "demo" / "summary.json").read_text())["epochs"] == 1
