"""Run a per-chunk function over a stream of items in worker processes, results in input
order: `kg build --jobs N` extracts articles this way while the caller stays the only writer.

Exports: map_chunks, chunked.
"""

import collections
import itertools
import multiprocessing

# Chunks in flight per worker: one being worked on and one waiting, so no worker waits for the
# caller, and few enough that a corpus of any size is never held in memory.
CHUNKS_PER_WORKER = 2


def chunked(items, size):
    """Yield lists of up to `size` items from any iterable, lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _run(function, chunk, kwargs):
    return list(function(chunk, **kwargs))


def map_chunks(function, items, jobs, chunk_size=8, **kwargs):
    """Yield every result of `function(chunk, **kwargs)` (an iterable per chunk of items), in order.

    `function` must be importable (module level). Each worker process keeps its own caches,
    so a spaCy pipeline loaded through kg.pipeline.load_pipeline is loaded once per worker.
    Workers are spawned, not forked: the caller may hold an open store and threads, which a
    forked child must not inherit.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        pending = collections.deque()
        for chunk in chunked(items, chunk_size):
            pending.append(pool.apply_async(_run, (function, chunk, kwargs)))
            if len(pending) >= jobs * CHUNKS_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
