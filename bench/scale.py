"""Out of band (not run by `make bench`): the derive step (event merge, then summary, what `kg build`
does after its last article) on stores of several sizes in the issue's range, to see whether its
memory grows with the store or levels off.

    python -m bench.scale out/bench/store-jobs1 --articles 2000 5000 10000

Each store is made the bench's way (bench/run.py `questions`): the article graphs of a built store
copied under new article ids ("bench-000123" -> "bench-000123-c2"), with the reference graph once,
bulk-loaded and compacted; then `python -m bench.child derive` runs on it in a fresh process.
One line of JSON per size on standard output; the stores are removed after use (`--keep` keeps them).
"""

import argparse
import json
import re
import shutil
import time
from pathlib import Path

from bench.run import _child


def copy_store(source, target, articles, work):
    """Write a store of `articles` article graphs: the source's graphs copied, the reference graph once."""
    import pyoxigraph as ox

    from kg.namespace import REFERENCE_GRAPH

    reference = str(REFERENCE_GRAPH)
    graphs = {}
    fixed = []
    for quad in ox.Store.read_only(str(source)):
        name = quad.graph_name.value
        if "/graph/article/" in name:
            graphs.setdefault(name, []).append(str(quad) + " .\n")
        elif name == reference:
            fixed.append(str(quad) + " .\n")
    texts = ["".join(lines) for _, lines in sorted(graphs.items())]
    del graphs
    pattern = re.compile(r"(bench-\d{6})")
    nquads = Path(work) / f"scale-{articles}.nq"
    with open(nquads, "w", encoding="utf-8") as out:
        out.writelines(fixed)
        for number in range(articles):
            copy, text = divmod(number, len(texts))
            out.write(pattern.sub(rf"\1-c{copy}", texts[text]) if copy else texts[text])
    shutil.rmtree(target, ignore_errors=True)
    store = ox.Store(str(target))
    started = time.perf_counter()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    seconds = time.perf_counter() - started
    triples = len(store)
    del store
    nquads.unlink()
    return triples, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a store built by kg build (bench: out/bench/store-jobs1)")
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 5000, 10000])
    parser.add_argument("--work", default="out/bench")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    for articles in args.articles:
        target = Path(args.work) / f"store-scale-{articles}"
        triples, load_seconds = copy_store(args.source, target, articles, args.work)
        derive = _child("derive", target)
        derive.update(triples=triples, load_seconds=round(load_seconds, 1),
                      growth_mb=round(derive["peak_mb"] - derive["opened_mb"], 1))
        print(json.dumps(derive), flush=True)
        if not args.keep:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
