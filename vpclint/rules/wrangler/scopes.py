"""Scopes of a wrangler config, and small helpers shared by the wrangler rules.

A *scope* is one set of bindings that is deployed together: the top level (the Worker
deployed without ``--env``), each ``env.<name>`` (the Worker deployed with ``--env
name``), and the ``previews`` table of either (bindings of preview deployments). Every
wrangler rule iterates over scopes, so every environment is checked the same way,
whichever one wrangler itself would select.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from operator import itemgetter

from vpclint.record import Record
from vpclint.rules.wrangler.bindings import (
    INHERITED,
    KIND_ORDER,
    KINDS_BY_KEY,
    TOP_ONLY,
    BindingKind,
    NameUse,
    kind_name_uses,
    names_in_table,
)
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vpclint.document import Document

VPC_LIST_KEYS = ("vpc_services", "vpc_networks")
ENTRY_FIELDS = {
    "vpc_services": ("binding", "service_id", "remote"),
    "vpc_networks": ("binding", "tunnel_id", "network_id", "remote"),
}
LIST_LABELS = {"vpc_services": "VPC service", "vpc_networks": "VPC network"}


class Scope(Record):
    """One deployable set of bindings.

    ``path`` is where the scope's own keys live: ``()``, ``("env", "staging")``,
    ``("previews",)`` or ``("env", "staging", "previews")``. ``worker`` is the path of
    the Worker the scope belongs to (``()`` or ``("env", name)``). ``worker_table`` is
    the table of that Worker (the scope's own table unless previews).
    """

    __slots__ = ()

    def __new__(cls, path, table, env, is_previews, worker_table):
        return tuple.__new__(cls, (path, table, env, is_previews, worker_table))

    path = property(itemgetter(0))
    table = property(itemgetter(1))
    env = property(itemgetter(2))
    is_previews = property(itemgetter(3))
    worker_table = property(itemgetter(4))

    @property
    def worker(self) -> Path:
        return self.path[:-1] if self.is_previews else self.path

    @property
    def label(self) -> str:
        worker = "the top level" if self.env is None else f'env "{self.env}"'
        return f"previews of {worker}" if self.is_previews else worker


def iter_scopes(root: Any) -> Iterator[Scope]:
    """Top level, its previews, then every env and its previews (tables only).

    Every wrangler check walks the scopes of the same document, one after the other: the
    scopes of the last root asked for are kept (parsed values are never changed)."""
    global _last_scopes
    known = _last_scopes
    if known[0] is not root:
        known = _last_scopes = (root, tuple(_scopes(root)))
    return iter(known[1])


_last_scopes: tuple[Any, tuple[Scope, ...]] = (None, ())


def _scopes(root: Any) -> Iterator[Scope]:
    if not isinstance(root, dict):
        return
    yield Scope((), root, None, False, root)
    if isinstance(root.get("previews"), dict):
        yield Scope(("previews",), root["previews"], None, True, root)
    envs = root.get("env")
    if not isinstance(envs, dict):
        return
    for name, table in envs.items():
        if not isinstance(table, dict):
            continue
        yield Scope(("env", name), table, name, False, table)
        if isinstance(table.get("previews"), dict):
            yield Scope(("env", name, "previews"), table["previews"], name, True, table)


def is_scope_path(path: Path) -> bool:
    """True for the paths :func:`iter_scopes` can yield."""
    if path in ((), ("previews",)):
        return True
    if len(path) >= 2 and path[0] == "env" and isinstance(path[1], str):
        return path[2:] in ((), ("previews",))
    return False


def scope_name_uses(root: dict, scope: Scope) -> list[NameUse]:
    """Every binding name the Worker of ``scope`` sees, its own and the inherited ones.

    * top level: its own bindings;
    * ``env.<name>``: its own bindings, ``assets``/``logfwdr`` from the top level unless
      the environment sets its own (``null`` is not its own: wrangler inherits with
      ``??``), and the top-level-only ``wasm_modules``, ``text_blobs``, ``data_blobs``
      (wrangler ignores those keys inside an env);
    * previews: its own bindings plus the Worker's ``assets`` binding (preview uploads
      add it to the same set of names); wrangler never checks these names, so none of
      them is ``counted``.
    """
    if scope.is_previews:
        uses = list(names_in_table(scope.table, scope.path))
        uses.extend(_inherited_assets_binding(root, scope))
        return uses
    uses = []
    keys = scope.table.keys() if scope.env is None else scope.table.keys() | root.keys()
    for key in sorted((key for key in keys if key in KIND_ORDER), key=KIND_ORDER.__getitem__):
        kind = KINDS_BY_KEY[key]
        table, base = _source_of(root, scope, kind)
        if kind.key in table:
            found = kind_name_uses(kind, table[kind.key], (*base, kind.key))
            uses.extend(
                use._replace(inherited=True) if table is not scope.table else use for use in found
            )
    return uses


def _source_of(root: dict, scope: Scope, kind: BindingKind) -> tuple[dict, Path]:
    """The table (and its path) the Worker of a non-preview scope takes ``kind`` from."""
    if scope.env is not None and (
        kind.in_env == TOP_ONLY or (kind.in_env == INHERITED and scope.table.get(kind.key) is None)
    ):
        return root, ()
    return scope.table, scope.path


def _inherited_assets_binding(root: dict, scope: Scope) -> Iterator[NameUse]:
    """The `assets` binding of the scope's Worker (an env's own, else the top level's)."""
    own = scope.worker_table.get("assets") is not None
    assets = (scope.worker_table if own else root).get("assets")
    base = scope.worker if own else ()
    if isinstance(assets, dict) and isinstance(assets.get("binding"), str):
        kind = KINDS_BY_KEY["assets"]
        path = (*base, "assets", "binding")
        yield NameUse(assets["binding"], kind, path, "value", True, rel=("assets", "binding"))


# --- describing values and writing snippets in the document's own syntax -------------


def describe(value: Any, syntax: str) -> str:
    """A short phrase for a value of the wrong type: `the number 5`, `a table`, ..."""
    if value is None:
        return "`null`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the string "{value}"' if value else "an empty string"
    if isinstance(value, dict):
        return "a table" if syntax == "toml" else "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return f"the TOML date/time {value.isoformat()}"
    return f"a {type(value).__name__}"


def assignment(doc: Document, key: str, value_text: str) -> str:
    """`key = value` in TOML, `"key": value` in JSON."""
    if doc.syntax == "toml":
        return f"{key} = {value_text}"
    return f'"{key}": {value_text}'


def array_hint(doc: Document, path: Path, value: Any) -> str:
    """How to write a list of bindings that is written as ``value`` at ``path``."""
    if doc.syntax == "toml" and isinstance(value, dict):
        return f"write `[[{dotted(path)}]]` (double brackets) for each binding"
    if value is None:
        return f"write `{assignment(doc, path[-1], '[]')}` or remove the key"
    return f"write {an_entry(doc)} per binding inside `[ ]`"


def an_entry(doc: Document) -> str:
    """What one entry is called in the document's syntax, with its article."""
    return "a table" if doc.syntax == "toml" else "an object"


def list_label(list_key: str) -> str:
    return LIST_LABELS.get(list_key, list_key)


def dotted(path: Path) -> str:
    """`env.staging.vpc_services[1]` for a path."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
