"""VPC201-VPC211: what breaks at `wrangler dev` / `wrangler deploy`, in every scope.

Every check here looks only at values whose shape is right (a string ``binding``, a
boolean ``remote``, an array list ...). A value with the wrong shape already has its
VPC1xx finding, so it is skipped rather than reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic, Related
from vpclint.rules.bindings import (
    BINDING_VALUE,
    ENTRY_BINDINGS,
    NAMED_BINDINGS,
    TABLE_KEYS,
    NameUse,
)
from vpclint.rules.registry import check
from vpclint.rules.wrangler_keys import misspelt_lists
from vpclint.rules.wrangler_scopes import (
    VPC_LIST_KEYS,
    Scope,
    assignment,
    describe,
    dotted,
    iter_scopes,
    list_label,
    scope_name_uses,
)
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vpclint.document import Document

# As payload_values.NIL_UUID (not imported: wrangler runs need not load ipaddress).
NIL_UUID = "00000000-0000-0000-0000-000000000000"
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
HEX32 = re.compile(r"[0-9a-fA-F]{32}")
# Each bracketed alternative stops at the next opening bracket, so a value of 60,000
# `{{` (or `<`, `${`) is scanned once, not once per bracket (benchmarks/bench.py).
PLACEHOLDER = re.compile(
    r"replace|change[_ -]?me|todo|fixme|tbd|your|placeholder|dummy|example|insert|fill[_ -]?in"
    r"|<[^<>]*>|\$\{[^{}]*\}|\{\{[^{}]*\}\}|\$[A-Za-z_]|%[A-Za-z_]+%|x{4}|\.\.\.",
    re.IGNORECASE,
)
UPPER_SNAKE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
VOWEL_SOUND = re.compile(r"[AEIOUaeiou]|R2|mTLS")


def vpc_entries(scope: Scope, list_keys=VPC_LIST_KEYS) -> Iterator[tuple[str, Path, dict]]:
    """(list key, path, entry) of every object entry of the scope's VPC lists.

    ``previews.vpc_networks`` is left out: wrangler ignores it whole (VPC210 says so), so
    its entries are not checked one by one."""
    for list_key in list_keys:
        if scope.is_previews and list_key == "vpc_networks":
            continue
        entries = scope.table.get(list_key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield list_key, (*scope.path, list_key, index), entry


def required_field_findings(path: Path) -> tuple[tuple[str, Path], ...]:
    """The VPC1xx findings that say an entry's required fields are broken (a missing or
    empty `binding`, `service_id`, `tunnel_id` / `network_id`): such an entry gets no
    advice about its optional fields."""
    places = (path, *((*path, field) for field in ("binding", "service_id", "tunnel_id")))
    places += ((*path, "network_id"),)
    return tuple((code, place) for code in ("VPC103", "VPC104", "VPC107") for place in places)


def binding_names(entries: Any) -> list[str]:
    """Non-empty string ``binding`` values of a list, in order, without repeats."""
    names: list[str] = []
    if isinstance(entries, list):
        for entry in entries:
            name = entry.get("binding") if isinstance(entry, dict) else None
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return names


def article(label: str) -> str:
    return "an" if VOWEL_SOUND.match(label) else "a"


# --- VPC201 duplicate-binding-name ----------------------------------------------------


@check("wrangler", "VPC201")
def check_duplicate_names(doc: Document) -> Iterator[Diagnostic]:
    root = doc.value
    for scope in iter_scopes(root):
        uses = scope_name_uses(root, scope)
        uses.sort(key=lambda use: doc.offsets(use.path, use.at)[0])
        if not scope.is_previews:  # wrangler never checks the names of previews
            yield from _object_property_names(doc, uses)
            yield from _table_names(doc, uses)
        earlier_by_name: dict[str, list[NameUse]] = {}
        for use in uses:
            if _holds_toml_table(doc, use):
                continue
            earlier = earlier_by_name.setdefault(use.name, [])
            first = next((old for old in earlier if _clash(old, use, scope)), None)
            earlier.append(use)
            if first is not None:
                yield _duplicate(doc, first, use, scope)


def _clash(first: NameUse, second: NameUse, scope: Scope) -> bool:
    """Whether two uses of one name are reported here.

    Not when both are inherited (the top-level scope reports it), when the name is empty
    and one is a VPC binding (VPC103 reports it), or when the name breaks wrangler anyway
    (:func:`_object_property_names`). A name only wrangler's check makes up (a ``quirk``)
    clashes only with names that check collects too.
    """
    if first.inherited and second.inherited:
        return False
    if (first.quirk or second.quirk) and not (first.counted and second.counted):
        return False
    if second.name in OBJECT_PROPERTIES and second.counted and not scope.is_previews:
        return False
    is_vpc = first.kind.key in VPC_LIST_KEYS or second.kind.key in VPC_LIST_KEYS
    return not (second.name == "" and is_vpc)


# Properties every JavaScript object has (Node's `Object.prototype`). wrangler 4.164.0
# groups binding names in a plain object, so a binding with one of these names makes its
# duplicate check throw "bindingsGroupedByName[bindingName].push is not a function".
OBJECT_PROPERTIES = frozenset(
    {
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "hasOwnProperty",
        "__lookupGetter__",
        "__lookupSetter__",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toString",
        "valueOf",
        "__proto__",
        "toLocaleString",
    }
)


def _object_property_names(doc: Document, uses: list[NameUse]) -> Iterator[Diagnostic]:
    """Names wrangler's duplicate check cannot hold (its own, not inherited ones)."""
    for use in uses:
        if use.inherited or not use.counted or use.name not in OBJECT_PROPERTIES:
            continue
        reasons = "".join(f" ({reason})" for reason in _reasons(doc, use))
        yield doc.diagnostic(
            "VPC201",
            use.path,
            f'binding name "{use.name}" breaks wrangler\'s duplicate-name check{reasons}: '
            f'every JavaScript object already has a property "{use.name}", so wrangler stops '
            'with "bindingsGroupedByName[bindingName].push is not a function"',
            at=use.at,
            fix=f'rename it to "{_unused_name(upper_snake(use.name), {u.name for u in uses})}"',
        )


def _holds_toml_table(doc: Document, use: NameUse) -> bool:
    """A name wrangler would make of a TOML table: smol-toml's tables have no prototype,
    so JavaScript cannot turn them into a string (nor an array that holds one)."""
    if doc.syntax != "toml":
        return False
    pending = [use.written]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            return True
        if isinstance(value, list):
            pending.extend(value)
    return False


def _table_names(doc: Document, uses: list[NameUse]) -> Iterator[Diagnostic]:
    """A TOML table where wrangler's check reads a name: it stops at it."""
    for use in uses:
        if use.inherited or not _holds_toml_table(doc, use):
            continue
        reasons = "".join(f" ({reason})" for reason in _reasons(doc, use)[:1])
        yield doc.diagnostic(
            "VPC201",
            use.path,
            f"wrangler's duplicate-name check reads this value as a binding name{reasons}, "
            'but a TOML table cannot be turned into one: wrangler stops with "Cannot '
            'convert object to primitive value"; write the binding name as a string',
            fix=f'write a string name, such as `binding = "{upper_snake(use.kind.key)}"`',
        )


def _duplicate(doc: Document, first: NameUse, second: NameUse, scope: Scope) -> Diagnostic:
    line = doc.line_of(first.path, first.at)
    same_kind = first.kind is second.kind and not (first.quirk or second.quirk)
    owner = f"another {first.kind.label}" if same_kind else _the(first)
    details = []
    if first.inherited:
        details.append("inherited from the top level")
    this_one = [] if same_kind else [_a(second)]
    if second.inherited:
        this_one.append("inherited from the top level")
    if this_one:
        details.append(f"this one is {', '.join(this_one)}")
    for use in (first, second):
        details.extend(reason for reason in _reasons(doc, use) if reason not in details)
    where = f" in {scope.label}" if second.inherited else ""
    message = f'binding name "{second.name}" is already used by {owner} on line {line}{where}'
    if details:
        message += f" ({'; '.join(details)})"
    return doc.diagnostic(
        "VPC201",
        second.path,
        message,
        at=second.at,
        related=(doc.related(first.path, "first used here", at=first.at),),
        fix="rename one of the two bindings",
    )


def _container(use: NameUse) -> str:
    """The table or list wrangler found a quirk name in: `vars`, `queues.producers`, ..."""
    strip = {NAMED_BINDINGS: 3, ENTRY_BINDINGS: 2}.get(use.quirk, 1)
    return dotted(use.rel[:-strip])


def _reasons(doc: Document, use: NameUse) -> list[str]:
    """Why wrangler counts a name that is not a plain binding name."""
    reasons = []
    where = _container(use)
    if use.quirk == TABLE_KEYS:
        reasons.append(
            f"wrangler counts the keys of {article(where)} `{where}` table without `binding` "
            "(and without a `bindings` list of named entries) as binding names"
        )
    elif use.quirk == BINDING_VALUE:
        reasons.append(
            f"wrangler reads {article(where)} `{where}` table with a `binding` key as one "
            "binding named by its value"
        )
    elif use.quirk == NAMED_BINDINGS:
        reasons.append(
            f"wrangler reads {article(where)} `{where}` table whose `bindings` entries all "
            "have a `name` as bindings named by them"
        )
    elif use.quirk == ENTRY_BINDINGS:
        reasons.append(
            f"wrangler counts the `binding` of each `{where}` entry as a binding name when "
            "every entry has one"
        )
    if use.written is not None:
        reasons.append(
            f'wrangler turns {describe(use.written, doc.syntax)} into the name "{use.name}"'
        )
    return reasons


def _the(use: NameUse) -> str:
    if use.quirk == TABLE_KEYS:
        return f"the key `{use.name}` of `{_container(use)}`"
    if use.quirk:
        return f"the value of `{dotted(use.rel)}`"
    return f"the {use.kind.label}"


def _a(use: NameUse) -> str:
    if use.quirk == TABLE_KEYS:
        return f"a key of `{_container(use)}`"
    if use.quirk:
        return f"the value of `{dotted(use.rel)}`"
    return f"{article(use.kind.label)} {use.kind.label}"


# --- VPC202 remote-false, VPC203 remote-unset -----------------------------------------


@check("wrangler", "VPC202", "VPC203")
def check_remote(doc: Document) -> Iterator[Diagnostic]:
    # Previews are preview deployments; `wrangler dev` never reads them.
    for scope in iter_scopes(doc.value):
        if scope.is_previews:
            continue
        for list_key, path, entry in vpc_entries(scope):
            label = list_label(list_key)
            fix = f"write `{assignment(doc, 'remote', 'true')}`"
            if entry.get("remote") is False:
                yield doc.diagnostic(
                    "VPC202",
                    (*path, "remote"),
                    f"`remote` is false, but a {label} binding has no local simulator: "
                    f"`wrangler dev` refuses to start ({label} bindings do not support local "
                    "development)",
                    fix=fix,
                )
            elif "remote" not in entry:
                yield doc.diagnostic(
                    "VPC203",
                    path,
                    f"this {label} binding does not set `remote`: `wrangler dev` still uses the "
                    "real service (and warns that it may incur usage charges)",
                    at="head",
                    fix=f"add `{assignment(doc, 'remote', 'true')}`",
                    unless=required_field_findings(path),
                )


# --- VPC204 env-missing-vpc-list, VPC205 env-missing-binding --------------------------


@check("wrangler", "VPC204", "VPC205")
def check_env_inheritance(doc: Document) -> Iterator[Diagnostic]:
    root = doc.value
    for scope in iter_scopes(root):
        if scope.env is None or scope.is_previews:
            continue
        for list_key in VPC_LIST_KEYS:
            top_entries = root.get(list_key)
            if not isinstance(top_entries, list) or not top_entries:
                continue
            if list_key not in scope.table:
                yield _env_missing_list(doc, scope, list_key)
            elif scope.table[list_key] and isinstance(scope.table[list_key], list):
                # An explicitly empty list says the environment has none of them.
                yield from _env_missing_bindings(doc, scope, list_key)


def _env_missing_list(doc: Document, scope: Scope, list_key: str) -> Diagnostic:
    misspelt = {
        meant: key
        for meant, key in misspelt_lists(scope.table, scope.path).items()
        if meant == list_key
    }
    names = binding_names(doc.value[list_key])
    listed = f" ({', '.join(names)})" if names else ""
    label = list_label(list_key)
    return doc.diagnostic(
        "VPC204",
        scope.path,
        f"{scope.label} has no `{list_key}`: the top-level {label} bindings{listed} are not "
        f"inherited, so the Worker deployed with `--env {scope.env}` has none of them",
        at="key",
        related=(doc.related((list_key,), "top-level bindings defined here"),),
        fix=f"add `{list_key}` to {dotted(scope.path)} with the bindings it needs "
        f"(an empty list if it needs none)",
        unless=tuple(("VPC212", (*scope.path, key)) for key in misspelt.values()),
    )


def _env_missing_bindings(doc: Document, scope: Scope, list_key: str) -> Iterator[Diagnostic]:
    present = set(binding_names(scope.table[list_key]))
    label = list_label(list_key)
    for index, entry in enumerate(doc.value[list_key]):
        name = entry.get("binding") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name or name in present:
            continue
        present.add(name)  # report each missing name once
        top_path = (list_key, index, "binding")
        line = doc.line_of(top_path, "value")
        yield doc.diagnostic(
            "VPC205",
            (*scope.path, list_key),
            f'{scope.label} has no {label} binding "{name}", which the top level defines on '
            f"line {line}: bindings are not inherited, so the Worker deployed with "
            f"`--env {scope.env}` lacks it",
            at="key",
            related=(doc.related(top_path, "defined at the top level here", at="value"),),
            fix=f'add a binding "{name}" to `{dotted((*scope.path, list_key))}`',
        )


# --- VPC206 invalid-service-id, VPC207 invalid-tunnel-id ------------------------------


@check("wrangler", "VPC206", "VPC207")
def check_ids(doc: Document) -> Iterator[Diagnostic]:
    for scope in iter_scopes(doc.value):
        for list_key, path, entry in vpc_entries(scope):
            field, code = (
                ("service_id", "VPC206") if list_key == "vpc_services" else ("tunnel_id", "VPC207")
            )
            value = entry.get(field)
            if not isinstance(value, str) or not value:
                continue  # VPC104 / VPC107
            if not UUID.fullmatch(value):
                yield doc.diagnostic(
                    code,
                    (*path, field),
                    _id_problem(field, value),
                    fix=_id_fix(field, value),
                    unless=((INVENTORY_CODES[code], (*path, field)),),  # a name, a typo
                )
            elif value == NIL_UUID:
                yield _nil_id(doc, code, (*path, field))


def _nil_id(doc: Document, code: str, path: Path) -> Diagnostic:
    """The nil UUID: never a real service (an error); as a `tunnel_id`, a warning, as
    for a payload's `tunnel_id` (VPC308): the API rejects it."""
    field = path[-1]
    return doc.diagnostic(
        code,
        path,
        f'`{field}` is the nil UUID "{NIL_UUID}", which is never a real id: the API rejects '
        "the binding at deploy time",
        fix=f"replace it with {_id_source(field)}",
        severity="warning" if field == "tunnel_id" else None,
    )


# With an inventory, VPC215 / VPC216 explain an id that is a service's or tunnel's name
# or a typo of a real id better than "not a UUID".
INVENTORY_CODES = {"VPC206": "VPC215", "VPC207": "VPC216"}


def _id_source(field: str) -> str:
    if field == "service_id":
        return "the VPC service's UUID (`wrangler vpc service list` shows it)"
    return "the Cloudflare Tunnel's UUID (`cloudflared tunnel list` shows it)"


def _id_problem(field: str, value: str) -> str:
    shown = value if len(value) <= 60 else value[:59] + "…"
    quoted = f'`{field}` "{shown}"'
    if UUID.fullmatch(value.strip()):
        return f"{quoted} has spaces around the UUID"
    if HEX32.fullmatch(value):
        return f"{quoted} is missing its hyphens: a UUID is written 8-4-4-4-12"
    if PLACEHOLDER.search(value):
        extra = ""
        if "$" in value or "%" in value:
            extra = " (wrangler does not substitute environment variables in its config)"
        return f"{quoted} is a placeholder{extra}: it must be replaced before deploying"
    return (
        f"{quoted} is not a UUID (8-4-4-4-12 hex digits such as "
        "0199295b-b3ac-7760-8246-bca40877b3e9)"
    )


def _id_fix(field: str, value: str) -> str:
    if UUID.fullmatch(value.strip()):
        return f'write "{value.strip()}"'
    if HEX32.fullmatch(value):
        hyphenated = "-".join(
            (value[:8], value[8:12], value[12:16], value[16:20], value[20:])
        ).lower()
        return f'write "{hyphenated}"'
    return f"replace it with {_id_source(field)}"


# --- VPC208 binding-not-identifier, VPC211 binding-name-style -------------------------


def is_js_identifier(name: str) -> bool:
    """ID_Start (or `$`, `_`) then ID_Continue (or `$`): usable as `env.NAME`."""
    return name.replace("$", "_").isidentifier()


def upper_snake(name: str) -> str:
    """`myApi` -> `MY_API`, `my-api 1` -> `MY_API_1`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    words = [word for word in re.split(r"[^A-Za-z0-9]+", spaced) if word]
    snake = "_".join(words).upper()
    if not snake:
        return "API"
    return f"_{snake}" if snake[0].isdigit() else snake


@check("wrangler", "VPC208", "VPC211")
def check_binding_names(doc: Document) -> Iterator[Diagnostic]:
    for scope in iter_scopes(doc.value):
        taken = {use.name for use in scope_name_uses(doc.value, scope)}
        for list_key, path, entry in vpc_entries(scope):
            name = entry.get("binding")
            if not isinstance(name, str) or not name:
                continue  # VPC103
            rename = f'rename it to "{_unused_name(upper_snake(name), taken)}"'
            if not is_js_identifier(name):
                yield doc.diagnostic(
                    "VPC208",
                    (*path, "binding"),
                    f'binding "{name}" is not a valid JavaScript identifier, so the Worker '
                    f"cannot use it as `env.{name}` (an identifier has letters, digits, `_` or "
                    "`$`, and does not start with a digit)",
                    fix=rename,
                )
            elif not UPPER_SNAKE.fullmatch(name):
                yield doc.diagnostic(
                    "VPC211",
                    (*path, "binding"),
                    f'binding "{name}" of this {list_label(list_key)} is not UPPER_SNAKE_CASE, '
                    "the convention for Worker bindings",
                    fix=f"{rename} (and its uses in the Worker)",
                )


# --- VPC209 pages-unsupported ---------------------------------------------------------


def pages_marker(doc: Document) -> tuple[int, Related] | None:
    """For a Pages config (`pages_build_output_dir` present, whatever its value): the line
    of that key and a related location at it; None for a Worker config."""
    if not isinstance(doc.value, dict) or "pages_build_output_dir" not in doc.value:
        return None
    key = ("pages_build_output_dir",)
    return doc.line_of(key), doc.related(key, "this makes it a Pages config")


@check("wrangler", "VPC209")
def check_pages(doc: Document) -> Iterator[Diagnostic]:
    pages = pages_marker(doc)
    if pages is None:
        return
    line, marker = pages
    for scope in iter_scopes(doc.value):
        for list_key in VPC_LIST_KEYS:
            entries = scope.table.get(list_key)
            if isinstance(entries, list) and entries:
                yield doc.diagnostic(
                    "VPC209",
                    (*scope.path, list_key),
                    f"Pages projects do not support `{list_key}` (this is a Pages config: "
                    f"`pages_build_output_dir` is set on line {line}); Pages commands refuse "
                    "the config",
                    at="key",
                    related=(marker,),
                    fix=f"move the {list_label(list_key)} bindings to a Worker project, or "
                    "remove them",
                )


# --- VPC210 previews-vpc-networks-ignored ---------------------------------------------


@check("wrangler", "VPC210")
def check_previews_networks(doc: Document) -> Iterator[Diagnostic]:
    for scope in iter_scopes(doc.value):
        if scope.is_previews and "vpc_networks" in scope.table:
            yield doc.diagnostic(
                "VPC210",
                (*scope.path, "vpc_networks"),
                "wrangler does not support `vpc_networks` under `previews`: its config "
                'validation warns "Unexpected fields found in previews field" and never checks '
                "these bindings (so vpclint does not check their entries either)",
                at="key",
                fix="remove `vpc_networks` from `previews`",
            )


# --- VPC214 reserved-binding-name -----------------------------------------------------

RESERVED_IN_PAGES = "ASSETS"


@check("wrangler", "VPC214")
def check_reserved_names(doc: Document) -> Iterator[Diagnostic]:
    """`ASSETS` in a Pages config: wrangler refuses it whatever the binding's kind."""
    pages = pages_marker(doc)
    if pages is None:
        return
    line, marker = pages
    for scope in iter_scopes(doc.value):
        if scope.is_previews:  # wrangler checks no names of previews
            continue
        uses = scope_name_uses(doc.value, scope)
        taken = {use.name for use in uses}
        for use in uses:
            # Inherited names are reported at the top level; `vars.binding = ["ASSETS"]`
            # is not the string wrangler compares with.
            if use.name != RESERVED_IN_PAGES or use.inherited or use.written is not None:
                continue
            suggestion = _unused_name(f"{RESERVED_IN_PAGES}_{upper_snake(use.kind.label)}", taken)
            reasons = "".join(f" ({reason})" for reason in _reasons(doc, use))
            owner = _a(use)
            yield doc.diagnostic(
                "VPC214",
                use.path,
                f'binding name "ASSETS" is reserved in Pages projects (this is a Pages config: '
                f"`pages_build_output_dir` is set on line {line}): wrangler refuses it for "
                f"any binding, here {owner}{reasons}",
                at=use.at,
                related=(marker,),
                fix=f'rename it to "{suggestion}" (and its uses in the code)',
            )


def _unused_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``, ... when that is taken already."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    return candidate
