"""Serve a store over the SPARQL 1.1 Protocol with Oxigraph's own server, read-only.

Exports: server_command, serve, write_view, endpoint_urls, oxigraph_binary, LOOPBACK.

kg writes no server: `oxigraph serve-read-only` (shipped by the `oxigraph` package) answers
`/query` with the union default graph and a per-query time limit, refuses `/update`, and serves
a YASGUI query page at `/` from its own files (no CDN). The network view is a separate
self-contained HTML file (kg.view), written before the server starts.
"""

import os
import shutil
import sys
from pathlib import Path

from .errors import StoreError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def oxigraph_binary():
    """Return the path of the `oxigraph` server binary installed beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("no oxigraph server binary found; install the pinned 'oxigraph' package (make run)")
    return found


def server_command(store, host="127.0.0.1", port=7878, timeout=30):
    """Return the argv that serves `store` read-only on host:port with a query time limit (seconds)."""
    if str(store).startswith(("http://", "https://")):
        raise StoreError(f"kg serve needs an embedded store directory, not {store}; that server is already an endpoint")
    if not Path(store, "CURRENT").is_file():
        raise StoreError(f"no Oxigraph store at {store}; build one first with kg build PATH --store {store}")
    if timeout <= 0:
        raise StoreError(f"query time limit must be positive, not {timeout}")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(int(timeout))]


def endpoint_urls(host, port):
    """Return {name: url} of the query endpoint and the query page."""
    shown = f"[{host}]" if ":" in host else host
    return {"query endpoint": f"http://{shown}:{port}/query", "query page": f"http://{shown}:{port}/"}


def write_view(store, path):
    """Write the actor-place network view of the store to `path`; return its file:// URL."""
    from .network import build_network, heading_for
    from .store import open_store
    from .view import write_html

    graph = build_network(open_store(store, read_only=True), "actor-place")
    write_html(graph, path, heading=heading_for("actor-place"))
    return Path(path).resolve().as_uri()


def serve(argv, store=None):
    """Replace this process by the server (so signals and exit codes are the server's own).

    With `store`, the server inherits this process's read lock on it (kg/lock.py): a `kg build`
    on the store then fails with "in use by process N" instead of writing under a reader.
    """
    if store is not None:
        from .lock import StoreLock

        StoreLock(store, shared=True).keep_across_exec()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)
