"""VPC101-VPC107: the shape of `vpc_services` / `vpc_networks`, from the bundled schema.

``schemas/wrangler-vpc.schema.json`` is the single definition of the shapes. This
module runs it and translates every schema error into one rule, reported at the exact
key or value. Each error only says *which check* failed for *which entry*; the message
is then written from the entry itself, so two schema errors with one root cause (a
``oneOf`` failure and a type error for the same ``tunnel_id``, say) become one finding.

Translation, by where the error is (``scope`` is (), ``env.<name>``, ``previews`` ...):

* ``scope.<list>`` wrong type                       -> VPC101 at the value
* ``scope.<list>[i]`` wrong type                    -> VPC102 at the value
* ``scope.<list>[i]`` ``required`` binding          -> VPC103 at the entry head
* ``scope.<list>[i]`` ``required`` service_id       -> VPC104 at the entry head
* ``scope.<list>[i]`` ``additionalProperties``      -> VPC105 at each unknown key
* ``scope.<list>[i]`` ``oneOf`` (tunnel/network)    -> VPC107
* ``scope.<list>[i].binding|service_id|remote``     -> VPC103 | VPC104 | VPC106 at the value
* ``scope.<list>[i].tunnel_id|network_id``          -> VPC107

Nothing is reported inside a list that is not an array, or an entry that is not an
object: that one finding says it all."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

from vpclint.diagnostics import SAFE, UNSAFE, Diagnostic
from vpclint.record import Record
from vpclint.rules.edits import is_header, rename_key
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    TUNNEL,
    UUID,
    wrangler_rule,
)
from vpclint.rules.wrangler.keys import captured_keys
from vpclint.rules.wrangler.scopes import (
    ENTRY_FIELDS,
    VPC_LIST_KEYS,
    an_entry,
    array_hint,
    assignment,
    describe,
    is_scope_path,
    list_label,
)
from vpclint.source.model import Path

wrangler_rule(
    code="VPC101",
    name="binding-list-not-array",
    severity="error",
    summary="`vpc_services` or `vpc_networks` is not an array.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` value that is not an array, at the top "
        "level, in any `env.<name>` or in `previews`. In TOML the usual cause is a single "
        "`[vpc_services]` table header instead of one `[[vpc_services]]` (double brackets) "
        "per binding. Fix (safe): a table that holds one binding (its keys have plain "
        "values, no sub-tables) becomes a list of that one binding: the header "
        "`[vpc_services]` becomes `[[vpc_services]]`, an inline table or JSON object is "
        "wrapped in `[ ]`, its text kept; only when the binding wrangler then reads raises "
        "no new error (a bad id, a name used twice): fix those first. A missing `remote` "
        "is then reported (VPC203) and added by its own fix. "
        "A table of dotted keys (`vpc_services.binding = ...`) gets no fix."
    ),
    why=(
        'wrangler refuses the config ("should be an array"); the Worker cannot be started '
        "or deployed."
    ),
    example=f'[vpc_services]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC102",
    name="binding-entry-not-object",
    severity="error",
    summary="An element of `vpc_services` / `vpc_networks` is not a table/object.",
    what=(
        "Reports an element of a VPC binding list that is a string, number, array or null "
        "instead of a table (TOML) or object (JSON) with `binding` and `service_id` (or "
        "`tunnel_id` / `network_id`). Nothing else is reported for that element."
    ),
    why='wrangler refuses the config ("bindings should be objects").',
    example='vpc_services = ["BILLING_API"]\n',
    use_instead=(
        f'vpc_services = [{{ binding = "BILLING_API", service_id = "{UUID}", remote = true }}]\n'
    ),
)

wrangler_rule(
    code="VPC103",
    name="missing-binding",
    severity="error",
    summary="A VPC binding has no `binding`, or it is not a string, or it is empty.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` entry without a `binding` (at the entry), "
        "or whose `binding` is not a string or is empty (at the value). When an unknown key "
        "looks like a misspelt `binding` (`name`, `Binding`), the message names it. Fix "
        "(safe): VPC105's rename of that key, under VPC105's conditions."
    ),
    why=(
        "`binding` is the name the Worker uses (`env.NAME`). wrangler refuses an entry "
        "without a string `binding`; an empty name passes wrangler's check but cannot be "
        "used, and `wrangler types` fails on it."
    ),
    example=f'[[vpc_services]]\nname = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC104",
    name="missing-service-id",
    severity="error",
    summary="A `vpc_services` entry has no `service_id`, or it is not a string, or empty.",
    what=(
        "Reports a `vpc_services` entry without `service_id` (at the entry), or whose "
        "`service_id` is not a string or is empty (at the value). A misspelt key "
        "(`service_ID`, `serviceId`) or an attempt to bind by name (`service`) is named in "
        "the message. Fix (safe): VPC105's rename of a misspelt key, under VPC105's "
        "conditions."
    ),
    why=(
        "A VPC Service binding is resolved by the service's id; wrangler refuses an entry "
        "without one, and binding by name is not supported."
    ),
    example='[[vpc_services]]\nbinding = "BILLING_API"\nservice = "billing"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC105",
    name="unknown-binding-field",
    severity="warning",
    summary="A VPC binding entry has a key wrangler does not know.",
    what=(
        "Reports every key of a `vpc_services` entry other than `binding`, `service_id`, "
        "`remote` (for `vpc_networks`: `binding`, `tunnel_id`, `network_id`, `remote`), at "
        "the key, with the nearest valid key (`service_ID` -> `service_id`). `service` gets "
        "its own message: binding a VPC service by name is not supported. Settings of the "
        "VPC service itself (`host`, `port`, ...) are pointed out as such. Fix (safe): "
        "renames a misspelt key to the nearest valid key, in the key's own quoting, when "
        "that key is absent, no other key of the entry stands for it and its value is one "
        "the valid key takes (a UUID id, or one VPC206/VPC207 write as a UUID in the next "
        "pass: 32 hex digits, braces, spaces; an upper-case binding name no other binding "
        "uses, at the top level only in a config without environments; "
        "`remote = true`); the same rename fixes VPC103, VPC104 and VPC107 when they name "
        "the misspelt key."
    ),
    why=(
        "wrangler only warns and then ignores the key, so the setting you meant is lost, "
        "and a misspelt required key also makes the entry invalid."
    ),
    example=(f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_ID = "{UUID}"\nremote = true\n'),
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC106",
    name="remote-not-boolean",
    severity="error",
    summary="`remote` on a VPC binding is not `true` or `false`.",
    what=(
        "Reports a `remote` value that is not a boolean: a string, a number or `null`. Fix: "
        '`"true"` (any letter case) becomes `true` (safe: wrangler already runs it remotely, '
        'as written); `"yes"`, `"on"`, `"1"` and `1` become `true` (unsafe: the behaviour '
        'stays, but the intent is a guess). `"false"`, `0`, `null` and other values get no '
        "fix: wrangler runs them remotely too, so `true` keeps the behaviour against the "
        "intent, and `false` stops `wrangler dev` (VPC202)."
    ),
    why=(
        'wrangler never checks `remote` on VPC bindings and silently treats `"yes"`, `1` or '
        "`null` as remote, while its JSON Schema rejects them: the config means something "
        "other than what it says, and editors flag it."
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = "yes"\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC107",
    name="vpc-network-target",
    severity="error",
    summary="A `vpc_networks` entry needs exactly one string `tunnel_id` or `network_id`.",
    what=(
        "Reports a `vpc_networks` entry that has both `tunnel_id` and `network_id`, or "
        "neither (at the entry), or whose one id is not a non-empty string (at the value). "
        "One finding per entry, whatever else is wrong with the ids. Fix (safe): VPC105's "
        "rename of a misspelt `tunnel_id` / `network_id`, under VPC105's conditions."
    ),
    why=(
        "A VPC Network binding routes through exactly one Cloudflare Tunnel or one network; "
        "wrangler refuses an entry with both, neither, or a non-string id."
    ),
    example=(
        f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\n'
        'network_id = "cf1:network"\nremote = true\n'
    ),
    use_instead=f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\nremote = true\n',
)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document

SHAPE_CODES = ("VPC101", "VPC102", "VPC103", "VPC104", "VPC105", "VPC106", "VPC107")

# Which check a field-level schema error belongs to.
FIELD_CHECKS = {
    "binding": "binding",
    "service_id": "service_id",
    "remote": "remote",
    "tunnel_id": "target",
    "network_id": "target",
}
REQUIRED_CHECKS = {"binding": "binding", "service_id": "service_id"}
TARGETS = ("tunnel_id", "network_id")

NAME_EXAMPLE = '"NAME"'
UUID_EXAMPLE = '"<uuid>"'
ID_EXAMPLE = '"<id>"'

# Keys that name the VPC service itself, not a binding to it.
SERVICE_DEFINITION_FIELDS = frozenset(
    {
        "host",
        "hostname",
        "ipv4",
        "ipv6",
        "port",
        "http_port",
        "https_port",
        "tcp_port",
        "type",
        "tls_settings",
        "app_protocol",
        "resolver_network",
        "resolver_ips",
        "url",
    }
)
# Keys that are a different name for a real field.
ALIASES = {
    "vpc_services": {"name": "binding", "id": "service_id", "uuid": "service_id"},
    "vpc_networks": {"name": "binding", "tunnel": "tunnel_id", "network": "network_id"},
}
SERVICE_BY_NAME = frozenset({"service", "service_name", "servicename", "vpc_service"})


class Located(Record):
    """Where a schema error is: the list, and (if any) the entry index and field."""

    __slots__ = ()

    def __new__(cls, list_path, list_key, index, field):
        return tuple.__new__(cls, (list_path, list_key, index, field))

    list_path = property(itemgetter(0))
    list_key = property(itemgetter(1))
    index = property(itemgetter(2))
    field = property(itemgetter(3))

    @property
    def entry_path(self) -> Path:
        return (*self.list_path, self.index)


def locate(path: Path) -> Located | None:
    """Split an instance path into scope, list key, entry index and field."""
    for position, part in enumerate(path):
        if part in VPC_LIST_KEYS and is_scope_path(path[:position]):
            rest = path[position + 1 :]
            index = rest[0] if rest and isinstance(rest[0], int) else None
            field = rest[1] if len(rest) > 1 and isinstance(rest[1], str) else None
            return Located(path[: position + 1], part, index, field)
    return None


def classify(error) -> Iterator[tuple[str, Located, str | None]]:
    """(check, location, unknown key) for one schema error.

    Checks: "list", "entry", "binding", "service_id", "unknown", "remote", "target".
    """
    located = locate(tuple(error.absolute_path))
    if located is None:
        return
    if located.index is None:
        yield "list", located, None
    elif located.field is not None:
        if located.field in FIELD_CHECKS:
            yield FIELD_CHECKS[located.field], located, None
    elif error.validator == "type":
        yield "entry", located, None
    elif error.validator == "required":
        for name in error.validator_value:
            if name not in error.instance:
                yield REQUIRED_CHECKS.get(name, "target"), located, None
    elif error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        for key in error.instance:
            if key not in allowed:
                yield "unknown", located, key
    else:  # oneOf: tunnel_id / network_id
        yield "target", located, None


@check("wrangler", *SHAPE_CODES)
def check_vpc_shapes(doc: Document) -> Iterator[Diagnostic]:
    from vpclint.schemas import iter_errors

    found: dict[tuple, Diagnostic] = {}
    findings: list[tuple[str, Located, str | None]] = []
    for error in iter_errors("wrangler", doc.value):
        findings.extend(classify(error))
    broken = _broken_containers(findings)
    for check_name, located, key in findings:
        if _inside_broken(located, check_name, broken) or _ignored_by_wrangler(located):
            continue
        identity = (check_name, located.list_path, located.index, key)
        if identity not in found:
            found[identity] = BUILDERS[check_name](doc, located, key)
    yield from found.values()


def _ignored_by_wrangler(located: Located) -> bool:
    """``previews.vpc_networks``: wrangler never reads it; VPC210 reports it instead."""
    return located.list_path[-2:] == ("previews", "vpc_networks")


def _explained_by(doc: Document, located: Located, key: str) -> tuple:
    """The findings that explain an unknown key better: VPC103/VPC104/VPC107 when they
    name it as the misspelt required field, VPC213 when it is a config key captured by
    the entry's TOML header."""
    entry = doc.get(located.entry_path)
    explained = explained_keys(entry, located.list_key)
    if key in explained:
        return tuple((code, located.entry_path) for code in ("VPC103", "VPC104", "VPC107"))
    if key in captured_keys(doc, located.entry_path, explained):
        return (("VPC213", (*located.entry_path, key)),)
    return ()


def explained_keys(entry: dict, list_key: str) -> frozenset[str]:
    """Unknown keys that the finding about a missing required field names as the one
    meant (`serviceid` for a missing `service_id`)."""
    missing = [(field,) for field in ("binding", "service_id") if field not in entry]
    if list_key == "vpc_networks":
        missing = [fields for fields in missing if fields != ("service_id",)]
        if not any(target in entry for target in TARGETS):
            missing.append(TARGETS)
    meant = (likely_meant(entry, list_key, fields) for fields in missing)
    return frozenset(key for key in meant if key is not None)


def _broken_containers(findings) -> set[Path]:
    """Lists that are not arrays and entries that are not objects."""
    broken = set()
    for check_name, located, _ in findings:
        if check_name == "list":
            broken.add(located.list_path)
        elif check_name == "entry":
            broken.add(located.entry_path)
    return broken


def _inside_broken(located: Located, check_name: str, broken: set[Path]) -> bool:
    if check_name == "list":
        return False
    if located.list_path in broken:
        return True
    return check_name != "entry" and located.entry_path in broken


# --- one builder per check: the finding, written from the entry itself ----------------


def _list_not_array(doc: Document, located: Located, _key) -> Diagnostic:
    value = doc.get(located.list_path)
    hint = array_hint(doc, located.list_path, value)
    span = doc.spans.get(located.list_path)
    if doc.syntax == "toml" and span and doc.source.text.startswith("{", span.value_start):
        hint = "write the inline table inside `[ ]`, one per binding"
    return doc.diagnostic(
        "VPC101",
        located.list_path,
        f"`{located.list_key}` must be an array of bindings, not {describe(value, doc.syntax)}",
        fix=hint,
        applicability=SAFE,
        edits=one_binding_list_edits(doc, located.list_path),
        trial=True,
    )


def one_binding_list_edits(doc: Document, path: Path) -> tuple:
    """Edits making the table at ``path`` a list of itself, when it holds one binding
    (a table of plain values): `[[header]]` for a `[header]`, `[ ]` around an inline
    table or JSON object. () for anything else (sub-tables, dotted keys, an empty table)."""
    table = doc.get(path)
    span = doc.spans.get(path)
    if not isinstance(table, dict) or not table or span is None:
        return ()
    if any(isinstance(value, dict | list) for value in table.values()):
        return ()
    text = doc.source.text
    start, end = span.value_start, span.value_end
    if is_header(doc, path):
        if text.startswith("[[", start) or text[end - 1 : end] != "]":
            return ()
    elif text[start : start + 1] != "{":
        return ()  # dotted keys: each line would need its own rewrite
    return (doc.edit(start, start, "["), doc.edit(end, end, "]"))


def _entry_not_object(doc: Document, located: Located, _key) -> Diagnostic:
    value = doc.get(located.entry_path)
    if located.list_key == "vpc_services":
        fields = "`binding` and `service_id`"
    else:
        fields = "`binding` and `tunnel_id` or `network_id`"
    return doc.diagnostic(
        "VPC102",
        located.entry_path,
        f"each `{located.list_key}` entry must be {an_entry(doc)} with {fields}, "
        f"not {describe(value, doc.syntax)}",
        fix=f"replace it with {an_entry(doc)} such as " + _entry_example(doc, located.list_key),
    )


def _entry_example(doc: Document, list_key: str) -> str:
    target = "service_id" if list_key == "vpc_services" else "tunnel_id"
    parts = [assignment(doc, "binding", '"API"'), assignment(doc, target, '"<uuid>"')]
    if doc.syntax == "toml":
        return "{ " + ", ".join(parts) + " }"
    return "{" + ", ".join(parts) + "}"


def _binding(doc: Document, located: Located, _key) -> Diagnostic:
    entry = doc.get(located.entry_path)
    label = list_label(located.list_key)
    fix = (
        f"add `{assignment(doc, 'binding', NAME_EXAMPLE)}`, the name the Worker uses as `env.NAME`"
    )
    if "binding" not in entry:
        return _missing(doc, located, "binding", f"this {label} binding has no `binding`", fix)
    value = entry["binding"]
    if value == "":
        message = f"`binding` is empty: the Worker has no name to reach this {label} binding by"
    else:
        message = (
            "`binding` must be a string (the name used as `env.NAME`), "
            f"not {describe(value, doc.syntax)}"
        )
    fix = f"write `{assignment(doc, 'binding', NAME_EXAMPLE)}`"
    return doc.diagnostic("VPC103", (*located.entry_path, "binding"), message, fix=fix)


def _service_id(doc: Document, located: Located, _key) -> Diagnostic:
    entry = doc.get(located.entry_path)
    fix = f"add `{assignment(doc, 'service_id', UUID_EXAMPLE)}` (see `wrangler vpc service list`)"
    if "service_id" not in entry:
        message = "this VPC service binding has no `service_id`"
        return _missing(doc, located, "service_id", message, fix)
    value = entry["service_id"]
    if value == "":
        message = "`service_id` is empty: the binding names no VPC service"
    else:
        message = (
            "`service_id` must be a string (the VPC service's UUID), "
            f"not {describe(value, doc.syntax)}"
        )
    fix = f"write `{assignment(doc, 'service_id', UUID_EXAMPLE)}` (see `wrangler vpc service list`)"
    return doc.diagnostic("VPC104", (*located.entry_path, "service_id"), message, fix=fix)


def _missing(doc: Document, located: Located, field: str, message: str, fix: str) -> Diagnostic:
    """A required field is missing: at the entry head, naming a likely misspelt key."""
    code = "VPC103" if field == "binding" else "VPC104"
    entry = doc.get(located.entry_path)
    related = edits = ()
    meant = likely_meant(entry, located.list_key, (field,))
    if meant is not None:
        related = (doc.related((*located.entry_path, meant), f"`{meant}` is written here"),)
        if meant.lower() in SERVICE_BY_NAME:
            message += f" (a VPC service cannot be bound by name with `{meant}`)"
            fix = f"replace `{meant}` with " + fix[len("add ") :]
        else:
            message += f" (is `{meant}` meant to be `{field}`?)"
            fix = f"rename `{meant}` to `{field}`"
            edits = rename_edits(doc, located, meant, field)
    return doc.diagnostic(
        code,
        located.entry_path,
        message,
        at="head",
        related=related,
        fix=fix,
        applicability=SAFE,
        edits=edits,
    )


def likely_meant(entry: dict, list_key: str, fields: tuple[str, ...]) -> str | None:
    """An unknown key of ``entry`` that most likely stands for one of ``fields``."""
    for key in entry:
        if key in ENTRY_FIELDS[list_key]:
            continue
        by_name = list_key == "vpc_services" and key.lower() in SERVICE_BY_NAME
        if (by_name and "service_id" in fields) or suggest_field(key, list_key) in fields:
            return key
    return None


def _unknown(doc: Document, located: Located, key: str) -> Diagnostic:
    list_key = located.list_key
    edits = ()
    path = (*located.entry_path, key)
    where = f"unknown field `{key}` in a `{list_key}` entry"
    suggestion = suggest_field(key, list_key)
    if list_key == "vpc_services" and key.lower() in SERVICE_BY_NAME:
        message = (
            f"{where}: binding a VPC service by name is not supported; use `service_id` "
            "with the service's UUID (`wrangler vpc service list`)"
        )
        fix = f"replace `{key}` with `{assignment(doc, 'service_id', UUID_EXAMPLE)}`"
    elif suggestion is not None and suggestion in doc.get(located.entry_path):
        message = f"{where}: a second spelling of `{suggestion}`, which the entry sets already"
        fix = f"remove `{key}`"
    elif suggestion is not None:
        message = f"{where}: did you mean `{suggestion}`?"
        fix = f"rename `{key}` to `{suggestion}`"
        edits = rename_edits(doc, located, key, suggestion)
    elif key in ENTRY_FIELDS["vpc_networks"] or key in ENTRY_FIELDS["vpc_services"]:
        other = "vpc_networks" if list_key == "vpc_services" else "vpc_services"
        message = f"{where}: `{key}` belongs to `{other}` entries; wrangler ignores it here"
        fix = f"remove `{key}`, or move this binding to `{other}`"
    elif key in SERVICE_DEFINITION_FIELDS:
        message = (
            f"{where}: `{key}` is a setting of the VPC service itself (`wrangler vpc service "
            "create`/`update`), not of the binding; wrangler ignores it here"
        )
        fix = f"remove `{key}`"
    else:
        allowed = ", ".join(f"`{field}`" for field in ENTRY_FIELDS[list_key])
        message = f"{where} (allowed: {allowed}); wrangler ignores it"
        fix = f"remove `{key}`"
    unless = _explained_by(doc, located, key)
    return doc.diagnostic(
        "VPC105",
        path,
        message,
        at="key",
        fix=fix,
        unless=unless,
        applicability=SAFE,
        edits=edits,
    )


BINDING_NAME = r"[A-Z_][A-Z0-9_]*"  # compiled on first use: only fixes need it


def rename_edits(doc: Document, located: Located, key: str, field: str) -> tuple:
    """The edit renaming a misspelt ``key`` of an entry to ``field``, when no other key
    of the entry stands for ``field`` and the value is one ``field`` takes without a new
    finding but one a safe fix mends (a UUID, or an id VPC206/VPC207 write as one; a
    `BINDING_NAME` no binding of the scope uses, at the top level only when there is no
    environment to lack it; `remote = true`)."""
    entry = doc.get(located.entry_path)
    rivals = [other for other in entry if suggest_field(other, located.list_key) == field]
    if field in entry or rivals != [key] or not _takes(doc, located, field, entry[key]):
        return ()
    return rename_key(doc, (*located.entry_path, key), field)


def _spelt_binding_names(scope: dict) -> list:
    """The values of every key of the scope's VPC entries that is or may be `binding`."""
    found = []
    for list_key in VPC_LIST_KEYS:
        entries = scope.get(list_key)
        for entry in entries if isinstance(entries, list) else ():
            for key, value in entry.items() if isinstance(entry, dict) else ():
                if key == "binding" or suggest_field(key, list_key) == "binding":
                    found.append(value)
    return found


def _takes(doc: Document, located: Located, field: str, value) -> bool:
    from vpclint.rules.wrangler.ids import repaired_id

    if field == "remote":
        return value is True
    if not isinstance(value, str) or not value:
        return False
    if field == "binding":
        from vpclint.rules.wrangler.bindings import names_in_table

        scope = doc.get(located.list_path[:-1])
        names = {use.name for use in names_in_table(scope, located.list_path[:-1])}
        unique = _spelt_binding_names(scope).count(value) == 1  # two renames, one name
        # a new top-level name is one the environments lack (VPC204, VPC205)
        envs = located.list_path[:-1] == () and bool(doc.get(("env",)))
        return (
            bool(re.fullmatch(BINDING_NAME, value)) and value not in names and unique and not envs
        )
    if field == "network_id":
        return True
    return repaired_id(value) is not None  # VPC206/VPC207 write it as a UUID next


def suggest_field(key: str, list_key: str) -> str | None:
    """The valid field a misspelt key most likely means, or None."""
    allowed = ENTRY_FIELDS[list_key]
    folded = _fold(key)
    for field in allowed:
        if _fold(field) == folded:
            return field
    if folded in ALIASES[list_key]:
        return ALIASES[list_key][folded]
    import difflib  # only when a key is unknown

    close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.75)
    return close[0] if close else None


def _fold(key: str) -> str:
    return "".join(char for char in key.lower() if char.isalnum())


def _remote(doc: Document, located: Located, _key) -> Diagnostic:
    path = (*located.entry_path, "remote")
    value = doc.get(path)
    fix = f"write `{assignment(doc, 'remote', 'true')}`"
    applicability = remote_applicability(value)
    return doc.diagnostic(
        "VPC106",
        path,
        f"`remote` must be `true` or `false`, not {describe(value, doc.syntax)} "
        "(wrangler treats any other value as remote without a word)",
        fix=fix,
        applicability=applicability,
        edits=(doc.replace(path, "true"),) if applicability else (),
    )


TRUE_WORDS = frozenset({"yes", "on", "1"})


def remote_applicability(value) -> str | None:
    """How surely ``true`` is what a non-boolean `remote` means: wrangler runs every
    such value remotely, so `true` keeps the behaviour; only `"true"` says so itself."""
    if isinstance(value, str) and value.lower() == "true":
        return SAFE
    if (isinstance(value, str) and value.lower() in TRUE_WORDS) or (
        type(value) is int and value == 1
    ):
        return UNSAFE
    return None


def _target(doc: Document, located: Located, _key) -> Diagnostic:
    """VPC107, one per entry: both ids, neither, or the one id not a non-empty string."""
    entry = doc.get(located.entry_path)
    present = [key for key in TARGETS if key in entry]
    if len(present) == 2:
        return _both_targets(doc, located)
    if not present:
        return _no_target(doc, located, entry)
    key = present[0]
    value = entry[key]
    what = "Cloudflare Tunnel" if key == "tunnel_id" else "network"
    if value == "":
        message = f"`{key}` is empty: the binding names no {what}"
    else:
        message = (
            f"`{key}` must be a string (the id of the {what}), not {describe(value, doc.syntax)}"
        )
    fix = f"write `{assignment(doc, key, ID_EXAMPLE)}`"
    return doc.diagnostic("VPC107", (*located.entry_path, key), message, fix=fix)


def _both_targets(doc: Document, located: Located) -> Diagnostic:
    related = tuple(
        doc.related((*located.entry_path, key), f"`{key}` is written here") for key in TARGETS
    )
    return doc.diagnostic(
        "VPC107",
        located.entry_path,
        "this VPC network binding has both `tunnel_id` and `network_id`, but it routes "
        "through exactly one (`tunnel_id`: a Cloudflare Tunnel, `network_id`: a network)",
        at="head",
        related=related,
        fix="remove `tunnel_id` or `network_id`",
    )


def _no_target(doc: Document, located: Located, entry: dict) -> Diagnostic:
    message = "this VPC network binding has neither `tunnel_id` nor `network_id`"
    fix = f"add `{assignment(doc, 'tunnel_id', UUID_EXAMPLE)}` or `network_id`"
    related = edits = ()
    meant = likely_meant(entry, "vpc_networks", TARGETS)
    if meant is not None:
        suggestion = suggest_field(meant, "vpc_networks")
        message += f" (is `{meant}` meant to be `{suggestion}`?)"
        fix = f"rename `{meant}` to `{suggestion}`"
        related = (doc.related((*located.entry_path, meant), f"`{meant}` is written here"),)
        edits = rename_edits(doc, located, meant, suggestion)
    return doc.diagnostic(
        "VPC107",
        located.entry_path,
        f"{message}: it needs exactly one",
        at="head",
        related=related,
        fix=fix,
        applicability=SAFE,
        edits=edits,
    )


BUILDERS = {
    "list": _list_not_array,
    "entry": _entry_not_object,
    "binding": _binding,
    "service_id": _service_id,
    "unknown": _unknown,
    "remote": _remote,
    "target": _target,
}
