"""``--plot``: the loss curves of a finished run, drawn with plotext 5 in the terminal."""

from __future__ import annotations

import math
import shutil
from typing import TextIO

from tuitrain.locales import _
from tuitrain.plotting import epoch_ticks

MAX_HEIGHT = 20
"""Most terminal rows the chart takes."""


def print_loss_plot(history: list[dict], stream: TextIO) -> None:
    """Draw training and validation loss per epoch, sized to the terminal.

    The curves differ by marker as well as colour, so the chart reads on a terminal without
    colour. plotext counts characters, not cells, so the canvas contains ASCII text only and
    the translated title is printed above it.
    """
    import plotext as plt

    plt.clear_figure()
    drawn = False
    last_epoch = 1
    for key, marker in (("loss", "dot"), ("val_loss", "x")):
        points = [(row["epoch"], row[key]) for row in history
                  if key in row and math.isfinite(row[key])]
        if points:
            epochs, values = zip(*points)
            plt.plot(list(epochs), list(values), label=key, marker=marker)
            last_epoch = max(last_epoch, max(epochs))
            drawn = True
    if not drawn:
        return
    plt.xlabel("epoch")
    plt.xticks(epoch_ticks(1, last_epoch))
    plt.ylabel("loss")
    columns, rows = shutil.get_terminal_size((80, 24))
    plt.plotsize(max(columns - 1, 40), max(min(rows - 4, MAX_HEIGHT), 10))
    chart = plt.build()
    if not stream.isatty():
        chart = plt.uncolorize(chart)
    print(_("Loss per epoch (training and validation):"), file=stream)
    print(chart, file=stream, flush=True)
