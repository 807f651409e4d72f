"""A progress bar for long builds: articles per second and time left on a terminal, silent in pipes.

Exports: progress_bar.
"""

import sys
from contextlib import contextmanager

BAR_FORMAT = "{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}, {rate_noinv_fmt}, ETA {remaining}]"


@contextmanager
def progress_bar(enabled=True, total=None, stream=None):
    """Yield a `tick(item)` callable that advances a tqdm bar (or does nothing).

    The bar appears only when `enabled` and `stream` (default stderr) is a terminal. `total` is
    a number or a callable returning one, called only when the bar is shown (counting may read
    every input); with a total the bar shows the time left.
    """
    stream = stream or sys.stderr
    if not enabled or not stream.isatty():
        yield lambda item=None: None
        return
    from tqdm import tqdm

    total = total() if callable(total) else total
    with tqdm(total=total, unit=" articles", file=stream, dynamic_ncols=True, bar_format=BAR_FORMAT) as bar:
        def tick(item=None):
            if bar.n == 0:  # count the rate from the first article, not from loading the model
                bar.reset(total=bar.total)
            bar.update(1)

        yield tick
