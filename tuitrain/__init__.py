"""tuitrain: train small neural networks in the terminal and watch them learn."""

__version__ = "0.1.0"
