"""Helpers shared by the plotext charts of the app and of ``--plot``."""

from __future__ import annotations


def epoch_ticks(first: float, last: float, count: int = 6) -> list[int]:
    """Return at most ``count`` whole epochs from ``first`` to ``last``, a round step apart.

    plotext picks fractional ticks (13.2, 25.5) by itself, which reads oddly for epochs, and
    evenly spread whole numbers (1 3 5 6 8 10) read oddly too. The step is the smallest of
    1, 2, 5, 10, 20, 50... that gives at most ``count`` ticks, and the ticks are its multiples.
    """
    low, high = max(int(first), 0), max(int(round(last)), int(first))
    if high - low + 1 <= count:
        return list(range(low, high + 1))
    step = 1
    while True:
        for factor in (1, 2, 5):
            ticks = list(range(-(-low // (step * factor)) * step * factor, high + 1, step * factor))
            if len(ticks) <= count:
                return ticks
        step *= 10
