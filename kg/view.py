"""Draw a network as one self-contained HTML page: vis-network (pyvis's bundled copy) inlined.

Exports: render_html, write_html, page_data, layout, PHYSICS_LIMIT.

The page is our own template (kg/data/view.html, view.css, view.js) rather than pyvis's, whose
template fetches bootstrap and tom-select from CDNs, inserts any title containing "href" as raw
HTML and does not escape the heading. Here the graph travels as JSON inside a
`<script type="application/json">` element with `<`, `>` and `&` written as \\u escapes, so no
article text can close the element, and view.js puts every string into the page with
textContent. A Content-Security-Policy admits only the page's own inline scripts (by hash) and
no request to any host, so even a missed escape could neither run a script nor phone home.

Above PHYSICS_LIMIT nodes the positions are computed here (igraph's grid Fruchterman-Reingold,
about 1 s for 5,000 nodes; networkx's spring layout took over 2 minutes on this machine) and the
browser draws them with physics off, so large pages are interactive at once.
"""

import base64
import hashlib
import html
import json
import math
import random
import re
from pathlib import Path

import networkx as nx

from .facts import load_style
from .files import atomic_write

DATA = Path(__file__).parent / "data"
PHYSICS_LIMIT = 300
EDGE = 90  # pixels between neighbours in a layout computed here
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def render_html(graph, heading="kg network"):
    """Return the HTML of the interactive view of a networkx graph built by kg.network."""
    vis_js, vis_css = _vis_assets()
    data = _json_for_script(page_data(graph, heading))
    script = (DATA / "view.js").read_text(encoding="utf-8")
    scripts = [vis_js, script]
    slots = {
        "title": html.escape(heading),
        "heading": html.escape(heading),
        "csp": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src "
               + " ".join(f"'sha256-{_digest(s)}'" for s in scripts),
        "style": vis_css + "\n" + (DATA / "view.css").read_text(encoding="utf-8"),
        "data": data,
        "vis": vis_js,
        "script": script,
    }
    template = (DATA / "view.html").read_text(encoding="utf-8")
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def write_html(graph, path, heading="kg network"):
    """Write the page atomically (temporary file, then rename) and return its path."""
    page = render_html(graph, heading)
    with atomic_write(path) as out:
        out.write(page)
    return path


def page_data(graph, heading="kg network"):
    """Return the plain data the page draws: nodes, edges, tables, legend, notice."""
    style = load_style()
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    positions = {} if physics else layout(graph)
    ids = {node: index for index, node in enumerate(graph.nodes)}
    nodes = [_node(graph, node, ids[node], positions.get(node)) for node in graph.nodes]
    edges = [_edge(ids, index, a, b, d) for index, (a, b, d) in enumerate(graph.edges(data=True))]
    present = {n["category"] for n in nodes}
    return {
        "heading": heading, "kind": graph.graph.get("kind", ""), "notice": graph.graph.get("notice", ""),
        "physics": physics, "nodes": nodes, "edges": edges,
        "categories": [c for c in style["categories"] if c["key"] in present],
        "relations": style["relations"],
        "evidence": graph.graph.get("evidence", []), "claims": graph.graph.get("claims", []),
        "articles": graph.graph.get("articles", []),
        "operations": [{"id": iri, "label": label} for iri, label in graph.graph.get("operations", {}).items()],
    }


def layout(graph, seed=7):
    """Return {node: (x, y)} in pixels: each connected component laid out on its own, neighbours
    about EDGE px apart, and the components packed in rows, largest first, so that a few stray
    nodes do not shrink the main component to a dot when the page fits everything on screen."""
    random.seed(seed)  # igraph draws its start positions from Python's random module
    parts = [_component_layout(graph, sorted(c, key=str)) for c in
             sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c))[0]))]
    area = sum((w + EDGE) * (h + EDGE) for _, w, h in parts)
    row_width = max([math.sqrt(area) * 1.3] + [w for _, w, _ in parts])
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for coords, width, height in parts:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + EDGE, 0.0
        positions.update({node: (round(x + px, 1), round(y + py, 1)) for node, (px, py) in coords.items()})
        x += width + EDGE
        row_height = max(row_height, height)
    return positions


def _component_layout(graph, nodes):
    """Lay out one connected component; return ({node: (x, y)} from (0, 0), width, height)."""
    import igraph

    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}, 0.0, 0.0
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.subgraph(nodes).edges if a != b]
    coords = igraph.Graph(n=len(nodes), edges=edges).layout_fruchterman_reingold(
        grid=len(nodes) > 1000, niter=300).coords
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
    scale = EDGE / (lengths[len(lengths) // 2] or 1.0)
    left, top = min(c[0] for c in coords), min(c[1] for c in coords)
    placed = {node: ((coords[i][0] - left) * scale, (coords[i][1] - top) * scale) for node, i in index.items()}
    return placed, max(p[0] for p in placed.values()), max(p[1] for p in placed.values())


def _node(graph, node, number, position):
    data = graph.nodes[node]
    degree = graph.degree(node)
    item = {
        "id": number, "iri": str(node), "label": str(data.get("label", node)), "kind": data.get("kind", "actor"),
        "category": data.get("category", "organisation"), "type": data.get("type", ""),
        "aliases": list(data.get("aliases", [])), "first": data.get("first"), "last": data.get("last"),
        "events": data.get("events", 0), "degree": degree,
        "size": {"place": data.get("events", 0), "event": 1}.get(data.get("kind"), degree),
        "evidence": sorted(data.get("evidence", ())), "claims": sorted(data.get("claims", ())),
        "operations": sorted(data.get("operations", ())),
    }
    for key in ("claimant", "unverified"):
        if data.get(key):
            item[key] = data[key]
    if position:
        item["x"], item["y"] = position
    return item


def _edge(ids, number, a, b, data):
    return {
        "id": number, "from": ids[a], "to": ids[b], "relation": data.get("relation", ""),
        "weight": data.get("weight", 1), "reference": bool(data.get("reference")),
        "first": data.get("first"), "last": data.get("last"),
        "evidence": sorted(data.get("evidence", ())), "claims": sorted(data.get("claims", ())),
        "operations": sorted(data.get("operations", ())),
    }


def _json_for_script(value):
    """JSON that cannot end its <script> element or start markup: <, >, & and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _digest(script):
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _vis_assets():
    """Return (javascript, css) of the vis-network copy that the pyvis package ships."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")
