"""Compare training speed headless and inside the app on the reference workload.

Run with the project installed: ``python benchmarks/bench_tui.py [epochs]``. It trains the
reference workload (RunConfig defaults) for ``epochs`` epochs (30 unless given) three
ways and prints steps per second:

- headless: ``Trainer.run()`` with no listener;
- headless with a listener: the trainer also computes layer statistics each epoch, which it
  does only when something listens;
- app: the same run in the app's thread worker under ``App.run_test``, charts redrawing.

The ratio app / headless is the app's overhead; the target is 0.9 or more. Numbers vary
with the machine and its load, so each measurement is the best of ``REPEATS`` runs.
"""

from __future__ import annotations

import asyncio
import sys
import time

from tuitrain.config import RunConfig
from tuitrain.experiment import build_experiment

REPEATS = 3


def reference(epochs: int) -> RunConfig:
    config = RunConfig()
    config.training.epochs = epochs
    return config


def headless(epochs: int, listener: bool) -> float:
    listeners = (lambda record: None,) if listener else ()
    trainer = build_experiment(reference(epochs), listeners=listeners).trainer
    started = time.perf_counter()
    trainer.run()
    return trainer.step_count / (time.perf_counter() - started)


async def in_app(epochs: int) -> float:
    from tuitrain.tui.app import create_app

    app = create_app(reference(epochs))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = app.main
        trainer = screen.experiment.trainer
        started = time.perf_counter()
        screen.action_toggle_training()
        await asyncio.wait_for(app.workers.wait_for_complete(), 300)
        elapsed = time.perf_counter() - started
        return trainer.step_count / elapsed


def main() -> None:
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    bare = max(headless(epochs, listener=False) for _ in range(REPEATS))
    listened = max(headless(epochs, listener=True) for _ in range(REPEATS))
    app = max(asyncio.run(in_app(epochs)) for _ in range(REPEATS))
    print(f"reference workload, {epochs} epochs, best of {REPEATS}")
    print(f"headless                 {bare:10.0f} steps/s")
    print(f"headless with listener   {listened:10.0f} steps/s")
    print(f"app (thread worker)      {app:10.0f} steps/s")
    print(f"ratio app / headless                {app / bare:.2f}")
    print(f"ratio app / headless with listener  {app / listened:.2f}")


if __name__ == "__main__":
    main()
