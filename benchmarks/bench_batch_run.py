"""Time the whole reference run of ``tuitrain --batch`` against the same workload in PyTorch.

Run from the repository root, with tuitrain installed::

    python benchmarks/bench_batch_run.py [--rounds R] [--python PATH]

Each contender is a fresh process, timed from start to exit, so interpreter start-up and
imports count as a user waits for them: ``python -m tuitrain --batch --quiet`` (which also
writes its run folder) and a PyTorch script that trains the same network (1000 x 20
inputs, Dense 64 relu -> 64 relu -> 1 sigmoid, Adam, binary cross-entropy, 10 epochs,
batch 32, one thread). ``--python`` names an interpreter that has torch installed, when
it is not the one running this script. Rounds interleave the contenders and the medians
are compared. The script reports and always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TORCH_SCRIPT = r"""
import time
import numpy as np
import torch

torch.set_num_threads(1)
started = time.perf_counter()
rng = np.random.default_rng(0)
x = rng.random((1000, 20)).astype(np.float32)
y = (x.sum(axis=1) > 10).astype(np.float32)[:, None]
X, Y = torch.from_numpy(x), torch.from_numpy(y)
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(20, 64), torch.nn.ReLU(),
    torch.nn.Linear(64, 64), torch.nn.ReLU(),
    torch.nn.Linear(64, 1),
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
loss_fn = torch.nn.BCEWithLogitsLoss()
for epoch in range(10):
    order = torch.randperm(1000)
    total = 0.0
    for start in range(0, 1000, 32):
        index = order[start:start + 32]
        optimizer.zero_grad()
        loss = loss_fn(model(X[index]), Y[index])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(index)
print(f"loss {total / 1000:.4f} train_seconds {time.perf_counter() - started:.3f}")
"""


def _time(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed with exit code {result.returncode}: {result.stderr[-500:]}")
    return elapsed, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _has_torch(python: str) -> bool:
    probe = subprocess.run([python, "-c", "import torch"], capture_output=True, check=False)
    return probe.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter with torch installed (default: this one)"
    )
    args = parser.parse_args()

    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    torch_python = args.python if _has_torch(args.python) else None
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, 1 BLAS thread per process")
    if torch_python is None:
        print("PyTorch is not importable: timing tuitrain alone (pass --python PATH to compare)")

    tuitrain_times, torch_times = [], []
    last_tuitrain = last_torch = ""
    with tempfile.TemporaryDirectory() as folder:
        for round_index in range(args.rounds):
            out = os.path.join(folder, f"run{round_index}")
            command = [sys.executable, "-m", "tuitrain", "--batch", "--quiet", "--out", out]
            seconds, last_tuitrain = _time(command, env)
            tuitrain_times.append(seconds)
            if torch_python:
                seconds, last_torch = _time([torch_python, "-c", TORCH_SCRIPT], env)
                torch_times.append(seconds)

    tuitrain_median = statistics.median(tuitrain_times)
    print(f"tuitrain --batch, whole process: median {tuitrain_median:.3f} s over {args.rounds} runs")
    print(f"  last: {last_tuitrain}")
    if torch_times:
        torch_median = statistics.median(torch_times)
        print(f"PyTorch script, whole process:   median {torch_median:.3f} s over {args.rounds} runs")
        print(f"  last: {last_torch}")
        print(f"ratio PyTorch / tuitrain wall time: {torch_median / tuitrain_median:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
