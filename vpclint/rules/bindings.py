"""Every wrangler binding kind and where it keeps its binding name (research/wrangler.md §5).

The table is data: the duplicate-name rule (VPC201) walks it and never branches on a
key. Each :class:`BindingKind` says which config key holds the kind, how the value is
laid out (:data:`LIST`, :data:`GROUP`, ...), which field holds the name, and how the
kind behaves in a named environment (inherited from the top level, or top level only).

Improvements over wrangler's own check, on purpose:

* ``send_email`` and ``ratelimits`` name their bindings with ``name``; wrangler does not
  collect them, vpclint does.
* Names are collected entry by entry, so one malformed entry does not hide the others
  (wrangler drops the whole list when a single entry lacks a string ``binding``).

* A record (``vars``, ``wasm_modules``, ...) with a key ``binding`` still contributes all
  its keys; wrangler then counts only the *value* of that key (below) and misses clashes
  of the other names.

Kept from wrangler, because wrangler errors on them (quirks of its ``getBindingNames``,
which reads any table with a ``binding`` key as a single binding, and any other table as
a record of names):

* an ``assets`` table without a ``binding`` contributes its *keys* as names
  (``directory`` clashes with a binding called ``directory``);
* a string ``vars.binding`` contributes its *value* as a name (``vars = {binding =
  "API"}`` clashes with a binding called ``API``). ``wasm_modules``, ``text_blobs`` and
  ``data_blobs`` do not: wrangler has already turned their values into file paths.

Those are clashes only for wrangler's check, not at run time, so they are only reported
against kinds wrangler counts (``wrangler_counts``); :attr:`NameUse.quirk` marks them.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator

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


class BindingKind(
    namedtuple(
        "BindingKind",
        "key label layout name_field group_field in_env wrangler_counts",
        defaults=(LIST, "binding", "", OWN, True),
    )
):
    """A kind of binding: its config ``key``, the ``label`` messages use, its ``layout``
    and where its name is written (``name_field``, inside ``group_field`` for grouped
    kinds), how environments get it (``in_env``), and whether wrangler's own duplicate
    check counts it (``wrangler_counts``)."""

    __slots__ = ()


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
    BindingKind("send_email", "send_email binding", name_field="name", wrangler_counts=False),
    BindingKind("ratelimits", "rate limit", name_field="name", wrangler_counts=False),
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


# Names that exist only in wrangler's duplicate check (NameUse.quirk).
ASSET_KEY = "assets-key"  # a key of an `assets` table without `binding`
VARS_BINDING_VALUE = "vars-binding-value"  # the value of `vars.binding`


class NameUse(
    namedtuple("NameUse", "name kind path at inherited quirk counted", defaults=(False, "", True))
):
    """One binding name written in the config.

    ``path`` is where the name is written (a ``binding`` value, a ``vars`` key, ...) and
    ``at`` says whether to point at that path's key or value. ``inherited`` is true when
    the name comes from the top level into an environment or a preview scope.
    ``quirk`` is empty for a real binding, else it says which wrangler quirk makes up the
    name (:data:`ASSET_KEY`, :data:`VARS_BINDING_VALUE`). ``counted`` is false when
    wrangler's own duplicate check does not see the name (its kind is not counted, or a
    ``vars.binding`` hides the other variables).
    """

    __slots__ = ()

    @property
    def asset_key(self) -> bool:
        return self.quirk == ASSET_KEY

    @property
    def seen_by_wrangler(self) -> bool:
        return self.counted and self.kind.wrangler_counts


def _entries_named(entries: Any, field: str, base: Path) -> Iterator[tuple[str, Path]]:
    """(name, path) of every entry of a list that has a string ``field``."""
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get(field), str):
            yield entry[field], (*base, index, field)


def names_of_kind(kind: BindingKind, value: Any, base: Path) -> Iterator[NameUse]:
    """Every name one kind's value declares; ``base`` is the path of that value."""
    if kind.layout == LIST:
        for name, path in _entries_named(value, kind.name_field, base):
            yield NameUse(name, kind, path, "value")
    elif kind.layout == GROUP and isinstance(value, dict):
        group_path = (*base, kind.group_field)
        for name, path in _entries_named(value.get(kind.group_field), kind.name_field, group_path):
            yield NameUse(name, kind, path, "value")
    elif kind.layout in (SINGLE, ASSETS) and isinstance(value, dict):
        if isinstance(value.get("binding"), str):
            yield NameUse(value["binding"], kind, (*base, "binding"), "value")
        elif kind.layout == ASSETS and "binding" not in value:
            for key in value:
                yield NameUse(key, kind, (*base, key), "key", quirk=ASSET_KEY)
    elif kind.layout == RECORD and isinstance(value, dict):
        yield from _record_names(kind, value, base)
    elif kind.layout == STRINGS and isinstance(value, dict):
        names = value.get(kind.group_field)
        if isinstance(names, list):
            for index, name in enumerate(names):
                if isinstance(name, str):
                    yield NameUse(name, kind, (*base, kind.group_field, index), "value")


def _record_names(kind: BindingKind, value: dict, base: Path) -> Iterator[NameUse]:
    """The keys of a record; for `vars` with a string `binding`, also wrangler's quirk name.

    wrangler reads a record with a `binding` key as one binding, so it counts none of the
    keys (for `wasm_modules`, `text_blobs`, `data_blobs` it counts a file path instead).
    """
    read_as_one = "binding" in value
    for key in value:
        yield NameUse(key, kind, (*base, key), "key", counted=not read_as_one)
    if kind.key == "vars" and isinstance(value.get("binding"), str):
        path = (*base, "binding")
        yield NameUse(value["binding"], kind, path, "value", quirk=VARS_BINDING_VALUE)


def names_in_table(table: dict, base: Path, kinds=BINDING_KINDS) -> Iterator[NameUse]:
    """Every binding name declared directly in ``table`` (at path ``base``)."""
    for kind in kinds:
        if kind.key in table:
            yield from names_of_kind(kind, table[kind.key], (*base, kind.key))
