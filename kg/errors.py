"""Exceptions raised by the library; the CLI turns them into one-line messages.

Exports: KGError, InputError, ModelError, StoreError, QueryError, ValidationError, ClusterError.
"""


class KGError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(KGError):
    """An article file or record cannot be read; names the file and the fix."""


class ModelError(KGError):
    """The spaCy model cannot be loaded."""


class StoreError(KGError):
    """The store cannot be opened, written or reached."""


class QueryError(KGError):
    """A SPARQL query is malformed or not allowed."""

    def __init__(self, message, line=None, column=None):
        super().__init__(message)
        self.line = line
        self.column = column


class ValidationError(KGError):
    """Data does not satisfy the ontology's constraints."""


class ClusterError(KGError):
    """The Dask cluster cannot be reached or lacks the distributed package."""
