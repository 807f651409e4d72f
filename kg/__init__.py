"""kg: build a sourced RDF knowledge graph of armed actors from news articles.

The pipeline, one module per arrow:
articles (reading) -> pipeline (spaCy + domain components) -> extract (records)
-> rdf (named graph per article) -> store (Oxigraph) -> questions, network, view, export.
"""

__version__ = "0.1.0"
