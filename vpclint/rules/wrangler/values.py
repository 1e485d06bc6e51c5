"""VPC217, VPC218: values wrangler's config reader refuses, or crashes on, outside the
VPC lists (those are VPC101-VPC107).

wrangler 4.164.0 checks the shape of every binding kind (``validateBindingArray``,
``validateNamedSimpleBinding``, ``validateBindingsProperty``, ...) and of the keys that
hold other keys (``env.<name>``, ``previews``). A value of the wrong type is an error
("should be an array but got null"), and a few are a crash with a JavaScript message
(``wasm_modules = null``: "Cannot convert undefined or null to object"; ``env.staging =
5``: "Cannot use 'in' operator"). vpclint reads the binding names of every kind for
VPC201, so each malformed value is reported here, once, at the value, and nothing is
reported inside it.

What each layout of :data:`~vpclint.rules.wrangler.bindings.BINDING_KINDS` must be
(measured with ``../shared/oracle/wrangler-check``; ``tests/wrangler_probes.py``):

* a list kind (``kv_namespaces``, ``services``, ...): an array (``null`` is not) of
  tables, each with a string ``binding`` (``send_email``, ``ratelimits``: ``name``);
* a single binding (``ai``, ``browser``, ...): a table with a string ``binding``;
* ``assets``: a table (wrangler lets an array through), ``binding`` a string if given;
* a grouped kind (``durable_objects``, ``queues``, ``unsafe``, ``logfwdr``): a table whose
  ``bindings`` (``queues``: ``producers``; required for ``logfwdr``) is an array of
  tables, each with a string ``name`` (``queues.producers``: ``binding``);
* ``vars``: a table (wrangler lets an array through);
* the top-level modules (``wasm_modules``, ``text_blobs``, ``data_blobs``): not ``null``,
  and every value a string (a file path);
* ``secrets``: a table whose ``required`` is an array of strings.
"""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic
from vpclint.rules.registry import check
from vpclint.rules.wrangler.bindings import (
    ASSETS,
    BINDING_KINDS,
    GROUP,
    LIST,
    RECORD,
    SINGLE,
    STRINGS,
    TOP_ONLY,
    BindingKind,
)
from vpclint.rules.wrangler.common import article, wrangler_rule
from vpclint.rules.wrangler.keys import PREVIEWS_KEYS
from vpclint.rules.wrangler.scopes import (
    VPC_LIST_KEYS,
    Scope,
    an_entry,
    array_hint,
    assignment,
    describe,
    dotted,
    iter_scopes,
)
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vpclint.document import Document


wrangler_rule(
    code="VPC217",
    name="invalid-binding-value",
    severity="error",
    summary="A binding of another kind (KV, services, `ai`, `vars`, ...) has a value wrangler refuses.",
    what=(
        "Reports, at the top level and in every `env.<name>`, a binding key other than "
        "`vpc_services` / `vpc_networks` whose value wrangler refuses or crashes on: a list "
        "kind (`kv_namespaces`, `services`, `d1_databases`, ...) that is not an array, or "
        "whose element is not a table or has no string `binding` (`send_email`, "
        "`ratelimits`: `name`) or lacks a field its kind requires, as a string (`service` "
        "of a service binding, `id` of a Hyperdrive config, `class_name` of a Durable "
        "Object, ...); a single binding (`ai`, `browser`, `images`, ...) that is "
        "not a table with a string `binding`; `durable_objects`, `queues`, `unsafe` or "
        "`logfwdr` that is not a table, or whose `bindings` (`producers`) is not an array "
        "of tables with a string `name` (`binding`); `vars`, `assets` or `secrets` that is "
        "not a table, or `secrets.required` that is not an array of strings; a top-level "
        "`wasm_modules`, `text_blobs` or `data_blobs` that is `null` or maps a name to "
        "anything but a file path. `null` counts as a wrong value everywhere. One finding "
        "per malformed value, at the value (a missing name at its entry); nothing is "
        "reported inside it."
    ),
    why=(
        'wrangler refuses the whole config (`The field "kv_namespaces" should be an array '
        "but got null`), or crashes reading it (`wasm_modules = null`: `Cannot convert "
        "undefined or null to object`), so no command that reads the config runs."
    ),
    example='kv_namespaces = { binding = "CACHE", id = "0f2ac74b498b48028cb68387c421e279" }\n',
    use_instead='[[kv_namespaces]]\nbinding = "CACHE"\nid = "0f2ac74b498b48028cb68387c421e279"\n',
)

wrangler_rule(
    code="VPC218",
    name="invalid-config-value",
    severity="error",
    summary="`env.<name>`, `previews`, `name` or `pages_build_output_dir` has a value wrangler refuses.",
    what=(
        "Reports an `env.<name>` that is not a table (wrangler crashes when that "
        "environment is selected), a `previews` that is not a table, a `name` (top level "
        "or environment) that is not a string of lower-case letters, digits, `-` and `_` "
        "(not starting with `-`), and a `pages_build_output_dir` that is not a string. At "
        "the value."
    ),
    why=(
        'wrangler refuses the config (`Expected "name" to be of type string, alphanumeric '
        "and lowercase with dashes only`), or crashes reading it (`Cannot use 'in' operator "
        "to search for 'node_compat' in 5`): the Worker cannot be started or deployed."
    ),
    example='[env]\nstaging = "api-staging"\n\n[env.production]\nname = "Billing_API"\n',
    use_instead='[env.staging]\nname = "api-staging"\n\n[env.production]\nname = "billing-api"\n',
)

WORKER_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
WORKER_NAME_CHARACTERS = WORKER_NAME_START | {"-"}


def is_worker_name(value: str) -> bool:
    """wrangler's `isValidName`: empty, or `[a-z0-9_][a-z0-9_-]*`."""
    return not value or (value[0] in WORKER_NAME_START and WORKER_NAME_CHARACTERS.issuperset(value))


# An entry of a grouped kind names its binding in this field.
GROUP_NAME_FIELDS = {"queues": "binding"}
# `logfwdr` must have its `bindings`, and so must `durable_objects` in `previews`; the
# other grouped kinds may leave it out.
GROUP_REQUIRED = frozenset({"logfwdr"})
PREVIEWS_GROUP_REQUIRED = frozenset({"logfwdr", "durable_objects"})
# Keys of `previews` wrangler's preview validation does not know (it only warns).
PREVIEWS_UNCHECKED = frozenset({"secrets", "agent_memory"})
# A queue producer with a key wrangler does not know is only warned about, unchecked.
QUEUE_PRODUCER_KEYS = frozenset({"binding", "queue", "delivery_delay", "remote"})
NAME_TEXT = '"NAME"'
# Required fields wrangler also refuses empty.
NON_EMPTY_FIELDS = {"mtls_certificates": ("certificate_id",), "pipelines": ("stream",)}
# A deprecated field wrangler still takes for a required one (it only warns).
FIELD_ALTERNATIVES = {"pipelines": {"stream": "pipeline"}}
# VPC201 explains a TOML table written as a name better: wrangler crashes on it.
TOML_TABLE_NAME = "VPC201"
SECRET_NAMES = '["API_KEY"]'
# The fields besides the name each entry of a kind must have (wrangler's per-kind checks).
REQUIRED_FIELDS = {
    "vectorize": ("index_name",),
    "ai_search_namespaces": ("namespace",),
    "ai_search": ("instance_name",),
    "agent_memory": ("namespace",),
    "hyperdrive": ("id",),
    "services": ("service",),
    "mtls_certificates": ("certificate_id",),
    "workflows": ("name", "class_name"),
    "pipelines": ("stream",),
    "k2": ("stream",),
    "secrets_store_secrets": ("store_id", "secret_name"),
    "artifacts": ("namespace",),
    "ratelimits": ("namespace_id", "simple"),
    "durable_objects": ("class_name",),
    "logfwdr": ("destination",),
    "unsafe": ("type",),
}

CHECKED_KINDS = tuple(kind for kind in BINDING_KINDS if kind.key not in VPC_LIST_KEYS)
CHECKED_ORDER = {kind.key: index for index, kind in enumerate(CHECKED_KINDS)}


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_object(value: Any) -> bool:
    """JavaScript's ``typeof value === "object" && value !== null``: tables and arrays."""
    return isinstance(value, dict | list)


@check("wrangler", "VPC217")
def check_binding_values(doc: Document) -> Iterator[Diagnostic]:
    for scope in iter_scopes(doc.value):
        keys = sorted((key for key in scope.table if key in CHECKED_ORDER), key=CHECKED_ORDER.get)
        written = [CHECKED_KINDS[CHECKED_ORDER[key]] for key in keys]
        for kind in _kinds_read_in(scope, written):
            value = scope.table[kind.key]
            yield from _kind_findings(doc, kind, value, (*scope.path, kind.key), scope)


def _kinds_read_in(scope: Scope, kinds: list[BindingKind]) -> Iterator[BindingKind]:
    """The ``kinds`` wrangler validates in a scope: the top-level-only ones at the top
    level only, and in `previews` those its preview validation knows."""
    for kind in kinds:
        if scope.is_previews:
            if kind.key in PREVIEWS_KEYS and kind.key not in PREVIEWS_UNCHECKED:
                yield kind
        elif scope.env is None or kind.in_env != TOP_ONLY:
            yield kind


@check("wrangler", "VPC218")
def check_config_values(doc: Document) -> Iterator[Diagnostic]:
    root = doc.value
    if not isinstance(root, dict):
        return
    if "pages_build_output_dir" in root and not isinstance(root["pages_build_output_dir"], str):
        yield _wrong_type(
            doc, ("pages_build_output_dir",), "a string (the folder of the built site)", '"./dist"'
        )
    envs = root.get("env")
    if isinstance(envs, dict):
        for name, table in envs.items():
            if not _is_object(table):
                yield doc.diagnostic(
                    "VPC218",
                    ("env", name),
                    f"`{dotted(('env', name))}` must be {an_entry(doc)} of that environment's "
                    f"settings, not {describe(table, doc.syntax)}; wrangler crashes when the "
                    "environment is selected",
                    fix=_env_hint(doc, name),
                )
    for scope in iter_scopes(root):
        if scope.is_previews:
            continue
        if "previews" in scope.table and not _is_table(scope.table["previews"]):
            yield _wrong_type(
                doc, (*scope.path, "previews"), f"{an_entry(doc)} of preview settings", "{}"
            )
        if "name" in scope.table:
            yield from _name_findings(doc, (*scope.path, "name"), scope.table["name"])


def _env_hint(doc: Document, name: str) -> str:
    header = dotted(("env", name))
    if doc.syntax == "toml":
        return f"write the environment's settings under a `[{header}]` table"
    return f'write `"{name}": {{ ... }}` with the environment\'s settings inside `env`'


def _name_findings(doc: Document, path: Path, value: Any) -> Iterator[Diagnostic]:
    if isinstance(value, str):
        if is_worker_name(value):
            return
        suggestion = _worker_name_like(value)
        yield doc.diagnostic(
            "VPC218",
            path,
            f'wrangler refuses the Worker name "{value}": a name has only lower-case letters, '
            "digits, `_` and `-`, and does not start with `-`",
            fix=f"write `{assignment(doc, 'name', _quoted(suggestion))}`"
            if suggestion
            else "write a name of lower-case letters, digits and `-`",
        )
    else:
        yield _wrong_type(doc, path, "a string (the Worker's name)", '"my-worker"')


def _worker_name_like(value: str) -> str:
    """The nearest name wrangler accepts: lower case, other characters become `-`."""
    text = "".join(
        char if (char.isascii() and char.isalnum()) or char == "_" else "-"
        for char in value.lower()
    )
    return text.lstrip("-")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrong_type(doc: Document, path: Path, wanted: str, example: str) -> Diagnostic:
    key = path[-1]
    value = doc.get(path)
    return doc.diagnostic(
        "VPC218",
        path,
        f"`{key}` must be {wanted}, not {describe(value, doc.syntax)}",
        fix=f"write `{assignment(doc, key, example)}`",
    )


# --- binding kinds -----------------------------------------------------------------------


def _kind_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path, scope: Scope
) -> Iterator[Diagnostic]:
    if kind.layout == LIST:
        yield from _list_findings(doc, kind, value, path, kind.name_field)
    elif kind.layout == SINGLE:
        yield from _single_findings(doc, kind, value, path)
    elif kind.layout == ASSETS:
        if not _is_object(value):
            yield _not_a_table(doc, kind, value, path)
        elif _is_table(value) and "binding" in value and not isinstance(value["binding"], str):
            yield _name_not_string(doc, kind, (*path, "binding"))
    elif kind.layout == GROUP:
        required = PREVIEWS_GROUP_REQUIRED if scope.is_previews else GROUP_REQUIRED
        yield from _group_findings(doc, kind, value, path, kind.key in required)
    elif kind.layout == RECORD and kind.in_env == TOP_ONLY:
        yield from _module_findings(doc, kind, value, path)
    elif kind.layout == RECORD:
        if not _is_object(value):
            yield _not_a_table(doc, kind, value, path)
    elif kind.layout == STRINGS:
        yield from _strings_findings(doc, kind, value, path)


def _list_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path, name_field: str
) -> Iterator[Diagnostic]:
    if not isinstance(value, list):
        yield _not_an_array(doc, kind, value, path)
        return
    for index, entry in enumerate(value):
        entry_path = (*path, index)
        if not isinstance(entry, dict):
            yield doc.diagnostic(
                "VPC217",
                entry_path,
                f"each `{path[-1]}` entry must be {an_entry(doc)} with a `{name_field}`, not "
                f"{describe(entry, doc.syntax)}",
                fix=f"replace it with {an_entry(doc)} such as "
                + _inline_table(doc, {name_field: '"NAME"'}),
            )
        elif kind.key == "queues" and set(entry) - QUEUE_PRODUCER_KEYS:
            continue
        else:
            yield from _entry_findings(doc, kind, entry, entry_path, name_field)


def _entry_findings(
    doc: Document, kind: BindingKind, entry: dict, path: Path, name_field: str
) -> Iterator[Diagnostic]:
    """A missing name or required field (one finding, at the entry), else a name that
    is not a string."""
    alternatives = FIELD_ALTERNATIVES.get(kind.key, {})
    missing = [
        field
        for field in (name_field, *REQUIRED_FIELDS.get(kind.key, ()))
        if field not in entry and alternatives.get(field) not in entry
    ]
    if missing:
        names = " or ".join(f"`{field}`" for field in missing)
        adds = ", ".join(
            f"`{assignment(doc, field, _field_example(doc, field))}`" for field in missing
        )
        yield doc.diagnostic(
            "VPC217",
            path,
            f"this {kind.label} has no {names}, which wrangler requires",
            at="head",
            fix=f"add {adds}",
        )
        return
    if not isinstance(entry[name_field], str):
        yield _name_not_string(doc, kind, (*path, name_field))
    for field in REQUIRED_FIELDS.get(kind.key, ()):
        alternative = entry.get(alternatives.get(field))
        if field not in entry or (isinstance(alternative, str) and alternative):
            continue  # the deprecated alternative stands for it
        value = entry[field]
        if field == "simple":
            wanted = "a table" if doc.syntax == "toml" else "an object"
            wrong = not isinstance(value, dict)
        else:
            wanted = "a string"
            wrong = not isinstance(value, str)
            if not wrong and not value and field in NON_EMPTY_FIELDS.get(kind.key, ()):
                wanted, wrong = "a non-empty string", True
        if wrong:
            yield doc.diagnostic(
                "VPC217",
                (*path, field),
                f"`{field}` of {article(kind.label)} {kind.label} must be {wanted}, not "
                f"{describe(value, doc.syntax)}",
                fix=f"write `{assignment(doc, field, _field_example(doc, field))}`",
                unless=((TOML_TABLE_NAME, (*path, field)),),
            )


def _single_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path
) -> Iterator[Diagnostic]:
    if not _is_table(value):
        yield _not_a_table(doc, kind, value, path)
    elif "binding" not in value:
        yield doc.diagnostic(
            "VPC217",
            path,
            f"`{path[-1]}` has no `binding` (the name the Worker uses, `env.NAME`)",
            at="head",
            fix=f"add `{assignment(doc, 'binding', NAME_TEXT)}`",
        )
    elif not isinstance(value["binding"], str):
        yield _name_not_string(doc, kind, (*path, "binding"))


def _group_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path, required: bool
) -> Iterator[Diagnostic]:
    if not _is_table(value):
        yield _not_a_table(doc, kind, value, path)
        return
    field = kind.group_field
    if field not in value:
        if required:
            yield doc.diagnostic(
                "VPC217",
                path,
                f"`{path[-1]}` has no `{field}` list, which wrangler requires",
                at="head",
                fix=f"add `{assignment(doc, field, '[]')}` with its bindings",
            )
        return
    name_field = GROUP_NAME_FIELDS.get(kind.key, kind.name_field)
    yield from _list_findings(doc, kind, value[field], (*path, field), name_field)


def _module_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path
) -> Iterator[Diagnostic]:
    if value is None:
        yield doc.diagnostic(
            "VPC217",
            path,
            f"`{path[-1]}` must be {an_entry(doc)} of names and file paths, not `null`: "
            "wrangler crashes reading it",
            fix=f"remove the key, or write `{assignment(doc, path[-1], '{}')}`",
        )
        return
    if isinstance(value, dict):
        items = [(key, value[key]) for key in value]
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return  # a string or number: wrangler finds no module in it
    for key, item in items:
        if not isinstance(item, str):
            yield doc.diagnostic(
                "VPC217",
                (*path, key),
                f"each value of `{path[-1]}` must be a file path (a string), not "
                f"{describe(item, doc.syntax)}",
                fix='write the path of the file as a string, such as "./module.wasm"',
            )


def _strings_findings(
    doc: Document, kind: BindingKind, value: Any, path: Path
) -> Iterator[Diagnostic]:
    if not _is_table(value):
        yield _not_a_table(doc, kind, value, path)
        return
    field = kind.group_field
    if field not in value:
        return
    names = value[field]
    field_path = (*path, field)
    if not isinstance(names, list):
        yield doc.diagnostic(
            "VPC217",
            field_path,
            f"`{dotted(field_path[-2:])}` must be an array of secret names, not "
            f"{describe(names, doc.syntax)}",
            fix=f"write `{assignment(doc, field, SECRET_NAMES)}`",
        )
        return
    for index, name in enumerate(names):
        if not isinstance(name, str):
            yield doc.diagnostic(
                "VPC217",
                (*field_path, index),
                f"each name in `{dotted(field_path[-2:])}` must be a string, not "
                f"{describe(name, doc.syntax)}",
                fix='write the secret\'s name as a string, such as "API_KEY"',
                unless=((TOML_TABLE_NAME, (*field_path, index)),),
            )


def _not_an_array(doc: Document, kind: BindingKind, value: Any, path: Path) -> Diagnostic:
    return doc.diagnostic(
        "VPC217",
        path,
        f"`{path[-1]}` must be an array of {kind.label}s, not {describe(value, doc.syntax)}",
        fix=array_hint(doc, path, value),
    )


def _not_a_table(doc: Document, kind: BindingKind, value: Any, path: Path) -> Diagnostic:
    key = path[-1]
    if kind.layout == SINGLE:
        example = _inline_table(doc, {"binding": '"NAME"'})
    elif kind.layout == GROUP:
        example = _inline_table(doc, {kind.group_field: "[]"})
    elif kind.layout == STRINGS:
        example = _inline_table(doc, {kind.group_field: SECRET_NAMES})
    else:
        example = "{}"
    return doc.diagnostic(
        "VPC217",
        path,
        f"`{key}` must be {an_entry(doc)}, not {describe(value, doc.syntax)}",
        fix=f"write `{assignment(doc, key, example)}`",
    )


def _name_not_string(doc: Document, kind: BindingKind, path: Path) -> Diagnostic:
    value = doc.get(path)
    return doc.diagnostic(
        "VPC217",
        path,
        f"`{path[-1]}` of {article(kind.label)} {kind.label} must be a string (the name the "
        f"Worker uses, `env.NAME`), not {describe(value, doc.syntax)}",
        fix='write the name as a string, such as "NAME"',
        unless=((TOML_TABLE_NAME, path),),
    )


def _field_example(doc: Document, field: str) -> str:
    if field in ("binding", "name"):
        return NAME_TEXT
    if field == "simple":  # a rate limit's window
        return _inline_table(doc, {"limit": "100", "period": "60"})
    return '"..."'


def _inline_table(doc: Document, fields: dict[str, str]) -> str:
    parts = [assignment(doc, key, text) for key, text in fields.items()]
    if doc.syntax == "toml":
        return "{ " + ", ".join(parts) + " }"
    return "{" + ", ".join(parts) + "}"
