"""Draw a network as one self-contained HTML page with pyvis (vis-network inlined, no CDN).

Exports: render_html, write_html.
"""

import html
import re

from .files import atomic_write

COLOURS = {"actor": "#d1495b", "place": "#2e86ab", "operation": "#edae49", "event": "#66a182"}
SHAPES = {"actor": "dot", "place": "square", "operation": "diamond", "event": "triangle"}
_REMOTE = re.compile(r'<(link|script)\b[^>]*(href|src)="https?://[^"]*"[^>]*>(\s*</script>)?', re.IGNORECASE)


def _title(data):
    """Build a hover/click text; every piece of article-derived text is escaped."""
    lines = [html.escape(str(data.get("label", "")))]
    for key in ("aliases", "relation", "weight", "first", "last", "sources", "sentence"):
        value = data.get(key)
        if value:
            value = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
            lines.append(f"{key}: {html.escape(str(value))}")
    return "\n".join(lines)


def render_html(graph, heading="kg network"):
    """Return the HTML of an interactive pyvis view of a networkx graph."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line", heading=html.escape(heading))
    degrees = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "actor")
        net.add_node(node, label=str(data.get("label", node)), title=_title(data), color=COLOURS.get(kind, "#999"),
                     shape=SHAPES.get(kind, "dot"), size=10 + 4 * degrees.get(node, 0), group=kind)
    for a, b, data in graph.edges(data=True):
        net.add_edge(a, b, value=data.get("weight", 1), title=_title({**data, "label": data.get("relation", "")}))
    if graph.number_of_nodes() > 300:
        net.toggle_physics(False)
    page = net.generate_html(notebook=False)
    return _REMOTE.sub("", page)


def write_html(graph, path, heading="kg network"):
    """Write the page atomically (temporary file, then rename) and return its path."""
    page = render_html(graph, heading)
    with atomic_write(path) as out:
        out.write(page)
    return path
