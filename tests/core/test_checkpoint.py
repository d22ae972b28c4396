"""Model files: round trips, bit-exact resumes, damaged files and atomic writes."""

import json
import os
import zipfile

import numpy as np
import pytest

from tuitrain.core import Checkpoint, ModelFileError, Trainer, load_checkpoint, messages, save_checkpoint
from tuitrain.core.atomic import atomic_open, write_bytes
from tuitrain.core.checkpoint import FORMAT_VERSION

from core_helpers import binary_trainer


def saved_model(tmp_path, epochs=1):
    trainer = binary_trainer(0, epochs=epochs)
    trainer.run()
    path = tmp_path / "model.npz"
    save_checkpoint(path, Checkpoint(trainer.model, trainer.optimizer, trainer.loss, trainer.state()))
    return path, trainer


def without_seconds(history):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history]


def test_roundtrip_predicts_identically(tmp_path):
    path, trainer = saved_model(tmp_path)
    loaded = load_checkpoint(path)
    X = np.random.default_rng(1).random((50, 5))
    assert loaded.model.predict(X).tobytes() == trainer.model.predict(X).tobytes()
    assert loaded.model.config() == trainer.model.config()
    assert loaded.loss.name == "binary_crossentropy"


def test_roundtrip_optimizer_state(tmp_path):
    path, trainer = saved_model(tmp_path)
    loaded = load_checkpoint(path)
    assert loaded.optimizer.config() == trainer.optimizer.config()
    assert loaded.optimizer.iterations == trainer.optimizer.iterations
    for name in trainer.optimizer.state_names:
        assert loaded.optimizer.state[name].tobytes() == trainer.optimizer.state[name].tobytes()


def test_format_1_adam_moments_load(tmp_path):
    """Format 1 stored Keras's m and v. Loading turns them into the sums M and V."""
    path, trainer = saved_model(tmp_path)
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    m, v = trainer.optimizer.moments()
    del arrays["optimizer.m_sum"], arrays["optimizer.v_sum"]
    arrays["optimizer.m"], arrays["optimizer.v"] = m, v
    meta = json.loads(str(arrays["meta"]))
    meta["format_version"] = 1
    arrays["meta"] = np.array(json.dumps(meta))
    with open(path, "wb") as f:
        np.savez(f, **arrays)

    loaded = load_checkpoint(path).optimizer
    for name in loaded.state_names:
        np.testing.assert_allclose(loaded.state[name], trainer.optimizer.state[name], rtol=1e-6)


def test_roundtrip_metadata_arrays(tmp_path):
    trainer = binary_trainer(0, epochs=1)
    path = tmp_path / "model.npz"
    mean = np.array([0.5, 1.5])
    save_checkpoint(
        path, Checkpoint(trainer.model, trainer.optimizer, trainer.loss, None, {"task": "xor"}, {"mean": mean})
    )
    loaded = load_checkpoint(path)
    assert loaded.metadata == {"task": "xor"}
    np.testing.assert_array_equal(loaded.arrays["mean"], mean)
    assert loaded.trainer_state is None


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_resume_matches_uninterrupted(tmp_path, dtype):
    whole = binary_trainer(3, epochs=6, dtype=dtype)
    whole.set_batch_size(16)
    whole.run()

    first = binary_trainer(3, epochs=3, dtype=dtype)
    first.set_batch_size(16)
    first.run()
    path = tmp_path / "model.npz"
    save_checkpoint(path, Checkpoint(first.model, first.optimizer, first.loss, first.state()))

    loaded = load_checkpoint(path)
    # A different generator and batch size: load_state must restore both.
    resumed = Trainer(
        loaded.model, loaded.optimizer, loaded.loss, whole.X_train, whole.y_train,
        rng=np.random.default_rng(12345), epochs=6, batch_size=32,
    )
    resumed.load_state(loaded.trainer_state)
    assert resumed.batch_size == 16
    assert resumed.run() == "completed"

    assert without_seconds(resumed.history) == without_seconds(whole.history)
    assert resumed.model.theta.tobytes() == whole.model.theta.tobytes()
    assert resumed.step_count == whole.step_count
    assert resumed.optimizer.iterations == whole.optimizer.iterations


def assert_model_file_error(path, template):
    with pytest.raises(ModelFileError) as caught:
        load_checkpoint(path)
    assert caught.value.template == template
    assert str(path) in str(caught.value)
    return caught.value


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_file_corrupt(tmp_path, keep):
    path, _ = saved_model(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert_model_file_error(path, messages.MODEL_FILE_CORRUPT)


def test_damaged_bytes_corrupt(tmp_path):
    path, _ = saved_model(tmp_path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = np.random.default_rng(0).bytes(64)
    path.write_bytes(bytes(data))
    assert_model_file_error(path, messages.MODEL_FILE_CORRUPT)


def test_random_bytes_foreign(tmp_path):
    path = tmp_path / "noise.npz"
    path.write_bytes(np.random.default_rng(0).bytes(4096))
    assert_model_file_error(path, messages.MODEL_FILE_FOREIGN)


def test_empty_file_foreign(tmp_path):
    path = tmp_path / "empty.npz"
    path.write_bytes(b"")
    assert_model_file_error(path, messages.MODEL_FILE_FOREIGN)


def test_zip_without_meta_foreign(tmp_path):
    path = tmp_path / "other.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert_model_file_error(path, messages.MODEL_FILE_FOREIGN)


def test_plain_numpy_npz_foreign(tmp_path):
    path = tmp_path / "plain.npz"
    np.savez(path, x=np.arange(3), theta=np.zeros(4))
    assert_model_file_error(path, messages.MODEL_FILE_FOREIGN)


def test_plain_numpy_npy_foreign(tmp_path):
    path = tmp_path / "plain.npy"
    np.save(path, np.arange(3))
    assert_model_file_error(path, messages.MODEL_FILE_FOREIGN)


def test_missing_path(tmp_path):
    assert_model_file_error(tmp_path / "absent.npz", messages.MODEL_FILE_MISSING)


def rewrite_meta(path, change):
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    meta = json.loads(str(arrays["meta"]))
    change(meta)
    arrays["meta"] = np.array(json.dumps(meta))
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def test_newer_version_rejected(tmp_path):
    path, _ = saved_model(tmp_path)
    rewrite_meta(path, lambda meta: meta.update(format_version=FORMAT_VERSION + 1))
    error = assert_model_file_error(path, messages.MODEL_FILE_VERSION)
    assert error.params["version"] == FORMAT_VERSION + 1
    assert error.params["supported"] == FORMAT_VERSION


def test_bad_version_field_corrupt(tmp_path):
    path, _ = saved_model(tmp_path)
    rewrite_meta(path, lambda meta: meta.update(format_version="two"))
    assert_model_file_error(path, messages.MODEL_FILE_CORRUPT)


def test_bad_layer_spec_corrupt(tmp_path):
    path, _ = saved_model(tmp_path)
    rewrite_meta(path, lambda meta: meta["model"]["layers"][0].update(units=-4))
    assert_model_file_error(path, messages.MODEL_FILE_CORRUPT)


def test_wrong_theta_size_corrupt(tmp_path):
    path, _ = saved_model(tmp_path)
    rewrite_meta(path, lambda meta: meta["model"]["layers"][0].update(units=9))
    assert_model_file_error(path, messages.MODEL_FILE_CORRUPT)


def test_atomic_open_keeps_old(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"old content")
    with pytest.raises(RuntimeError):
        with atomic_open(path, "wb") as f:
            f.write(b"half of the new")
            raise RuntimeError("disk full")
    assert path.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["data.bin"]


def test_atomic_write_replaces(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"old content")
    write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["data.bin"]


def test_failed_save_keeps_old_model(tmp_path, monkeypatch):
    path, trainer = saved_model(tmp_path)
    before = path.read_bytes()

    def failing_savez(file, **arrays):
        file.write(b"PK partial")
        raise OSError("no space left on device")

    monkeypatch.setattr(np, "savez", failing_savez)
    with pytest.raises(OSError):
        save_checkpoint(path, Checkpoint(trainer.model, trainer.optimizer, trainer.loss))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.npz"]
