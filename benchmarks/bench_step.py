"""Time tuitrain's training step against a plain NumPy loop, PyTorch and bare matmuls.

Run from the repository root::

    python benchmarks/bench_step.py [--threads N] [--rounds R]

Two workloads:

* reference: 1000 x 20 inputs, Dense 64 relu -> 64 relu -> 1 sigmoid, Adam, binary
  cross-entropy, batch 32, float32. Contenders: the tuitrain ``Trainer``, the bare
  tuitrain loop (``train_batch`` + ``optimizer.step``), a straightforward NumPy
  implementation written below, and PyTorch on the CPU when it is importable.
* wide: 784-256-256-10, softmax + categorical cross-entropy with integer labels, batch
  256, float32. Contenders: the bare tuitrain step and the 8 matrix products of its
  forward and backward passes alone, on the same shapes.

Contenders run in interleaved rounds, in a new order each round, and each reports the
median of its rounds, so that machine noise hits all of them alike. Every target prints PASS or
FAIL, but the exit status is 0 either way: timings depend on the machine, so they are
reported here and never asserted by the tests.
"""

from __future__ import annotations

import argparse
import os
import sys


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--threads", type=int, default=1,
        help="BLAS, OpenMP and PyTorch threads (default 1, so that every contender gets one core)",
    )
    parser.add_argument(
        "--rounds", type=int, default=15, help="interleaved timing rounds per workload (default 15)"
    )
    return parser.parse_args()


# The thread counts must be in the environment before NumPy (and OpenBLAS) load.
ARGS = _parse_args() if __name__ == "__main__" else argparse.Namespace(threads=1, rounds=15)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
for _name in THREAD_VARIABLES:
    os.environ[_name] = str(ARGS.threads)

import platform  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tuitrain.core import Dense, Sequential, Trainer, get_loss, get_optimizer  # noqa: E402

try:
    import torch
except ImportError:
    torch = None

REFERENCE_EPOCHS = 5
"""Epochs per timing round of the reference workload (32 batches each)."""

WIDE_STEPS = 8
"""Training steps per timing round of the wide workload."""

TARGET_VS_TORCH = 8.0
TARGET_VS_STRAIGHTFORWARD = 2.5
TARGET_MATMUL_SHARE = 0.75


# Data -----------------------------------------------------------------------------------


def reference_data(seed: int = 0):
    """Return the reference problem: x uniform in [0, 1)^20, y = 1 where sum(x) > 10."""
    rng = np.random.default_rng(seed)
    x = rng.random((1000, 20))
    y = (x.sum(axis=1) > 10).astype(int)
    return rng, x, y


def reference_model(rng: np.random.Generator) -> Sequential:
    layers = [Dense(64, "relu"), Dense(64, "relu"), Dense(1, "sigmoid")]
    return Sequential(layers, 20, rng, "float32")


# Contenders: reference workload --------------------------------------------------------


def time_trainer() -> tuple[float, int, float]:
    """Run ``Trainer.run()`` and return seconds, steps and the final epoch loss."""
    rng, x, y = reference_data()
    model = reference_model(rng)
    trainer = Trainer(
        model, get_optimizer("adam"), get_loss("binary_crossentropy"), x, y,
        rng=rng, epochs=REFERENCE_EPOCHS, batch_size=32,
    )
    started = time.perf_counter()
    trainer.run()
    seconds = time.perf_counter() - started
    return seconds, trainer.step_count, trainer.history[-1]["loss"]


def time_bare_loop() -> tuple[float, int, float]:
    """Run the model's training pass and the optimizer step over shuffled batches, nothing else.

    ``train_batch`` is the forward and backward pass that the Trainer runs. As in the
    Trainer, the column of ones is appended and the targets are converted once, up front.
    """
    rng, x, y = reference_data()
    model = reference_model(rng)
    loss = get_loss("binary_crossentropy")
    optimizer = get_optimizer("adam")
    optimizer.build(model.n_params, model.dtype)
    X1 = np.ones((len(x), x.shape[1] + 1), np.float32)
    X1[:, :-1] = x
    targets = model.targets_for(loss, y.astype(np.float32)[:, None])
    theta, grad = model.theta, model.grad
    steps = 0
    started = time.perf_counter()
    for _ in range(REFERENCE_EPOCHS):
        order = rng.permutation(len(X1))
        X1s, Ts = X1[order], targets[order]
        for start in range(0, len(X1), 32):
            J = model.train_batch(X1s[start : start + 32], Ts[start : start + 32], loss, rng)
            optimizer.step(theta, grad)
            steps += 1
    return time.perf_counter() - started, steps, J


def glorot_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def time_straightforward() -> tuple[float, int, float]:
    """Train the reference network the way a tutorial writes it, in float32.

    Per batch: fancy indexing, a fresh array from every operation, sigmoid and clipped
    binary cross-entropy written out, and Adam applied to each W and b separately.
    """
    rng, x, y = reference_data()
    X = x.astype(np.float32)
    Y = y.astype(np.float32)[:, None]
    sizes = [20, 64, 64, 1]
    params = {}
    for i, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        params[f"W{i}"] = glorot_uniform(rng, fan_in, fan_out)
        params[f"b{i}"] = np.zeros(fan_out, np.float32)
    m = {name: np.zeros_like(p) for name, p in params.items()}
    v = {name: np.zeros_like(p) for name, p in params.items()}
    lr, beta1, beta2, eps = 0.001, 0.9, 0.999, 1e-7
    t = 0
    started = time.perf_counter()
    for _ in range(REFERENCE_EPOCHS):
        order = rng.permutation(len(X))
        for start in range(0, len(X), 32):
            batch = order[start : start + 32]
            xb, yb = X[batch], Y[batch]

            z1 = xb @ params["W1"] + params["b1"]
            a1 = np.maximum(z1, 0)
            z2 = a1 @ params["W2"] + params["b2"]
            a2 = np.maximum(z2, 0)
            z3 = a2 @ params["W3"] + params["b3"]
            p = 1 / (1 + np.exp(-z3))
            p_clipped = np.clip(p, 1e-7, 1 - 1e-7)
            J = -np.mean(yb * np.log(p_clipped) + (1 - yb) * np.log(1 - p_clipped))

            dz3 = (p - yb) / len(xb)
            grads = {"W3": a2.T @ dz3, "b3": dz3.sum(axis=0)}
            dz2 = (dz3 @ params["W3"].T) * (z2 > 0)
            grads["W2"], grads["b2"] = a1.T @ dz2, dz2.sum(axis=0)
            dz1 = (dz2 @ params["W2"].T) * (z1 > 0)
            grads["W1"], grads["b1"] = xb.T @ dz1, dz1.sum(axis=0)

            t += 1
            for name, g in grads.items():
                m[name] = beta1 * m[name] + (1 - beta1) * g
                v[name] = beta2 * v[name] + (1 - beta2) * g * g
                m_hat = m[name] / (1 - beta1**t)
                v_hat = v[name] / (1 - beta2**t)
                params[name] -= lr * m_hat / (np.sqrt(v_hat) + eps)
            J = float(J)
    return time.perf_counter() - started, t, J


def time_torch() -> tuple[float, int, float]:
    """Train the reference network with PyTorch on the CPU, batches by index, one thread."""
    rng, x, y = reference_data()
    torch.manual_seed(0)
    X = torch.from_numpy(x.astype(np.float32))
    Y = torch.from_numpy(y.astype(np.float32)[:, None])
    model = torch.nn.Sequential(
        torch.nn.Linear(20, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 1),
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    steps = 0
    started = time.perf_counter()
    for _ in range(REFERENCE_EPOCHS):
        order = torch.randperm(len(X))
        for start in range(0, len(X), 32):
            batch = order[start : start + 32]
            optimizer.zero_grad()
            loss = loss_fn(model(X[batch]), Y[batch])
            loss.backward()
            optimizer.step()
            J = loss.item()
            steps += 1
    return time.perf_counter() - started, steps, J


# Contenders: wide workload -------------------------------------------------------------


class WideWorkload:
    """The 784-256-256-10 network at batch 256, with arrays shared by both contenders."""

    def __init__(self) -> None:
        rng = np.random.default_rng(1)
        self.rng = rng
        layers = [Dense(256, "relu"), Dense(256, "relu"), Dense(10, "softmax")]
        self.model = Sequential(layers, 784, rng, "float32")
        self.loss = get_loss("categorical_crossentropy")
        self.optimizer = get_optimizer("adam")
        self.optimizer.build(self.model.n_params, self.model.dtype)
        n = 256 * WIDE_STEPS
        self.X1 = np.ones((n, 785), np.float32)
        self.X1[:, :-1] = rng.random((n, 784), dtype=np.float32)
        self.X = self.X1[:, :-1]
        self.targets = self.model.targets_for(self.loss, rng.integers(0, 10, n))

        # Work arrays for the matmul-only contender, shaped as in the real step.
        W1, W2, W3 = (layer.W for layer in self.model.layers)
        self.weights = (W1, W2, W3)
        self.a1 = np.empty((256, 256), np.float32)
        self.a2 = np.empty((256, 256), np.float32)
        self.z3 = np.empty((256, 10), np.float32)
        self.dz2 = np.empty((256, 256), np.float32)
        self.dz1 = np.empty((256, 256), np.float32)
        self.dW = tuple(np.empty_like(W) for W in self.weights)

    def time_step(self) -> tuple[float, int, float]:
        model, loss, optimizer = self.model, self.loss, self.optimizer
        started = time.perf_counter()
        for step in range(WIDE_STEPS):
            batch = slice(step * 256, (step + 1) * 256)
            J = model.train_batch(self.X1[batch], self.targets[batch], loss, self.rng)
            optimizer.step(model.theta, model.grad)
        return time.perf_counter() - started, WIDE_STEPS, J

    def time_matmuls(self) -> tuple[float, int, float]:
        """Run only the matrix products a step needs: 3 forward, 3 for dW, 2 for da.

        The first layer's input gradient is not needed, so a step has 8 products, not 9.
        """
        W1, W2, W3 = self.weights
        dW1, dW2, dW3 = self.dW
        a1, a2, z3, dz2, dz1 = self.a1, self.a2, self.z3, self.dz2, self.dz1
        matmul = np.matmul
        started = time.perf_counter()
        for step in range(WIDE_STEPS):
            Xb = self.X[step * 256 : (step + 1) * 256]

            matmul(Xb, W1, out=a1)
            matmul(a1, W2, out=a2)
            matmul(a2, W3, out=z3)

            matmul(a2.T, z3, out=dW3)
            matmul(z3, W3.T, out=dz2)
            matmul(a1.T, dz2, out=dW2)
            matmul(dz2, W2.T, out=dz1)
            matmul(Xb.T, dz1, out=dW1)
        return time.perf_counter() - started, WIDE_STEPS, 0.0


# Timing and report ---------------------------------------------------------------------


def interleave(contenders: dict[str, Callable[[], tuple[float, int, float]]], rounds: int):
    """Run every contender once per round and return each one's median s/step.

    One warm-up round runs first and is discarded (buffer allocation, BLAS start-up). Each
    round runs the contenders in a new order, drawn from a fixed seed: whichever NumPy
    contender ran right after PyTorch measured about 1.6 us per step slower, so a fixed
    order would charge that to the same contender every round.
    """
    per_step: dict[str, list[float]] = {name: [] for name in contenders}
    last_loss: dict[str, float] = {}
    order = random.Random(0)
    names = list(contenders)
    for round_index in range(rounds + 1):
        order.shuffle(names)
        for name in names:
            seconds, steps, J = contenders[name]()
            if round_index:
                per_step[name].append(seconds / steps)
            last_loss[name] = J
    return {name: statistics.median(times) for name, times in per_step.items()}, last_loss


def blas_summary() -> str:
    """Return the name, version and build configuration of NumPy's BLAS, without paths."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except (KeyError, TypeError, ValueError):
        return "unknown"
    config = blas.get("openblas configuration", "")
    return f"{blas.get('name', '?')} {blas.get('version', '?')} {config}".strip()


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def verdict(value: float, target: float) -> str:
    return "PASS" if value >= target else "FAIL"


def main() -> int:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print("Hardware and versions")
    print(f"  CPU: {cpu_model()}, {os.cpu_count()} logical CPUs, {affinity} usable")
    print(f"  Python {platform.python_version()}, NumPy {np.__version__}")
    print(f"  NumPy BLAS: {blas_summary()}")
    threads = ", ".join(f"{name}={os.environ[name]}" for name in THREAD_VARIABLES)
    if torch is not None:
        torch.set_num_threads(ARGS.threads)
        print(f"  PyTorch {torch.__version__}, torch.set_num_threads({ARGS.threads})")
    else:
        print("  PyTorch is not importable: its contender is skipped.")
    print(f"  Threads: {threads}")
    print(f"  Rounds: {ARGS.rounds} interleaved, median reported")
    print()

    contenders = {
        "tuitrain Trainer.run()": time_trainer,
        "tuitrain bare loop": time_bare_loop,
        "straightforward NumPy": time_straightforward,
    }
    if torch is not None:
        contenders["PyTorch CPU"] = time_torch
    median, last_loss = interleave(contenders, ARGS.rounds)

    steps = REFERENCE_EPOCHS * 32
    print("Reference workload: 1000x20, 64 relu -> 64 relu -> 1 sigmoid, Adam, BCE, batch 32,")
    print(f"float32, {REFERENCE_EPOCHS} epochs ({steps} steps) per round")
    print(f"  {'contender':26s} {'us/step':>9s} {'steps/s':>9s} {'last loss':>10s}")
    for name, seconds in median.items():
        print(f"  {name:26s} {seconds * 1e6:9.1f} {1 / seconds:9.0f} {last_loss[name]:10.4f}")
    print()
    trainer, bare = median["tuitrain Trainer.run()"], median["tuitrain bare loop"]
    straightforward = median["straightforward NumPy"]
    print("  Speed-ups (steps/s of tuitrain over steps/s of the other):")
    rows = [
        ("Trainer vs straightforward NumPy", straightforward / trainer, TARGET_VS_STRAIGHTFORWARD),
        ("bare loop vs straightforward NumPy", straightforward / bare, None),
    ]
    if torch is not None:
        rows.insert(1, ("Trainer vs PyTorch", median["PyTorch CPU"] / trainer, TARGET_VS_TORCH))
        rows.append(("bare loop vs PyTorch", median["PyTorch CPU"] / bare, None))
    for label, ratio, target in rows:
        if target is None:
            print(f"  {label:36s} {ratio:6.2f}x")
        else:
            print(f"  {label:36s} {ratio:6.2f}x  target >= {target}x  {verdict(ratio, target)}")
    if torch is None:
        print(f"  Trainer vs PyTorch: skipped, PyTorch is not importable (target >= {TARGET_VS_TORCH}x)")
    print()

    wide = WideWorkload()
    median, _ = interleave(
        {"tuitrain step": wide.time_step, "8 matmuls alone": wide.time_matmuls}, ARGS.rounds
    )
    print("Wide workload: 784-256-256-10 relu/relu/softmax, CCE with integer labels, Adam,")
    print(f"batch 256, float32, {WIDE_STEPS} steps per round")
    for name, seconds in median.items():
        print(f"  {name:26s} {seconds * 1e6:9.1f} us/step")
    share = median["8 matmuls alone"] / median["tuitrain step"]
    print(
        f"  matmul time / step time    {share:9.2f}   target >= {TARGET_MATMUL_SHARE}  "
        f"{verdict(share, TARGET_MATMUL_SHARE)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
