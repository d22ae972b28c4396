"""Compare training speed headless and inside the app on the reference workload.

Run with the project installed: ``python benchmarks/bench_tui.py [epochs]``. It trains the
reference workload (RunConfig defaults) for ``epochs`` epochs (1000 unless given) and
prints steps per second three ways:

- headless: ``Trainer.run()`` in this process, with no listener;
- headless with a listener: the same with a listener attached, so the trainer also sends
  its records and its layer statistics (at most every 0.25 s, as in the app);
- app: the same run started with the space key under ``App.run_test``, trained in the
  app's child process while the app redraws its charts at 4 Hz.

Speeds are measured between the end of epoch ``WARMUP`` and the end of the run, so the
start of the child process (printed on its own) does not count. The ratio app / headless
is the app's overhead; the target is 0.9 or more. Numbers vary with the machine and its
load, so each measurement is the best of ``REPEATS`` runs.
"""

from __future__ import annotations

import asyncio
import sys
import time

from tuitrain.config import RunConfig
from tuitrain.core.records import EpochEnded
from tuitrain.experiment import build_experiment

REPEATS = 3
WARMUP = 5
"""Epochs left out of each measurement."""


def reference(epochs: int) -> RunConfig:
    config = RunConfig()
    config.training.epochs = epochs
    return config


class EpochClock:
    """Listener that notes when each epoch ends and how many steps were done by then."""

    def __init__(self, trainer) -> None:
        self.trainer = trainer
        self.marks: list[tuple[float, int]] = []

    def __call__(self, record: object) -> None:
        if isinstance(record, EpochEnded):
            self.marks.append((time.perf_counter(), self.trainer.step_count))

    def steps_per_second(self) -> float:
        (start, first), (end, last) = self.marks[WARMUP - 1], self.marks[-1]
        return (last - first) / (end - start)


def headless(epochs: int, listener: bool) -> float:
    experiment = build_experiment(reference(epochs), stats_interval=0.25 if listener else None)
    trainer = experiment.trainer
    clock = EpochClock(trainer)
    if listener:
        trainer.add_listener(clock)
        trainer.run()
        return clock.steps_per_second()
    started = time.perf_counter()
    trainer.run()
    return trainer.step_count / (time.perf_counter() - started)


async def in_app(epochs: int) -> tuple[float, float]:
    """Return the app's training speed and the seconds from the key press to the first epoch."""
    from tuitrain.tui.app import create_app

    app = create_app(reference(epochs))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = app.main
        clock = EpochClock(screen.experiment.trainer)
        screen.experiment.trainer.add_listener(clock)
        pressed = time.perf_counter()
        await pilot.press("space")
        await asyncio.wait_for(app.workers.wait_for_complete(), 300)
        return clock.steps_per_second(), clock.marks[0][0] - pressed


def main() -> None:
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    bare = max(headless(epochs, listener=False) for _ in range(REPEATS))
    listened = max(headless(epochs, listener=True) for _ in range(REPEATS))
    runs = [asyncio.run(in_app(epochs)) for _ in range(REPEATS)]
    app = max(speed for speed, _ in runs)
    start = min(seconds for _, seconds in runs)
    print(f"reference workload, {epochs} epochs, best of {REPEATS}")
    print(f"headless                 {bare:10.0f} steps/s")
    print(f"headless with listener   {listened:10.0f} steps/s")
    print(f"app (training process)   {app:10.0f} steps/s")
    print(f"app: first epoch done {start:.2f} s after the key press (process start included)")
    print(f"ratio app / headless                {app / bare:.2f}   target >= 0.90")
    print(f"ratio app / headless with listener  {app / listened:.2f}")


if __name__ == "__main__":
    main()
