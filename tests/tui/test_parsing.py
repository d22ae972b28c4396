import pytest

from tuitrain.tui import parsing


@pytest.mark.parametrize("text, value", [("1e-4", 1e-4), ("0.01", 0.01), (" 3 ", 3.0)])
def test_positive_accepts(text, value):
    assert parsing.positive(text) == value


@pytest.mark.parametrize("text", ["0", "-0.1", "nan", "inf", "abc", ""])
def test_positive_rejects(text):
    with pytest.raises(ValueError):
        parsing.positive(text)


def test_positive_rejection_gives_reason():
    with pytest.raises(ValueError, match="greater than 0"):
        parsing.positive("-1")


def test_fraction_rejects_one():
    with pytest.raises(ValueError):
        parsing.fraction("1")


def test_noise_empty_is_default():
    assert parsing.noise("") == -1.0
