"""VPC201, VPC208, VPC211, VPC214: binding names (duplicates, identifiers, case,
names reserved by Pages)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic
from vpclint.rules.registry import check
from vpclint.rules.wrangler.bindings import (
    BINDING_VALUE,
    ENTRY_BINDINGS,
    NAMED_BINDINGS,
    TABLE_KEYS,
    NameUse,
)
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    UUID,
    article,
    vpc_entries,
    wrangler_rule,
)
from vpclint.rules.wrangler.pages import pages_marker
from vpclint.rules.wrangler.scopes import (
    VPC_LIST_KEYS,
    Scope,
    describe,
    dotted,
    iter_scopes,
    list_label,
    scope_name_uses,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document


wrangler_rule(
    code="VPC201",
    name="duplicate-binding-name",
    severity="error",
    summary="Two bindings of one Worker share a name.",
    what=(
        "Reports a binding name used twice by one Worker: within `vpc_services`, or across "
        "every binding kind (`kv_namespaces`, `d1_databases`, `services`, `vars` keys, "
        "`durable_objects.bindings[].name`, `queues.producers`, `send_email` and "
        "`ratelimits` `name`, `secrets.required`, ...). Checked for the top level, each "
        "`env.<name>` (with what it inherits: `assets`, `logfwdr`, and the top-level-only "
        "`wasm_modules`, `text_blobs`, `data_blobs`) and `previews`, whichever environment "
        "you deploy (an environment's `null` inherits, as in wrangler). Names are compared "
        "case-sensitively (`api` and `API` do not clash). Reported at the second use, with "
        "the first as a related location. It also reports the clashes of the names "
        "wrangler's own check reads from the shape of a value, whatever its key: the "
        '`name`s of a `bindings` list (`vars = { bindings = [{ name = "API" }] }`), the '
        "`binding` of every entry of a list, the value of a table's `binding` key "
        "(`vars.binding`, even a number), and otherwise a table's keys (`assets` without "
        "`binding`, `unsafe.metadata`); the message says why such a name counts. Also "
        "reports a name wrangler's check cannot hold at all: "
        "`constructor`, `toString`, `valueOf`, `__proto__` and the other properties every "
        'JavaScript object has (wrangler stops with "push is not a function").'
    ),
    why=(
        'Each binding becomes a property of `env`; wrangler refuses the config ("Bindings '
        'must have unique names"). wrangler only checks the environment being deployed, '
        "misses `send_email`/`ratelimits` names and skips a whole list when one entry is "
        "malformed; vpclint checks all of them."
    ),
    example=(
        '[[kv_namespaces]]\nbinding = "API"\nid = "0f2ac74b498b48028cb68387c421e279"\n\n'
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
    ),
    use_instead=(
        '[[kv_namespaces]]\nbinding = "CACHE"\nid = "0f2ac74b498b48028cb68387c421e279"\n\n'
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
    ),
)

wrangler_rule(
    code="VPC208",
    name="binding-not-identifier",
    severity="warning",
    summary="A VPC `binding` is not a valid JavaScript identifier.",
    what=(
        "Reports a `binding` of a VPC entry that is not a JavaScript identifier (letters, "
        "digits, `_`, `$`, not starting with a digit), with an UPPER_SNAKE_CASE suggestion."
    ),
    why=(
        "The Worker reads the binding as `env.NAME`; a name such as `billing-api` can only "
        'be reached as `env["billing-api"]`, and `wrangler types` emits awkward types.'
    ),
    example=f'[[vpc_services]]\nbinding = "billing-api"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC211",
    name="binding-name-style",
    severity="info",
    default_enabled=False,
    summary="A VPC binding name is not UPPER_SNAKE_CASE (off by default).",
    what=(
        "Reports a VPC `binding` that is a valid identifier but not UPPER_SNAKE_CASE, with "
        "the suggested name. Off by default; select it with `--select VPC211`."
    ),
    why=(
        "Bindings are constants provided by the platform; UPPER_SNAKE_CASE is the "
        "convention in Cloudflare's docs and templates and keeps them apart from variables."
    ),
    example=f'[[vpc_services]]\nbinding = "billingApi"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC214",
    name="reserved-binding-name",
    severity="error",
    summary="`ASSETS` names a binding in a Pages config.",
    what=(
        "Reports a binding of any kind named `ASSETS` (a VPC service, a KV namespace, a "
        "variable, ...) in a config that has `pages_build_output_dir`, whatever its value, "
        "at the top level and in every `env.<name>`. Names that only wrangler's own "
        "duplicate check makes up (the value of `vars.binding`, the keys of `assets`) count "
        "too, as they do for wrangler."
    ),
    why=(
        "Pages serves the project's static files through a binding called `ASSETS`; "
        "wrangler refuses the config (\"The name 'ASSETS' is reserved in Pages projects\")."
    ),
    example=(
        'pages_build_output_dir = "./dist"\n\n'
        '[[kv_namespaces]]\nbinding = "ASSETS"\nid = "0f2ac74b498b48028cb68387c421e279"\n'
    ),
    use_instead=(
        'pages_build_output_dir = "./dist"\n\n'
        '[[kv_namespaces]]\nbinding = "STATIC_FILES"\nid = "0f2ac74b498b48028cb68387c421e279"\n'
    ),
)


UPPER_SNAKE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def is_upper_snake(name: str) -> bool:
    """`[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*`: words of capitals and digits joined by single `_`."""
    return (
        "A" <= name[:1] <= "Z"
        and UPPER_SNAKE_CHARACTERS.issuperset(name)
        and "__" not in name
        and not name.endswith("_")
    )


@check("wrangler", "VPC201")
def check_duplicate_names(doc: Document) -> Iterator[Diagnostic]:
    root = doc.value
    for scope in iter_scopes(root):
        uses = scope_name_uses(root, scope)
        if _nothing_to_report(uses):
            continue
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


def _nothing_to_report(uses: list[NameUse]) -> bool:
    """Names that are all different, none an object property, none made from a value
    that is not a string: no finding can come of them (the common case)."""
    names = {use.name for use in uses}
    return (
        len(names) == len(uses)
        and names.isdisjoint(OBJECT_PROPERTIES)
        and all(use.written is None for use in uses)
    )


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
    if doc.syntax != "toml" or use.written is None:  # None: the name was written as a string
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


@check("wrangler", "VPC208")
def check_binding_identifiers(doc: Document) -> Iterator[Diagnostic]:
    for _list_key, path, name, rename in _misnamed_bindings(doc, identifiers=False):
        yield doc.diagnostic(
            "VPC208",
            (*path, "binding"),
            f'binding "{name}" is not a valid JavaScript identifier, so the Worker '
            f"cannot use it as `env.{name}` (an identifier has letters, digits, `_` or "
            "`$`, and does not start with a digit)",
            fix=rename,
        )


@check("wrangler", "VPC211")  # a check of its own: off by default, it then never runs
def check_binding_style(doc: Document) -> Iterator[Diagnostic]:
    for list_key, path, name, rename in _misnamed_bindings(doc, identifiers=True):
        yield doc.diagnostic(
            "VPC211",
            (*path, "binding"),
            f'binding "{name}" of this {list_label(list_key)} is not UPPER_SNAKE_CASE, '
            "the convention for Worker bindings",
            fix=f"{rename} (and its uses in the Worker)",
        )


def _misnamed_bindings(doc: Document, identifiers: bool) -> Iterator[tuple]:
    """(list key, entry path, name, the fix naming a new name) of each VPC binding whose
    name is not UPPER_SNAKE_CASE: the ones that are JavaScript identifiers, or the others."""
    for scope in iter_scopes(doc.value):
        taken = None  # the scope's binding names, read for the first finding's new name
        for list_key, path, entry in vpc_entries(scope):
            name = entry.get("binding")
            if not isinstance(name, str) or not name:
                continue  # VPC103
            if is_js_identifier(name) != identifiers or (identifiers and is_upper_snake(name)):
                continue
            if taken is None:
                taken = {use.name for use in scope_name_uses(doc.value, scope)}
            yield list_key, path, name, f'rename it to "{_unused_name(upper_snake(name), taken)}"'


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
