"""Run tuitrain with ``python -m tuitrain``."""

import sys

from tuitrain.cli import main

sys.exit(main())
