"""The run config: defaults, TOML round trip and errors that name the key."""

import pytest

from tuitrain.config import LayerConfig, RunConfig, dumps_toml, load_config
from tuitrain.core.errors import ConfigError
from tuitrain.presets import PRESETS, get_preset


def test_defaults_match_keras_example():
    config = RunConfig()
    assert [(layer.units, layer.activation) for layer in config.model.layers] == [(64, "relu"), (64, "relu")]
    assert config.optimizer.name == "adam"
    assert config.optimizer.lr == 0.001
    assert config.training.epochs == 10
    assert config.training.batch_size == 32


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_toml_round_trip(name, tmp_path):
    config = get_preset(name)
    path = tmp_path / "config.toml"
    path.write_text(config.to_toml(), encoding="utf-8")
    assert load_config(path) == config


def test_toml_keeps_float_bits(tmp_path):
    config = RunConfig()
    config.optimizer.lr = 0.1 + 0.2
    config.optimizer.epsilon = 1e-7
    path = tmp_path / "c.toml"
    path.write_text(config.to_toml(), encoding="utf-8")
    loaded = load_config(path)
    assert loaded.optimizer.lr == 0.1 + 0.2
    assert loaded.optimizer.epsilon == 1e-7


def test_toml_empty_layer_list(tmp_path):
    config = RunConfig()
    config.model.layers = []
    path = tmp_path / "c.toml"
    path.write_text(config.to_toml(), encoding="utf-8")
    assert load_config(path).model.layers == []


def test_toml_escapes_strings():
    text = dumps_toml({"name": 'a "quoted" \\ path'})
    assert text == 'name = "a \\"quoted\\" \\\\ path"\n'


def test_get_preset_returns_copy():
    first = get_preset("iris")
    first.model.layers.append(LayerConfig(3, "tanh"))
    assert len(get_preset("iris").model.layers) == 1


def test_unknown_preset_lists_names():
    with pytest.raises(ConfigError) as error:
        get_preset("mnist-huge")
    assert "mnist-huge" in str(error.value)
    assert "reference" in str(error.value)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[optimizer]\nlrr = 0.1\n", "optimizer.lrr"),
        ("[training]\nepochs = 'ten'\n", "training.epochs"),
        ("[training]\nepochs = true\n", "training.epochs"),
        ("[optimizer]\nlr = nan\n", "optimizer.lr"),
        ("[models]\nloss = 'mse'\n", "models"),
        ("optimizer = 3\n", "optimizer"),
        ("[[model.layers]]\nunits = 'many'\n", "model.layers[0].units"),
        ("version = 7\n", "7"),
    ],
)
def test_bad_config_names_key(text, fragment, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert fragment in str(error.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[training]\nepochs = 'ten'\n", "'training.epochs' in bad.toml must be a whole number, but got 'ten'."),
        ("[optimizer]\nlr = 'fast'\n", "'optimizer.lr' in bad.toml must be a finite number, but got 'fast'."),
        ("[optimizer]\nlr = inf\n", "'optimizer.lr' in bad.toml must be a finite number, but got inf."),
        ("[optimizer]\nname = 3\n", "'optimizer.name' in bad.toml must be text in quotes, but got 3."),
        ("[optimizer]\nnesterov = 1\n", "'optimizer.nesterov' in bad.toml must be true or false, but got 1."),
        ("[model]\nlayers = 3\n", "'model.layers' in bad.toml must be a list such as [...], but got 3."),
    ],
)
def test_bad_type_named_in_words(text, expected, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == expected.replace("bad.toml", str(path))


def test_int_accepted_for_float(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[optimizer]\nlr = 1\n", encoding="utf-8")
    assert load_config(path).optimizer.lr == 1.0


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "nope.toml")
    assert "nope.toml" in str(error.value)


def test_invalid_toml_syntax(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[optimizer\nlr = ", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert "TOML" in str(error.value)
