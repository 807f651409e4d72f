"""Run a per-partition function over a stream of items on an existing Dask distributed
cluster, results back to the caller in input order: `kg build --scheduler` extracts articles
this way and the caller writes them to the store (embedded or remote), one transaction each.

Exports: map_partitions, connect.

Workers need the same `kg` package and spaCy model installed; each worker process loads the
pipeline once (kg.pipeline.load_pipeline is cached per process) and runs one partition at a
time, since one spaCy pipeline is not meant to be shared between threads.
"""

import collections
import threading

from .errors import ClusterError
from .parallel import chunked

INSTALL_HINT = "install the cluster extra: pip install 'kg-armed-actors[cluster]'"
PARTITIONS_PER_THREAD = 2
_ONE_AT_A_TIME = threading.Lock()


def run_partition(function, partition, kwargs):
    """Return the results of `function` on one partition (runs on a Dask worker)."""
    with _ONE_AT_A_TIME:
        return list(function(partition, **kwargs))


def connect(scheduler, timeout=10):
    """Return a distributed.Client connected to the scheduler address, or raise ClusterError."""
    try:
        from distributed import Client
    except ImportError as error:
        raise ClusterError(f"--scheduler needs the Dask distributed package: {INSTALL_HINT}") from error
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({error}); "
                           "start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                           "or check the address") from error


def map_partitions(function, items, scheduler, partition_size=16, **kwargs):
    """Yield every result of `function(partition, **kwargs)` computed on the cluster, in order.

    `function` must be importable on the workers (module level in an installed package).
    At most two partitions per worker thread are in flight, so the corpus is streamed.
    """
    with connect(scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * PARTITIONS_PER_THREAD)
        pending = collections.deque()
        for partition in chunked(items, partition_size):
            pending.append(client.submit(run_partition, function, partition, kwargs, pure=False))
            if len(pending) >= window:
                yield from _result(pending.popleft(), scheduler)
        while pending:
            yield from _result(pending.popleft(), scheduler)


def _result(future, scheduler):
    try:
        return future.result()
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"lost the Dask cluster at {scheduler} ({error}); rerun the build: "
                           "articles already written are skipped as unchanged") from error
