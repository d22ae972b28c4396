import math

import pytest

from tuitrain.tui.series import DownsampledSeries


def test_series_keeps_points_below_capacity():
    series = DownsampledSeries(capacity=8)
    for i in range(5):
        series.append(i, i * 10)
    assert series.xs == [0, 1, 2, 3, 4]
    assert series.stride == 1


def test_series_memory_flat_over_long_run():
    series = DownsampledSeries(capacity=64)
    for epoch in range(1, 100_001):
        series.append(epoch, 1.0 / epoch)
    assert 32 <= len(series) < 64
    assert series.xs == sorted(series.xs)
    assert series.xs[-1] > 90_000


def test_series_halving_averages_pairs():
    series = DownsampledSeries(capacity=4)
    for value in (1.0, 3.0, 5.0, 7.0):
        series.append(value, value)
    assert series.ys == [2.0, 6.0]
    assert series.stride == 2


def test_series_finite_filters_nan_and_inf():
    series = DownsampledSeries()
    for x, y in ((1, 0.5), (2, math.nan), (3, math.inf), (4, 0.25)):
        series.append(x, y)
    assert series.finite() == ([1, 4], [0.5, 0.25])


def test_series_rejects_odd_capacity():
    with pytest.raises(ValueError):
        DownsampledSeries(capacity=7)
