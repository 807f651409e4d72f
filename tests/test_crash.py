"""Kill a real `kg build` with SIGKILL at random moments: each time the store still opens, every
graph in it is exactly the one a clean build makes or is absent, and a re-run completes the store
into exactly what a clean build makes (nothing partial, nothing duplicated).

The moments: one at a random time after start (opening the store, loading the model, writing the
reference graph), then two more after a random number of articles were written plus a random
delay of up to 20 ms, so a kill can fall inside an article's transaction. The build's progress
bar, on a pseudo-terminal, tells how many articles are done. Set KG_CRASH_SEED to replay a run.
"""

import fcntl
import os
import pty
import random
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import StoreError
from kg.store import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
KILLS_AFTER_ARTICLES = 2
ARTICLES = 10                 # of samples/: enough for kills between articles, few enough to stay quick
_DONE = re.compile(rb"(\d+)/(?:\d+|\?) \[")  # the bar's "done/total [" (kg/progress.py)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SAMPLES.glob("*.txt"))[:ARTICLES]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def clean(corpus):
    """{graph name: set of N-Quads lines} of a clean, uninterrupted build of the corpus."""
    store = open_store(None)
    build([str(corpus)], store)
    return by_graph(store.dump_nquads())


def by_graph(nquads):
    graphs = defaultdict(set)
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graphs[str(quad.graph_name)].add(str(quad))
    return dict(graphs)


def start_build(corpus, store):
    """Start `kg build` with its stderr on a pseudo-terminal, so it draws its progress bar."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # tqdm needs a width
    every_tick = {**os.environ, "TQDM_MININTERVAL": "0", "TQDM_MINITERS": "1"}    # redraw after each article
    process = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "build", str(corpus),
                                "--store", str(store)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=terminal,
                               env=every_tick)
    os.close(terminal)
    return process, controller


def run_until(process, controller, articles=None, seconds=None, rng=None):
    """Let the build run until `articles` are done or `seconds` passed, then SIGKILL it.

    Returns True when it was killed, False when it finished first.
    """
    deadline = time.monotonic() + (seconds if seconds is not None else 300)
    done = 0
    try:
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.01)
            if ready:
                try:
                    counts = _DONE.findall(os.read(controller, 65536))
                except OSError:       # the terminal closes when the build exits
                    counts = []
                done = max([done, *map(int, counts)])
            if articles is not None and done >= articles:
                time.sleep(rng.uniform(0, 0.02))
                break
        if process.poll() is not None:
            return False
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    finally:
        os.close(controller)


def check_store(store_dir, clean):
    """Assert every graph of the store equals the clean build's; return how many there are (0 for
    a store killed while Oxigraph was creating it, which says so)."""
    try:
        with open_store(store_dir, read_only=True, wait=0) as store:
            graphs = by_graph(store.dump_nquads())
    except StoreError as error:
        assert "never finished" in str(error), error
        return 0
    for name, quads in graphs.items():
        assert name in clean, f"unexpected graph {name}"
        missing, extra = len(clean[name] - quads), len(quads - clean[name])
        assert (missing, extra) == (0, 0), f"graph {name} is partial: {missing} quads missing, {extra} extra"
    return len(graphs)


def test_a_killed_build_leaves_whole_graphs_and_a_rerun_completes_it(corpus, clean, tmp_path):
    seed = int(os.environ.get("KG_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    store = tmp_path / "store"
    total = len(clean)                  # article graphs + the reference graph
    killed_with = []

    process, controller = start_build(corpus, store)
    run_until(process, controller, seconds=rng.uniform(0.2, 4.0))
    present = check_store(store, clean) if store.exists() else 0
    killed_with.append(present)

    for _ in range(KILLS_AFTER_ARTICLES):
        articles_present = max(0, present - 1)
        target = articles_present + rng.randint(1, max(1, (total - 1 - articles_present) // 2))
        process, controller = start_build(corpus, store)
        if not run_until(process, controller, articles=target, rng=rng):
            break
        present = check_store(store, clean)
        killed_with.append(present)

    print(f"seed {seed}: graphs present after each kill: {killed_with} of {total}")
    result = subprocess.run([sys.executable, "-c", "from cli import main; main()", "build", str(corpus),
                             "--store", str(store), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"seed {seed}: {result.stderr}"
    with open_store(store, read_only=True) as final:
        assert by_graph(final.dump_nquads()) == clean, f"seed {seed}: the re-run differs from a clean build"
        assert final.triple_count() == sum(len(quads) for quads in clean.values())
    assert any(0 < n < total for n in killed_with[1:]), (
        f"seed {seed}: no kill fell between the first and the last article ({killed_with} of {total} graphs)")
