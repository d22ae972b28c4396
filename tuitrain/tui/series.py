"""Bounded chart history: a long run keeps a flat memory by halving its resolution."""

from __future__ import annotations

import math


class DownsampledSeries:
    """Points (x, y) of which at most ``capacity`` are kept.

    When the series is full, neighbouring pairs are averaged into one point and every later
    point becomes the mean of twice as many raw points as before. A run of 1e5 epochs thus
    keeps between ``capacity / 2`` and ``capacity`` points. Non-finite values are kept as
    they are, so a chart can show where a run went wrong; ``finite()`` filters them.
    """

    def __init__(self, capacity: int = 1024) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be an even number >= 2, got {capacity}")
        self.capacity = capacity
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.stride = 1
        """Raw points averaged into each stored point."""
        self._pending_x = 0.0
        self._pending_y = 0.0
        self._pending = 0

    def __len__(self) -> int:
        return len(self.xs)

    def append(self, x: float, y: float) -> None:
        """Add one raw point."""
        self._pending_x += x
        self._pending_y += y
        self._pending += 1
        if self._pending < self.stride:
            return
        self.xs.append(self._pending_x / self._pending)
        self.ys.append(self._pending_y / self._pending)
        self._pending_x = self._pending_y = 0.0
        self._pending = 0
        if len(self.xs) >= self.capacity:
            self._halve()

    def _halve(self) -> None:
        self.xs = [(a + b) / 2 for a, b in zip(self.xs[::2], self.xs[1::2])]
        self.ys = [(a + b) / 2 for a, b in zip(self.ys[::2], self.ys[1::2])]
        self.stride *= 2

    def finite(self) -> tuple[list[float], list[float]]:
        """Return the stored points whose x and y are both finite."""
        pairs = [(x, y) for x, y in zip(self.xs, self.ys) if math.isfinite(x) and math.isfinite(y)]
        return [x for x, _ in pairs], [y for _, y in pairs]

    def clear(self) -> None:
        """Forget every point and return to full resolution."""
        self.__init__(self.capacity)
