"""What wrangler's JSONC parser makes of a ``"__proto__"`` key.

jsonc-parser builds objects by assignment (``object[key] = value``), so in JavaScript a
``"__proto__"`` key does not add a property: an object value becomes the object's
*prototype* (its properties are inherited: read by ``config.vpc_services``, ``"binding"
in entry``, but not listed by ``Object.keys``), and any other value is ignored.
``{"__proto__": {"vpc_services": [...]}}`` is therefore read by wrangler as if
``vpc_services`` were written at the top level, and ``{"vars": {"__proto__": "x"}}``
declares no variable.

:func:`apply_prototypes` turns a parsed wrangler JSON file into that view: the
``__proto__`` key is removed, the keys of an object value are merged in below the
object's own keys, and every merged path keeps the span of the text it was read from.
An object with inherited keys is a :class:`JSObject`, whose ``inherited`` set lets the
checks that copy ``Object.keys`` (:func:`own_keys`) leave them out.

Not modelled: an array value (JavaScript would make the array the prototype, so its
indices would be inherited); it is dropped like a primitive. TOML is not affected:
smol-toml defines ``__proto__`` as an own property.
"""

from __future__ import annotations

from vpclint.source.model import Parsed, Path

PROTO = "__proto__"


class JSObject(dict):
    """A JSON object with properties inherited from a ``__proto__`` object."""

    __slots__ = ("inherited",)

    def __init__(self, own: dict, inherited: dict):
        super().__init__(own)
        added = [key for key in inherited if key not in own]
        for key in added:
            self[key] = inherited[key]
        self.inherited = frozenset(added)


def own_keys(value: dict) -> list:
    """The keys ``Object.keys`` lists: not those inherited from a ``__proto__``."""
    inherited = getattr(value, "inherited", ())
    return [key for key in value if key not in inherited]


def apply_prototypes(parsed: Parsed) -> Parsed:
    """The parsed file as wrangler sees it (unchanged without a ``__proto__`` key)."""
    proto_paths = [path for path in parsed.spans if path and path[-1] == PROTO]
    if not proto_paths:
        return parsed
    value = parsed.value
    # Deepest first: a prototype's own `__proto__` is merged before it is merged itself,
    # and the original paths of the shallower ones still resolve.
    for path in sorted(proto_paths, key=len, reverse=True):
        holder_path = path[:-1]
        holder = _resolve(value, holder_path)
        if not isinstance(holder, dict) or PROTO not in holder:
            continue
        proto = holder.pop(PROTO)
        merged = JSObject(holder, proto if isinstance(proto, dict) else {})
        if holder_path:
            _resolve(value, holder_path[:-1])[holder_path[-1]] = merged
        else:
            value = merged
    spans = dict(parsed.spans)
    for path, span in parsed.spans.items():
        if PROTO in path:
            spans.setdefault(_seen_as(path), span)
    return Parsed(value, spans, parsed.comments, parsed.duplicate_keys)


def _resolve(value, path: Path):
    """The value at ``path``, or None when the path does not resolve."""
    for part in path:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _seen_as(path: Path) -> Path:
    """The path wrangler reads a written path at: without its `__proto__` parts."""
    return tuple(part for part in path if part != PROTO)
