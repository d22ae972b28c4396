"""Helpers shared by the plotext charts of the app and of ``--plot``."""

from __future__ import annotations


def epoch_ticks(first: float, last: float, count: int = 6) -> list[int]:
    """Return up to ``count`` whole epochs from ``first`` to ``last``, evenly spread.

    plotext picks fractional ticks (13.2, 25.5) by itself, which reads oddly for epochs.
    """
    low, high = max(int(first), 0), max(int(round(last)), int(first))
    if high - low + 1 <= count:
        return list(range(low, high + 1))
    step = (high - low) / (count - 1)
    return sorted({low + round(i * step) for i in range(count)})
