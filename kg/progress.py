"""A progress bar for long builds: articles per second and time left on a terminal, silent in pipes.

Exports: progress_bar.
"""

import sys
from contextlib import contextmanager


@contextmanager
def progress_bar(enabled=True, total=None, stream=None):
    """Yield a `tick(item)` callable that advances a tqdm bar (or does nothing)."""
    stream = stream or sys.stderr
    if not enabled or not stream.isatty():
        yield lambda item=None: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="article", file=stream, dynamic_ncols=True) as bar:
        yield lambda item=None: bar.update(1)
