"""The base of vpclint's small immutable records (spans, scopes, rules, checks ...).

Each record is a tuple subclass with its fields written out (``__new__`` and one property
per field) rather than a ``collections.namedtuple`` class, which costs about 50 us to make
at start-up. A record compares, hashes, unpacks and pickles as its tuple of fields; one
that names its fields in ``_fields`` (in order) also has namedtuple's ``_replace``."""

from __future__ import annotations


class Record(tuple):
    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _replace(self, **changes):
        """A copy with the fields named in ``changes`` set to new values."""
        fields = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
        if changes:
            raise ValueError(f"{type(self).__name__} has no field {sorted(changes)[0]!r}")
        return type(self)(*fields)

    def __getnewargs__(self) -> tuple:  # pickle and copy pass the fields to __new__
        return tuple(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}{tuple.__repr__(self)}"
