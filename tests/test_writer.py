"""The background graph writer: order, one thread beside the caller, errors handed back, and
nothing half written when the caller stops."""

import threading

import pytest

from kg.store import OxigraphStore
from kg.writer import GraphWriter


def article(number, triples=3):
    graph = f"https://example.org/graph/{number}"
    return (f"a{number}", graph, "".join(f"<https://example.org/s{number}> <https://example.org/p> \"{k}\" .\n"
                                         for k in range(triples)))


class ThreadRecordingStore(OxigraphStore):
    """A real on-disk store that notes which thread writes."""

    def replace_graph(self, graph, ntriples):
        self.threads = getattr(self, "threads", set()) | {threading.get_ident()}
        super().replace_graph(graph, ntriples)


def test_every_article_is_written_in_order_on_another_thread(tmp_path):
    store = ThreadRecordingStore(tmp_path / "store")
    with GraphWriter(store, depth=2) as writer:
        for number in range(10):
            writer.put(*article(number))
    assert writer.written == [f"a{n}" for n in range(10)]
    assert store.threads and threading.get_ident() not in store.threads
    assert store.triple_count() == 30 and writer.seconds > 0


def test_a_store_error_on_the_writer_thread_is_raised_in_the_caller(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    with pytest.raises(SyntaxError):
        with GraphWriter(store) as writer:
            writer.put(*article(1))
            writer.put("broken", "https://example.org/graph/broken", "<https://example.org/s> not a triple\n")
            writer.put(*article(2))
    assert writer.written == ["a1"]
    assert set(store.named_graphs()) == {"https://example.org/graph/1"}


def test_an_error_in_the_caller_leaves_every_article_complete_or_absent(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    with pytest.raises(KeyboardInterrupt):
        with GraphWriter(store, depth=4) as writer:
            for number in range(50):
                writer.put(*article(number, triples=200))
            raise KeyboardInterrupt
    written = {f"https://example.org/graph/{a[1:]}" for a in writer.written}
    assert set(store.named_graphs()) == written
    assert store.triple_count() == 200 * len(written)
