"""Write article graphs on a background thread while the build extracts the next articles.

Exports: GraphWriter.

Oxigraph lets go of the GIL while it parses and indexes a load, so a writer thread runs on the
second core beside extraction (spaCy) instead of after it: the build waits for the store only
when the queue is full or at the end. Each article is still one transaction (`replace_graph`), so
a killed build leaves every article complete or absent.
"""

import queue
import threading
import time

QUEUE_DEPTH = 64   # articles waiting to be written: bounds the memory they hold (a few MB)
_DONE = object()


class GraphWriter:
    """Write (article id, graph IRI, N-Triples) items to `store` in order, on one thread.

    Use as a context manager: leaving the block normally waits for every queued article; leaving it
    on an error (or Ctrl-C) lets the article being written finish and drops the rest, which stay
    absent. A store error on the writer thread is raised in the caller at its next `put` or at the
    end. `written` lists the article ids written, `seconds` the time spent writing, `waited` the
    time the caller spent blocked on the writer.
    """

    def __init__(self, store, depth=QUEUE_DEPTH):
        self.store, self.written, self.seconds, self.waited = store, [], 0.0, 0.0
        self._queue, self._error, self._stop = queue.Queue(maxsize=depth), None, threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-graph-writer", daemon=True)
        self._thread.start()

    def put(self, article_id, identifier, ntriples):
        """Queue one article's graph; block while the queue is full."""
        self._raise_error()
        started = time.perf_counter()
        self._queue.put((article_id, identifier, ntriples))
        self.waited += time.perf_counter() - started

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is not None:
            self._stop.set()
        started = time.perf_counter()
        self._queue.put(_DONE)
        self._thread.join()
        self.waited += time.perf_counter() - started
        if kind is None:
            self._raise_error()

    def _run(self):
        while (item := self._queue.get()) is not _DONE:
            if self._error is not None or self._stop.is_set():
                continue   # keep draining, so the caller never blocks on a full queue
            article_id, identifier, ntriples = item
            started = time.perf_counter()
            try:
                self.store.replace_graph(identifier, ntriples)
                self.written.append(article_id)
            except BaseException as error:   # handed to the caller's thread, which reports it
                self._error = error
            self.seconds += time.perf_counter() - started

    def _raise_error(self):
        if self._error is not None:
            raise self._error
