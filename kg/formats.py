"""Render rows for people and tools: aligned tables, CSV, TSV and JSON.

Exports: render_rows, ROW_FORMATS.
"""

import csv
import io
import json

ROW_FORMATS = ("table", "csv", "tsv", "json")


def _cell(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def render_rows(columns, rows, fmt="table"):
    """Return rows (list of dicts) as text in the given format."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
        return out.getvalue()[:-1]  # the caller prints with its own final newline
    return _table(columns, rows)


def _table(columns, rows, width=48):
    cells = [[_cell(row.get(c)).replace("\n", " ")[:width] for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join([line, rule, *body, f"({len(rows)} rows)"])
