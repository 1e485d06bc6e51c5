"""Every wrangler binding kind, where it keeps its binding name, and which names
wrangler's own duplicate check collects (research/wrangler.md §5).

The table is data: the duplicate-name rule (VPC201) walks it and never branches on a
key. Each :class:`BindingKind` says which config key holds the kind, how the value is
laid out (:data:`LIST`, :data:`GROUP`, ...), which field holds the name, and how the
kind behaves in a named environment (inherited from the top level, or top level only).

Two sets of names come out of one config value:

* the *real* names (:func:`names_of_kind`): what the Worker sees as ``env.NAME``, read
  by the layout of the kind, entry by entry (one malformed entry does not hide the
  others), ``send_email`` and ``ratelimits`` by their ``name``;
* the names *wrangler collects* (:func:`collected_names`), a copy of its
  ``getBindingNames``, which reads the **shape** of the value whatever its key: a table
  whose ``bindings`` is a list of entries that all have a string ``name`` gives those
  names; a list whose entries all have a string ``binding`` gives those; any other table
  with a ``binding`` key gives that value (a number or ``true`` becomes the name JavaScript
  makes of it); any other table gives its keys; anything else gives nothing. It runs on
  wrangler's normalized config (``durable_objects.bindings`` defaulted to ``[]``,
  ``queues.producers``, ``secrets.required``, the string values of ``wasm_modules``).

:func:`kind_name_uses` merges both: a real name wrangler also collects is ``counted``;
a name only wrangler collects (``vars.binding``, the keys of ``assets`` or ``unsafe``,
``vars.bindings[].name``, ...) is a *quirk*, which clashes only with counted names,
since it is no binding at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from vpclint.record import Record
from vpclint.source.jsobjects import own_keys
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from typing import Any

# How a kind's value is laid out.
LIST = "list"  # [ {name_field: NAME, ...}, ... ]
GROUP = "group"  # { group_field: [ {name_field: NAME, ...}, ... ] }
SINGLE = "single"  # { binding: NAME, ... }
ASSETS = "assets"  # like SINGLE; without `binding`, every key counts (wrangler quirk)
RECORD = "record"  # { NAME: value, ... }
STRINGS = "strings"  # { group_field: [NAME, ...] }

# How a kind behaves in `env.<name>`.
OWN = "own"  # each environment declares its own (not inherited)
INHERITED = "inherited"  # the top-level value applies unless the environment sets its own
TOP_ONLY = "top_only"  # only the top-level value exists; it applies to every environment


class BindingKind(Record):
    """A kind of binding: its config ``key``, the ``label`` messages use, its ``layout``
    and where its name is written (``name_field``, inside ``group_field`` for grouped
    kinds) and how environments get it (``in_env``)."""

    __slots__ = ()

    def __new__(cls, key, label, layout=LIST, name_field="binding", group_field="", in_env=OWN):
        return tuple.__new__(cls, (key, label, layout, name_field, group_field, in_env))

    key = property(itemgetter(0))
    label = property(itemgetter(1))
    layout = property(itemgetter(2))
    name_field = property(itemgetter(3))
    group_field = property(itemgetter(4))
    in_env = property(itemgetter(5))


BINDING_KINDS: tuple[BindingKind, ...] = (
    BindingKind("vpc_services", "VPC service"),
    BindingKind("vpc_networks", "VPC network"),
    BindingKind("kv_namespaces", "KV namespace"),
    BindingKind("d1_databases", "D1 database"),
    BindingKind("r2_buckets", "R2 bucket"),
    BindingKind("vectorize", "Vectorize index"),
    BindingKind("ai_search_namespaces", "AI Search namespace"),
    BindingKind("ai_search", "AI Search instance"),
    BindingKind("agent_memory", "Agent Memory binding"),
    BindingKind("hyperdrive", "Hyperdrive config"),
    BindingKind("services", "service binding"),
    BindingKind("analytics_engine_datasets", "Analytics Engine dataset"),
    BindingKind("dispatch_namespaces", "dispatch namespace"),
    BindingKind("mtls_certificates", "mTLS certificate"),
    BindingKind("workflows", "workflow"),
    BindingKind("pipelines", "pipeline"),
    BindingKind("k2", "K2 stream"),
    BindingKind("secrets_store_secrets", "Secrets Store secret"),
    BindingKind("artifacts", "Artifacts binding"),
    BindingKind("unsafe_hello_world", "Hello World binding"),
    BindingKind("flagship", "Flagship binding"),
    BindingKind("worker_loaders", "Worker Loader"),
    BindingKind("send_email", "send_email binding", name_field="name"),
    BindingKind("ratelimits", "rate limit", name_field="name"),
    BindingKind("queues", "queue producer", layout=GROUP, group_field="producers"),
    BindingKind(
        "durable_objects", "Durable Object", layout=GROUP, group_field="bindings", name_field="name"
    ),
    BindingKind(
        "logfwdr",
        "logfwdr binding",
        layout=GROUP,
        group_field="bindings",
        name_field="name",
        in_env=INHERITED,
    ),
    BindingKind(
        "unsafe", "unsafe binding", layout=GROUP, group_field="bindings", name_field="name"
    ),
    BindingKind("browser", "Browser Run binding", layout=SINGLE),
    BindingKind("analytics", "Analytics SQL binding", layout=SINGLE),
    BindingKind("ai", "AI binding", layout=SINGLE),
    BindingKind("images", "Images binding", layout=SINGLE),
    BindingKind("media", "Media binding", layout=SINGLE),
    BindingKind("stream", "Stream binding", layout=SINGLE),
    BindingKind("version_metadata", "version metadata binding", layout=SINGLE),
    BindingKind("assets", "assets binding", layout=ASSETS, in_env=INHERITED),
    BindingKind("vars", "environment variable", layout=RECORD),
    BindingKind("wasm_modules", "Wasm module", layout=RECORD, in_env=TOP_ONLY),
    BindingKind("text_blobs", "text blob", layout=RECORD, in_env=TOP_ONLY),
    BindingKind("data_blobs", "data blob", layout=RECORD, in_env=TOP_ONLY),
    BindingKind("secrets", "required secret", layout=STRINGS, group_field="required"),
)

KINDS_BY_KEY = {kind.key: kind for kind in BINDING_KINDS}
KIND_ORDER = {kind.key: index for index, kind in enumerate(BINDING_KINDS)}  # table order


# How wrangler's getBindingNames found a name it collects (the branch it took).
NAMED_BINDINGS = "named-bindings"  # `{bindings: [{name: NAME}, ...]}`
ENTRY_BINDINGS = "entry-bindings"  # `[{binding: NAME}, ...]`
BINDING_VALUE = "binding-value"  # `{binding: NAME, ...}`
TABLE_KEYS = "table-keys"  # `{NAME: ..., ...}`


class NameUse(Record):
    """One binding name written in the config.

    ``path`` is where the name is written (a ``binding`` value, a ``vars`` key, ...) and
    ``at`` says whether to point at that path's key or value; ``rel`` is that path from
    the kind's key on (``("vars", "binding")``). ``inherited`` is true when the name
    comes from the top level into an environment or a preview scope. ``counted`` is true
    when wrangler's own duplicate check collects the name. ``quirk`` is empty for a real
    binding; for a name only wrangler's check collects it is the branch of
    ``getBindingNames`` that made it up (:data:`BINDING_VALUE`, ...). ``written`` is the
    value a name was made from when that is not a string (``vars.binding = 5``).
    """

    __slots__ = ()
    _fields = ("name", "kind", "path", "at", "inherited", "quirk", "counted", "rel", "written")

    def __new__(
        cls, name, kind, path, at, inherited=False, quirk="", counted=False, rel=(), written=None
    ):
        return tuple.__new__(cls, (name, kind, path, at, inherited, quirk, counted, rel, written))

    name = property(itemgetter(0))
    kind = property(itemgetter(1))
    path = property(itemgetter(2))
    at = property(itemgetter(3))
    inherited = property(itemgetter(4))
    quirk = property(itemgetter(5))
    counted = property(itemgetter(6))
    rel = property(itemgetter(7))
    written = property(itemgetter(8))


def _entries_named(entries: Any, field: str, base: Path) -> Iterator[tuple[str, Path]]:
    """(name, path) of every entry of a list that has a string ``field``."""
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get(field), str):
            yield entry[field], (*base, index, field)


def names_of_kind(kind: BindingKind, value: Any, base: Path) -> Iterator[NameUse]:
    """Every real binding name one kind's value declares; ``base`` is the value's path."""
    for name, path, at in _real_names(kind, value, base):
        yield NameUse(name, kind, path, at, rel=path[len(base) - 1 :])


def _real_names(kind: BindingKind, value: Any, base: Path) -> Iterator[tuple[str, Path, str]]:
    if kind.layout == LIST:
        for name, path in _entries_named(value, kind.name_field, base):
            yield name, path, "value"
    elif kind.layout == GROUP and isinstance(value, dict):
        group_path = (*base, kind.group_field)
        for name, path in _entries_named(value.get(kind.group_field), kind.name_field, group_path):
            yield name, path, "value"
    elif kind.layout in (SINGLE, ASSETS) and isinstance(value, dict):
        if isinstance(value.get("binding"), str):
            yield value["binding"], (*base, "binding"), "value"
    elif kind.layout == RECORD and isinstance(value, dict):
        for key in own_keys(value):
            # A module (`wasm_modules`, ...) is a file path; wrangler drops any other value.
            if kind.in_env != TOP_ONLY or isinstance(value[key], str):
                yield key, (*base, key), "key"
    elif kind.layout == STRINGS and isinstance(value, dict):
        names = value.get(kind.group_field)
        if isinstance(names, list):
            for index, name in enumerate(names):
                if isinstance(name, str):
                    yield name, (*base, kind.group_field, index), "value"


def names_in_table(table: dict, base: Path, kinds=BINDING_KINDS) -> Iterator[NameUse]:
    """Every real binding name declared directly in ``table`` (at path ``base``)."""
    for kind in kinds:
        if kind.key in table:
            yield from names_of_kind(kind, table[kind.key], (*base, kind.key))


# --- the names wrangler's duplicate check collects -------------------------------------


def collected_names(kind: BindingKind, value: Any, base: Path) -> Iterator[NameUse]:
    """The names wrangler's ``getBindingNames`` returns for one key of its normalized
    config, ``value`` being the key's value as written (``None`` when unset or null)."""
    key_at = len(base) - 1
    for found in _collected(kind, value, base):
        yield _collected_use(kind, key_at, *found)


def _collected(kind: BindingKind, value: Any, base: Path) -> Iterator[tuple[Any, Path, str, str]]:
    """(written name, path, anchor, branch) of each name wrangler collects."""
    if kind.key == "secrets":  # wrangler adds `secrets.required` as it is
        required = value.get("required") if isinstance(value, dict) else None
        names = required if isinstance(required, list) else ()
        base = (*base, "required")
        return ((name, (*base, index), "value", "") for index, name in enumerate(names))
    return _get_binding_names(*_normalized(kind, value, base))


def _collected_use(
    kind: BindingKind, key_at: int, written: Any, path: Path, at: str, branch: str
) -> NameUse:
    is_text = isinstance(written, str)
    return NameUse(
        written if is_text else property_key(written),
        kind,
        path,
        at,
        quirk=branch,
        counted=True,
        rel=path[key_at:],
        written=None if is_text else written,
    )


def _normalized(kind: BindingKind, value: Any, base: Path) -> tuple[Any, Path]:
    """What wrangler's normalized config holds for the key (and the path of that value)."""
    if kind.key == "durable_objects":  # `{...durable_objects, bindings: bindings ?? []}`
        if not isinstance(value, dict):
            return None, base
        spread = {key: value[key] for key in own_keys(value)}
        spread["bindings"] = value["bindings"] if value.get("bindings") is not None else []
        return spread, base
    if kind.key == "queues":  # wrangler checks `queues.producers`
        return (value.get("producers") if isinstance(value, dict) else None), (*base, "producers")
    if kind.in_env == TOP_ONLY:  # the string values, turned into file paths
        if not isinstance(value, dict):
            return None, base
        mapping = {key: value[key] for key in own_keys(value) if isinstance(value[key], str)}
        mapping.pop("__proto__", None)  # assigning a string to `__proto__` does nothing
        if "binding" in mapping:  # its one name is a file path, never a binding's name
            return None, base
        return mapping, base
    return value, base


def _get_binding_names(value: Any, base: Path) -> Iterator[tuple[Any, Path, str, str]]:
    """(written name, path, anchor, branch) per name of wrangler's ``getBindingNames``."""
    if isinstance(value, dict):
        bindings = value.get("bindings")
        if isinstance(bindings, list) and all(
            isinstance(entry, dict) and isinstance(entry.get("name"), str) for entry in bindings
        ):
            for index, entry in enumerate(bindings):
                yield entry["name"], (*base, "bindings", index, "name"), "value", NAMED_BINDINGS
        elif "binding" in value:  # any value, even null or a table
            yield value["binding"], (*base, "binding"), "value", BINDING_VALUE
        else:
            for key in own_keys(value):
                yield key, (*base, key), "key", TABLE_KEYS
    elif isinstance(value, list) and all(
        isinstance(entry, dict) and isinstance(entry.get("binding"), str) for entry in value
    ):
        for index, entry in enumerate(value):
            yield entry["binding"], (*base, index, "binding"), "value", ENTRY_BINDINGS


def kind_name_uses(kind: BindingKind, value: Any, base: Path) -> list[NameUse]:
    """The real names of one kind's value and the names wrangler collects from it: a real
    name wrangler collects too is ``counted``; a name only wrangler collects is a quirk."""
    key_at = len(base) - 1
    if _plain_list(kind, value):  # wrangler collects exactly the real names
        return [
            NameUse(entry["binding"], kind, path, "value", counted=True, rel=path[key_at:])
            for index, entry in enumerate(value)
            for path in ((*base, index, "binding"),)
        ]
    collected = {}  # (path, anchor, name) -> what _collected gave, in its order
    for found in _collected(kind, value, base):
        written, path, at, _ = found
        name = written if isinstance(written, str) else property_key(written)
        collected[path, at, name] = found
    uses = [
        NameUse(
            name,
            kind,
            path,
            at,
            counted=collected.pop((path, at, name), None) is not None,
            rel=path[key_at:],
        )
        for name, path, at in _real_names(kind, value, base)
    ]
    # the names only wrangler collects, in its order
    uses.extend(_collected_use(kind, key_at, *found) for found in collected.values())
    return uses


def _plain_list(kind: BindingKind, value: Any) -> bool:
    """A list kind named by ``binding`` whose entries all are tables with a string
    ``binding`` (the usual case): its real names are the names wrangler collects."""
    return (
        kind.layout == LIST
        and kind.name_field == "binding"
        and isinstance(value, list)
        and all(
            isinstance(entry, dict) and isinstance(entry.get("binding"), str) for entry in value
        )
    )


def property_key(value: Any) -> str:
    """The property name JavaScript makes of a value (``String(value)``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) < 10**21:
            return str(value)
        try:
            return property_key(float(value))
        except OverflowError:  # beyond a double: JavaScript reads Infinity
            return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value).replace("e-0", "e-").replace("e+0", "e+")
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join("" if item is None else property_key(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
