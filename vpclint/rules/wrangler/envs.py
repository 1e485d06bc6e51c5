"""VPC204, VPC205: an environment that does not inherit the top-level VPC bindings."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import UNSAFE, Diagnostic, Edit
from vpclint.rules.edits import (
    indentation,
    insert_member,
    is_header,
    last_key_value,
    line_break,
    line_end,
)
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    TUNNEL,
    binding_names,
    wrangler_rule,
)
from vpclint.rules.wrangler.keys import misspelt_lists
from vpclint.rules.wrangler.scopes import (
    VPC_LIST_KEYS,
    Scope,
    dotted,
    iter_scopes,
    list_label,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document
    from vpclint.source.model import Path


wrangler_rule(
    code="VPC204",
    name="env-missing-vpc-list",
    severity="warning",
    summary="The top level has VPC bindings and an environment has none.",
    what=(
        "Reports an `env.<name>` without `vpc_services` (or `vpc_networks`) when the top "
        "level has a non-empty list of them, at the environment's key. Fix (unsafe: the "
        "environment then deploys with these bindings, and it may need other ids): copies "
        "the top-level list into the environment, as written: each `[[vpc_services]]` "
        "block as `[[env.<name>.vpc_services]]` after the environment's last table, an "
        "inline array as `vpc_services = [...]` in the `[env.<name>]` table (when the file "
        "has that header), a JSON array as "
        "a member of the environment's object in its indentation; only when the copied "
        "bindings raise no new error there (a name the environment uses already). An "
        "environment written with dotted keys or as an inline table gets no fix."
    ),
    why=(
        "VPC bindings are not inherited: `wrangler deploy --env <name>` deploys that "
        "environment without any of them (wrangler warns only when that environment is "
        "selected)."
    ),
    example=(f'{GOOD_SERVICE}\n[env.staging]\nname = "api-staging"\n'),
    use_instead=(
        f'{GOOD_SERVICE}\n[env.staging]\nname = "api-staging"\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n'
    ),
)

wrangler_rule(
    code="VPC205",
    name="env-missing-binding",
    severity="warning",
    summary="An environment's VPC list lacks a binding name the top level has.",
    what=(
        "Reports, once per missing name, an `env.<name>.vpc_services` (or `vpc_networks`) "
        "list that lacks a `binding` the top-level list has. Only names are compared: a "
        "different `service_id` per environment is fine."
    ),
    why=(
        "The Worker code uses the same `env.NAME` in every environment; where the binding "
        "is missing it is `undefined` at run time."
    ),
    example=(
        f'{GOOD_SERVICE}\n[[vpc_services]]\nbinding = "AUDIT_API"\n'
        f'service_id = "{TUNNEL}"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n'
    ),
    use_instead=(
        f'{GOOD_SERVICE}\n[[vpc_services]]\nbinding = "AUDIT_API"\n'
        f'service_id = "{TUNNEL}"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "AUDIT_API"\n'
        'service_id = "7c1e4b2a-9d3f-4e5a-8b6c-1d2e3f4a5b6c"\nremote = true\n'
    ),
)


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
        fix=f"copy the top-level `{list_key}` into {dotted(scope.path)}, or add the bindings "
        "it needs there (an empty list if none)",
        unless=tuple(("VPC212", (*scope.path, key)) for key in misspelt.values()),
        applicability=UNSAFE,
        edits=() if misspelt else copy_list_edits(doc, scope.path, list_key),
        trial=True,
    )


def copy_list_edits(doc: Document, env_path: Path, list_key: str) -> tuple[Edit, ...]:
    """Edits copying the top-level list ``list_key`` into the environment at
    ``env_path``, as written; () where the environment or the list is written in a way
    that cannot be edited safely (dotted keys, an inline table, entries with sub-tables)."""
    if (list_key,) not in doc.spans or env_path not in doc.spans:
        return ()
    if doc.syntax == "json":
        return _copy_into_object(doc, env_path, list_key)
    if not is_header(doc, env_path):
        return ()  # an environment of dotted keys, or in an inline table
    if is_header(doc, (list_key, 0)):
        return _copy_tables(doc, env_path, list_key)
    if not _own_header(doc, env_path):
        return ()  # only implied by `[env.NAME.sub]`: no table body to add a key to
    text = doc.source.text
    top = doc.spans[(list_key,)]
    value = text[top.value_start : top.value_end]
    if '"""' not in value and "'''" not in value:  # a multi-line string keeps its lines
        last = last_key_value(doc, env_path)
        anchor = last[0] if last else doc.spans[env_path].value_start
        value = reindent(value, indentation(text, top.key_start), indentation(text, anchor))
    return insert_member(doc, env_path, list_key, value)


def _copy_into_object(doc: Document, env_path: Path, list_key: str) -> tuple[Edit, ...]:
    """`"list_key": <the top-level array>` as a member of the environment's object, the
    array's later lines moved from the top-level key's indentation to the member's."""
    text = doc.source.text
    top = doc.spans[(list_key,)]
    env = doc.get(env_path)
    members = [doc.spans[(*env_path, key)] for key in env if (*env_path, key) in doc.spans]
    if members:
        anchor = max(members, key=lambda span: span.value_end).key_start
    else:
        anchor = doc.spans[env_path].key_start
    value = reindent(
        text[top.value_start : top.value_end],
        indentation(text, top.key_start),
        indentation(text, anchor),
    )
    return insert_member(doc, env_path, list_key, value)


def reindent(value: str, old: str, new: str) -> str:
    """``value`` with each line after its first moved from indentation ``old`` to
    ``new``; blank lines and lines that do not start with ``old`` are kept as they are."""
    first, *rest = value.split("\n")
    moved = [
        new + line[len(old) :] if line.startswith(old) and line.strip(" \t\r") else line
        for line in rest
    ]
    return "\n".join([first, *moved])


def _copy_tables(doc: Document, env_path: Path, list_key: str) -> tuple[Edit, ...]:
    """Each top-level `[[list_key]]` block, its key lines verbatim, as a
    `[[env.NAME.list_key]]` block after the environment's last table."""
    from vpclint.source.toml import key_text

    text = doc.source.text
    if any(len(path) > 2 and path[0] == list_key and is_header(doc, path) for path in doc.spans):
        return ()  # a sub-table of an entry: its header would need rewriting too
    header = f"[[env.{key_text(env_path[1])}.{list_key}]]"
    newline = line_break(text)
    blocks = []
    for index in range(len(doc.get((list_key,)))):
        entry = (list_key, index)
        after_header = line_end(text, doc.spans[entry].value_end)
        last = last_key_value(doc, entry)
        body = text[after_header : line_end(text, last[1])] if last else ""
        blocks.append(f"{newline}{newline}{header}{body}")
    at = _end_of_tables(doc, env_path)
    return (doc.edit(at, at, "".join(blocks)),)


def _end_of_tables(doc: Document, env_path: Path) -> int:
    """Where the environment's last table ends: the end of the line of its last
    key-value (of its header when its body is empty). Only a header or the end of the
    file can follow there, so a block inserted there takes no other key."""
    last_start, last_path = (-1, 0), env_path
    for path, span in doc.spans.items():
        if path[: len(env_path)] != env_path or not isinstance(doc.get(path), dict):
            continue
        if is_header(doc, path) and (span.value_start, len(path)) > last_start:
            last_start, last_path = (span.value_start, len(path)), path
    last = last_key_value(doc, last_path)
    return line_end(doc.source.text, last[1] if last else doc.spans[last_path].value_end)


def _own_header(doc: Document, path: Path) -> bool:
    """Whether the TOML table at ``path`` is declared by a `[header]` of its own (not
    only implied by the header of a sub-table)."""
    from vpclint.source.toml import key_parts

    span = doc.spans[path]
    return len(key_parts(doc.source.text, span.value_start + 1)) == len(path)


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
