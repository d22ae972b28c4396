"""``tuitrain predict`` and ``tuitrain evaluate`` on a saved model."""

from __future__ import annotations

import json

import pytest

from tuitrain.cli import ExitCode


@pytest.fixture
def iris_model(run):
    result = run("--batch", "--data", "iris",
                 "--epochs", "30", "--lr", "0.01", "--scale", "standard", "--val-split", "0.2",
                 "--out", "iris_run", "--quiet")
    assert result.returncode == 0, result.stderr
    return "iris_run/model.npz"


def test_predict_prints_original_labels(run, iris_model, case):
    result = run("predict", iris_model, case("string-labels-iris.csv"))
    assert result.returncode == ExitCode.OK, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 150
    assert set(lines) <= {"setosa", "versicolor", "virginica"}


def test_predict_json_probabilities(run, iris_model, case):
    result = run("predict", iris_model, case("string-labels-iris.csv"), "--json")
    assert result.returncode == ExitCode.OK, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["sample"] == 0
    assert set(rows[0]["probabilities"]) == {"setosa", "versicolor", "virginica"}
    assert abs(sum(rows[0]["probabilities"].values()) - 1) < 1e-5
    assert rows[0]["prediction"] == max(rows[0]["probabilities"], key=rows[0]["probabilities"].get)


def test_predict_features_only_file(run, iris_model, tmp_path):
    (tmp_path / "new.csv").write_text("sepal_len,sepal_wid,petal_len,petal_wid\n5.1,3.5,1.4,0.2\n"
                                      "6.7,3.0,5.2,2.3\n")
    result = run("predict", iris_model, "new.csv")
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.splitlines() == ["setosa", "virginica"]


def test_evaluate_prints_loss_and_accuracy(run, iris_model, case):
    result = run("evaluate", iris_model, case("string-labels-iris.csv"))
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.startswith("150 samples - accuracy: ")
    scores = json.loads(run("evaluate", iris_model, case("string-labels-iris.csv"), "--json").stdout)
    assert scores["samples"] == 150
    assert scores["accuracy"] > 0.8
    assert scores["loss"] > 0


def test_evaluate_binary_model(run, tmp_path):
    assert run("--batch", "--epochs", "3", "--out", "ref", "--quiet").returncode == 0
    result = run("evaluate", "ref/model.npz", "reference", "--json")
    assert result.returncode == ExitCode.OK, result.stderr
    scores = json.loads(result.stdout)
    assert scores["samples"] == 1000
    assert 0 <= scores["accuracy"] <= 1


def test_evaluate_unknown_labels_exits_3(run, iris_model, tmp_path):
    (tmp_path / "odd.csv").write_text("a,b,c,d,species\n5.1,3.5,1.4,0.2,rose\n6.7,3.0,5.2,2.3,setosa\n")
    result = run("evaluate", iris_model, "odd.csv")
    assert result.returncode == ExitCode.DATA
    assert "rose" in result.stderr


def test_predict_wrong_feature_count_exits_3(run, iris_model, case):
    result = run("predict", iris_model, case("noisy-xor.csv"))
    assert result.returncode == ExitCode.DATA
    assert "Model file iris_run/model.npz was trained on 4 features, but the data has 2." in result.stderr


def test_resume_wrong_feature_count_exits_3(run, iris_model, case):
    # The saved scaler is checked first, so its message speaks for the model here.
    result = run("--batch", "--resume", iris_model, "--data", case("noisy-xor.csv"), "--epochs", "40")
    assert result.returncode == ExitCode.DATA
    assert "fitted on 4 feature(s), but the data has 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_resume_unscaled_wrong_feature_count_exits_3(run, case):
    assert run("--batch", "--epochs", "2", "--scale", "none", "--out", "ref", "--quiet").returncode == 0
    result = run("--batch", "--resume", "ref/model.npz", "--data", case("noisy-xor.csv"), "--epochs", "4")
    assert result.returncode == ExitCode.DATA
    assert "Model file ref/model.npz was trained on 20 features, but the data has 2." in result.stderr


def test_predict_missing_model_exits_2(run, case):
    result = run("predict", "none.npz", case("noisy-xor.csv"))
    assert result.returncode == ExitCode.USAGE
    assert "none.npz not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_evaluate_without_labels_says_so(run, iris_model, tmp_path):
    data = tmp_path / "features.csv"
    data.write_text("5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n", encoding="utf-8")
    result = run("evaluate", iris_model, str(data))
    assert result.returncode == 3
    assert "no label column" in result.stderr
    assert "tuitrain predict" in result.stderr
