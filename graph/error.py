"""Errors diplograph raises: each says what went wrong and what to do about it."""

from __future__ import annotations


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose."""


class StoreError(DiplographError):
    """A store cannot be opened or written."""


class StoreLockedError(StoreError):
    """The store is open in another process (or twice in this one)."""


class NotAStoreError(StoreError):
    """The location exists but is not a diplograph store."""


class CorruptStoreError(StoreError):
    """The location looks like a diplograph store but its database cannot be read."""


class MissingStoreError(StoreError):
    """A read-only open of a store that does not exist."""


class QueryError(DiplographError):
    """A SPARQL query or update was rejected (syntax, or not allowed)."""


class DataError(DiplographError):
    """Input data (curated YAML, reference data) is invalid; the message names file, entry, field."""


class ArticleError(DiplographError):
    """An article cannot be read; the message names the file (and line) and the reason."""
