"""Run tuitrain with ``python -m tuitrain``."""

import sys

from tuitrain.cli import main

# The guard matters: the app's training process starts with multiprocessing's "spawn",
# which imports this module again in the child under another name.
if __name__ == "__main__":
    sys.exit(main())
