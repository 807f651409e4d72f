"""Two real processes on one store: one writer or many readers, and a clear message for the rest."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.lock import PID_FILE
from kg.store import open_store
from servers import free_port, running

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-c", "from cli import main; main()"]

HOLDER = """
import sys, time
from kg.store import open_store
store = open_store(sys.argv[1], read_only=sys.argv[2] == "read")
print("locked", flush=True)
if sys.argv[3] == "forever":
    time.sleep(600)
time.sleep(float(sys.argv[3]))
store.close()
print("released", flush=True)
"""


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .')
    return path


def hold(store_dir, mode="write", seconds="forever"):
    """Start a process that opens the store and keeps it open; return it once it holds the lock."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_dir), mode, seconds], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if line != "locked\n":
        process.kill()
        pytest.fail(f"the holder process failed: {process.stderr.read()}")
    return process


def kg(*args):
    return subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def stop(process):
    process.kill()
    process.wait()


def test_a_second_writer_fails_naming_the_first(store_dir, tmp_path):
    holder = hold(store_dir)
    try:
        assert (store_dir / PID_FILE).read_text() == f"{holder.pid}\n"
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "a.txt").write_text("The KNDF attacked a junta outpost in Loikaw.")
        result = kg("build", str(tmp_path / "in"), "--store", str(store_dir), "--quiet")
        assert result.returncode == 1
        assert result.stderr == (f"Error: store {store_dir} is in use by process {holder.pid}; wait for it to "
                                 "finish or use another --store\n")
    finally:
        stop(holder)
    with open_store(store_dir, read_only=True) as store:
        assert store.triple_count() == 1


@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["ask", "actors"], ["stats"], ["view", "--out", "/dev/null"],
                                     ["validate"]])
def test_readers_wait_for_a_writer_and_then_fail_naming_it(store_dir, command):
    holder = hold(store_dir)
    try:
        result = kg(*command, "--store", str(store_dir))
        assert result.returncode == 1
        assert result.stderr == (f"Error: store {store_dir} is in use by process {holder.pid}; wait for it to "
                                 "finish or use another --store\n")
    finally:
        stop(holder)


def test_readers_share_the_store_and_keep_writers_out(store_dir):
    reader = hold(store_dir, "read")
    try:
        result = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store_dir), "--format", "csv")
        assert (result.returncode, result.stdout.split()) == (0, ["n", "1"])
        with pytest.raises(StoreError, match=f"is in use by process {reader.pid};"):
            open_store_in_child(store_dir)
    finally:
        stop(reader)


def open_store_in_child(store_dir):
    """Open the store for writing in another process, which is what a second `kg build` does first."""
    result = subprocess.run([sys.executable, "-c", "import sys; from kg.store import open_store; "
                             "open_store(sys.argv[1], wait=0.5)", str(store_dir)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    if result.returncode:
        raise StoreError(result.stderr.strip().splitlines()[-1])


def test_a_writer_waits_briefly_for_the_store(store_dir):
    holder = hold(store_dir, seconds="1")
    with open_store(store_dir, wait=60) as store:      # would fail at once without waiting
        assert store.triple_count() == 1
    assert holder.wait(timeout=60) == 0
    assert holder.stdout.read() == "released\n"


def test_a_killed_writer_leaves_a_stale_pid_file_that_is_ignored(store_dir):
    holder = hold(store_dir)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (store_dir / PID_FILE).read_text() == f"{holder.pid}\n"      # left behind by the killed process
    result = kg("stats", "--store", str(store_dir))
    assert result.returncode == 0, result.stderr
    with open_store(store_dir, wait=0) as store:
        assert (store_dir / PID_FILE).read_text() == f"{os.getpid()}\n"
        assert store.triple_count() == 1
    assert not (store_dir / PID_FILE).exists()


def test_kg_serve_keeps_builds_out_while_it_serves(store_dir):
    """kg serve execs Oxigraph's read-only server, which takes no lock of its own: it inherits ours."""
    port = free_port()
    argv = [*KG, "serve", "--store", str(store_dir), "--port", str(port), "--view", ""]
    with running(argv, f"http://127.0.0.1:{port}/", cwd=ROOT) as server:
        with pytest.raises(StoreError, match=f"is in use by process {server.pid};"):
            open_store_in_child(store_dir)
        result = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store_dir), "--format", "csv")
        assert result.stdout.split() == ["n", "1"]


def test_a_read_only_open_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(StoreError, match=f"no store at {tmp_path / 'nope'}; build one first with kg build --store"):
        open_store(tmp_path / "nope", read_only=True)
