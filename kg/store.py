"""Where the graph lives: an embedded on-disk Oxigraph store, an in-memory one (tests), or a
remote SPARQL 1.1 server, behind one small interface chosen by one value.

Exports: open_store, remove_article, OxigraphStore, QueryResult, bind_values, to_ntriples, values_block,
batches, triple_hash, REWRITE_BATCH, REWRITE_FLUSH_QUADS.
"""

import hashlib
import itertools
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .lock import PID_FILE, StoreLock
from .namespace import KG, PREFIXES, graph_iri

LOCK_WAIT = 3.0     # seconds to wait for another process to give up the store
# RocksDB keeps every write in its in-memory write buffers until they are flushed, about 1 KB
# per quad: a build of 400 articles grew by 300 MB and of 10,000 would have grown by gigabytes.
# Flushing after this many quads keeps a build's memory flat (and costs no measurable time).
FLUSH_QUADS = 100_000
# Quads per transaction when a derived graph is rewritten in chunks (rewrite_graph), and how often
# its write buffers are flushed meanwhile: a transaction holds its writes in memory, and so do the
# write buffers until flushed, so for a graph that grows with the store (the merged-event graph of
# the bench's 1.3-million-triple store is 93,000 quads) both would too. Measured by the bench's
# derive step (merge, then summary): +226 MB on that store with one transaction per 1,000 merged
# events and flushes every FLUSH_QUADS, +168 MB with these; +95 and +70 MB on its 400-article store.
REWRITE_BATCH = 2_000
REWRITE_FLUSH_QUADS = 10_000
# The pyoxigraph stores this process has open for writing, by real path. A read-only open of one of
# them reads through the writer's handle: a second RocksDB instance opened read-only reads the file
# list once, and the writer's flushes and compactions delete files from under it ("Corruption: IO
# error: No such file or directory ... MANIFEST may be corrupted").
_WRITERS = {}


@dataclass
class QueryResult:
    """Rows of a SELECT (variables + list of dicts of pyoxigraph terms), a boolean, or triples."""

    kind: str  # select | ask | graph
    variables: list = None
    rows: list = None
    boolean: bool = None
    triples: list = None


def open_store(location=None, read_only=False, wait=LOCK_WAIT):
    """Open the store a location names: None -> in memory, http(s):// -> remote, else a directory.

    An on-disk store is locked (kg/lock.py): one writer or any number of readers; a process that
    finds it taken waits up to `wait` seconds, then gets "store ... is in use by process N".
    """
    if location is None:
        return OxigraphStore(None)
    location = str(location)
    if location.startswith(("http://", "https://")):
        from .remote import RemoteStore

        return RemoteStore(location)
    return OxigraphStore(location, read_only=read_only, wait=wait)


def remove_article(store, article_id):
    """Drop one article's named graph, and with it its content hash; StoreError if it is not there."""
    graph = graph_iri(article_id)
    found = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"g": ox.NamedNode(str(graph))}).rows
    if not found:
        raise StoreError(f"no article {article_id!r} in store {store.location}; list the ids with "
                         "kg query 'SELECT ?id WHERE { ?a kg:articleId ?id }'")
    store.remove_graph(graph)
    store.flush()
    return graph


def syntax_position(message):
    """Return (line, column) from an Oxigraph SPARQL syntax error message, when it gives them."""
    match = re.search(r"(\d+):(\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _open_read_only(path):
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError as error:
        # A build killed while Oxigraph was creating the store leaves RocksDB files without the
        # store's version, which a read-only open would have to write.
        if "read-write" not in str(error):
            raise
        raise StoreError(f"the store at {path} was never finished (a build stopped while creating it); "
                         f"run kg build --store {path} again") from error


class OxigraphStore:
    """Embedded Oxigraph store; every write of one article is one transaction."""

    def __init__(self, path, read_only=False, wait=LOCK_WAIT):
        self.path, self._store, self._lock, self.read_only = path, None, None, read_only
        self._unflushed = 0   # quads written since the last flush
        self.location = str(path) if path is not None else "(in memory)"
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not Path(path).is_dir():
                    raise StoreError(f"no store at {path}; build one first with kg build --store {path}")
                self._lock = StoreLock(path, shared=True, wait=wait)
                self._store = _WRITERS.get(_real(path)) or _open_read_only(path)
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(path, wait=wait)
                self._store = _WRITERS[_real(path)] = ox.Store(str(path))
        except OSError as error:
            self.close()
            raise StoreError(_open_message(path, error)) from error
        except StoreError:
            self.close()
            raise

    def close(self):
        """Flush and close the store and give up its lock; the object cannot be used afterwards."""
        store, self._store = self._store, None
        if store is not None and self.path is not None and self._lock is not None and not self._lock.shared:
            store.flush()
            if _WRITERS.get(_real(self.path)) is store:
                del _WRITERS[_real(self.path)]
        del store   # a reader sharing the writer's handle keeps it open until it closes too
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_lock", None) is not None:
            self._lock.release()

    # ------------------------------------------------------------ writing
    def replace_graph(self, graph, ntriples):
        """Replace one named graph by the given N-Triples in a single transaction (atomic).

        A new graph is loaded as N-Triples (one transaction, about 1.5 times faster than
        parsing the same data as a SPARQL update). An existing one changes in one update, so
        readers never see it half replaced: the update deletes the triples that went and inserts
        the new ones, so rewriting the derived graphs after a build (kg/merge.py, kg/summary.py),
        which mostly stay as they were, neither parses nor holds the whole graph as an update.
        With blank nodes (which DELETE DATA cannot name) the graph is dropped and inserted whole.
        """
        self._check_writable()
        self._written(ntriples.count("\n"))
        node, name = ox.NamedNode(str(graph)), f"<{graph}>"
        if not self._store.contains_named_graph(node):
            try:
                self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
                return
            except OSError as error:
                raise StoreError(f"cannot write to store {self.path}: {error}") from error
        current = {str(quad.triple) for quad in self._store.quads_for_pattern(None, None, None, node)}
        if "_:" in ntriples or any("_:" in triple for triple in current):
            self._update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{ntriples}\n}} }}")
            return
        wanted = {str(triple) for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}
        changes = [f"{verb} DATA {{ GRAPH {name} {{\n" + "".join(f"{t} .\n" for t in sorted(triples)) + "} }"
                   for verb, triples in (("DELETE", current - wanted), ("INSERT", wanted - current)) if triples]
        if changes:
            self._update(" ;\n".join(changes))

    def rewrite_graph(self, graph, chunks):
        """Replace one named graph by N-Triples given as an iterable of chunks, in bounded memory.

        For the derived graphs (kg/merge.py, kg/summary.py), which grow with the store: each chunk
        is written in its own transaction, and of the graph only a 64-bit hash per triple is held,
        to find at the end the triples that went (deleted REWRITE_BATCH at a time). A graph that
        was already there changes only where it differs. The graph's completion marker
        (`<graph> kg:contentHash "..."`, a digest of its triples in any order) is removed first
        and written last, so a build killed half way leaves a graph without one; the store's lock
        keeps readers out meanwhile. Triples must not have blank nodes. Return the triple count.
        """
        node, marker = ox.NamedNode(str(graph)), ox.NamedNode(str(KG.contentHash))
        self.flush()   # start from empty write buffers (a build leaves up to FLUSH_QUADS in them)
        existed = self._store.contains_named_graph(node)
        if existed:
            self._update(f"DELETE WHERE {{ GRAPH {node} {{ {node} {marker} ?h }} }}")
        wanted, digest, count = array("q"), 0, 0
        for chunk in chunks:
            triples = list(ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES))
            hashes = [triple_hash(t) for t in triples]
            digest, count = (digest + sum(hashes)) % 2**64, count + len(triples)
            quads = [ox.Quad(t.subject, t.predicate, t.object, node) for t in triples]
            if existed:
                wanted.extend(hashes)
                quads = [q for q in quads if q not in self._store]
            for part in batches(quads, REWRITE_BATCH):
                self._insert(part, REWRITE_FLUSH_QUADS)
        if existed:
            self._delete_stale(node, wanted)
        if not count:
            self.remove_graph(graph)
            return 0
        self._insert([ox.Quad(node, marker, ox.Literal(f"{digest:016x}"), node)])
        return count

    def _insert(self, quads, flush_quads=None):
        if quads:
            self._check_writable()
            self._written(len(quads), flush_quads)
            try:
                self._store.extend(quads)
            except OSError as error:
                raise StoreError(f"cannot write to store {self.path}: {error}") from error

    def _delete_stale(self, node, wanted):
        """Delete the quads of a graph whose hash is not in `wanted`, REWRITE_BATCH at a time (the
        iterator reads a snapshot, so deleting as it goes is safe)."""
        import numpy

        keep = numpy.sort(numpy.frombuffer(wanted, dtype=numpy.int64)) if wanted else numpy.zeros(0, numpy.int64)
        batch = []
        for quad in self._store.quads_for_pattern(None, None, None, node):
            batch.append(quad)
            if len(batch) >= REWRITE_BATCH:
                self._delete_unwanted(node, batch, keep)
                batch = []
        self._delete_unwanted(node, batch, keep)

    def _delete_unwanted(self, node, quads, keep):
        import numpy

        if not quads:
            return
        hashes = numpy.array([triple_hash(q.triple) for q in quads], dtype=numpy.int64)
        gone = [q for q, kept in zip(quads, numpy.isin(hashes, keep)) if not kept]
        if gone:
            self._written(len(gone), REWRITE_FLUSH_QUADS)
            self._update(f"DELETE DATA {{ GRAPH {node} {{\n" + "".join(f"{q.triple} .\n" for q in gone) + "} }")

    def _written(self, quads, flush_quads=None):
        """Count quads about to be written; flush the write buffers once enough (by default
        FLUSH_QUADS) have piled up."""
        self._unflushed += quads
        if self._unflushed >= (flush_quads or FLUSH_QUADS):
            self.flush()

    def remove_graph(self, graph):
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def _update(self, text):
        self._check_writable()
        try:
            self._store.update(text)
        except OSError as error:
            raise StoreError(f"cannot write to store {self.path}: {error}") from error

    def flush(self):
        self._unflushed = 0
        if self.path is not None and not self.read_only:
            self._store.flush()

    def _check_writable(self):
        if self.read_only:   # a read-only open may share a writer's handle, which would take the write
            raise StoreError(f"store {self.path} is open read-only; open it without read_only to write")

    # ------------------------------------------------------------ reading
    def query(self, sparql, substitutions=None):
        """Run a SPARQL query over the union of all graphs; return a QueryResult."""
        result = self._query(sparql, substitutions)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [dict(zip(variables, solution)) for solution in result]
            return QueryResult("select", variables, rows)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        return QueryResult("graph", triples=list(result))

    def select_rows(self, sparql):
        """Yield the rows of a SELECT query one at a time (dicts of pyoxigraph terms), never holding them all."""
        result = self._query(sparql)
        variables = [v.value for v in result.variables]
        for solution in result:
            yield dict(zip(variables, solution))

    def _query(self, sparql, substitutions=None):
        sparql = bind_values(sparql, substitutions)
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as error:
            line, column = syntax_position(str(error))
            raise QueryError(f"SPARQL syntax error: {error}", line, column) from error
        except OSError as error:
            raise StoreError(f"query failed on store {self.path}: {error}") from error

    def named_graphs(self):
        return [g.value for g in self._store.named_graphs()]

    def article_hash(self, article_id):
        """Return the content hash stored for an article, or None."""
        rows = self.query("SELECT ?h WHERE { GRAPH ?g { ?a kg:articleId ?id ; kg:contentHash ?h } }",
                          {"id": ox.Literal(article_id)}).rows
        return rows[0]["h"].value if rows else None

    def triple_count(self):
        return len(self._store)

    def quads(self):
        """Return every quad of the store."""
        return list(self._store.quads_for_pattern(None, None, None, None))

    def dump_nquads(self):
        """Return every quad of the store as N-Quads bytes."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)


def triple_hash(triple):
    """Return a stable signed 64-bit hash of a pyoxigraph triple (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(str(triple).encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def to_ntriples(triples):
    """Return N-Triples text for (subject, predicate, object) rdflib or pyoxigraph terms."""
    return "".join(f"{ox.Triple(*map(_to_ox, triple))} .\n" for triple in triples)


def batches(items, size):
    """Yield lists of up to `size` items (the last shorter): queries and writes a chunk at a time."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def values_block(variable, terms):
    """Return `VALUES ?variable { ... }` for pyoxigraph terms (serialised, so escaped, by pyoxigraph)."""
    return f"VALUES ?{variable} {{ {' '.join(str(_to_ox(term)) for term in terms)} }}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(sparql, substitutions):
    """Bind variables to RDF terms with a VALUES block at the top of every WHERE clause
    (a subquery sees only its own bindings).

    The terms are pyoxigraph terms, serialised by pyoxigraph (which validates and escapes them),
    so user text never becomes query syntax; Oxigraph's own substitutions only accept projected
    variables, which optional filter parameters are not.
    """
    if not substitutions:
        return sparql
    names = sorted(substitutions)
    terms = " ".join(str(_to_ox(substitutions[n])) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }} "
    if _WHERE.search(sparql) is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return _WHERE.sub(lambda match: match.group(0) + block, sparql)


def _to_ox(value):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    from rdflib import Literal as RdfLiteral, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, RdfLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    return ox.Literal(str(value))


def _real(path):
    return str(Path(path).resolve())


def _open_message(path, error):
    text = str(error)
    if "lock" in text.lower():
        owner = _lock_owner(path)
        who = f"process {owner}" if owner else "another process"
        return f"store {path} is in use by {who}; wait for it to finish or use another --store"
    return f"cannot open store {path}: {text}"


def _lock_owner(path):
    try:
        return int(Path(path, PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None
