"""The base of vpclint's small immutable records (spans, scopes, rules, checks ...).

Each record is a tuple subclass with its fields written out (``__new__`` and one property
per field) rather than a ``collections.namedtuple`` class, which costs about 50 us to make
at start-up. A record compares, hashes, unpacks and pickles as its tuple of fields."""

from __future__ import annotations


class Record(tuple):
    __slots__ = ()

    def __getnewargs__(self) -> tuple:  # pickle and copy pass the fields to __new__
        return tuple(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}{tuple.__repr__(self)}"
