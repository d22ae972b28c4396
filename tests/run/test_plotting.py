"""Epoch ticks of the loss charts: whole epochs, a round step apart."""

import pytest

from tuitrain.plotting import epoch_ticks


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (1, 10, [2, 4, 6, 8, 10]),
        (1, 6, [1, 2, 3, 4, 5, 6]),
        (1, 100, [20, 40, 60, 80, 100]),
        (5, 23, [5, 10, 15, 20]),
        (0, 1000, [0, 200, 400, 600, 800, 1000]),
        (3, 3, [3]),
        (1, 12.6, [2, 4, 6, 8, 10, 12]),
    ],
)
def test_epoch_ticks_round_steps(first, last, expected):
    assert epoch_ticks(first, last) == expected


def test_epoch_ticks_at_most_count():
    for last in range(1, 500):
        ticks = epoch_ticks(1, last)
        assert 1 <= len(ticks) <= 6
        assert ticks == sorted(set(ticks))
        assert ticks[0] >= 1
        assert ticks[-1] <= last
