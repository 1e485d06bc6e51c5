"""VPC212, VPC213: keys written where wrangler does not look for them.

* VPC212: a scope key that is a near-miss of `vpc_services` / `vpc_networks`
  (`[[vpc_service]]`, `vpcServices`): wrangler only warns about an unexpected field, and
  the Worker gets none of those bindings.
* VPC213: a key wrangler knows at the config or env level (`main`, `routes`) written
  after a `[[vpc_services]]` header: TOML puts it inside that binding."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import SAFE, Diagnostic, Edit
from vpclint.rules.edits import is_header, rename_key, rename_written_key
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import GOOD_SERVICE, UUID, wrangler_rule
from vpclint.rules.wrangler.keys import captured_keys, is_header_table, misspelt_lists
from vpclint.rules.wrangler.scopes import ENTRY_FIELDS, dotted, iter_scopes, list_label
from vpclint.rules.wrangler.shape import explained_keys
from vpclint.source.model import Path

wrangler_rule(
    code="VPC212",
    name="unknown-vpc-list-key",
    severity="error",
    summary="A misspelt `vpc_services` / `vpc_networks` key: the Worker gets none of its bindings.",
    what=(
        "Reports a key of the top level, an `env.<name>` or `previews` that wrangler does "
        "not know and that is a near-miss of `vpc_services` or `vpc_networks`: "
        "`vpc_service`, `vpcServices`, `vpc-services`, `VPC_SERVICES`, `vpc_servcies`, "
        "`vpc_network`. Case, `-`/`_`, camelCase and a missing or extra plural `s` are "
        "ignored, then up to two typing mistakes are allowed; a key wrangler knows is never "
        "reported. Reported at the key, naming the right one. In an environment it replaces "
        "VPC204 for that list. Fix (safe): renames the key to the right one, in every "
        "`[[header]]` and key that writes it, each in its own quoting, when the scope has no "
        "such key yet and the bindings wrangler then reads raise no new error (a bad id, a "
        "name used twice): fix those first. A missing `remote` is then reported (VPC203) "
        "and added by its own fix. A list written with dotted keys gets no fix."
    ),
    why=(
        'wrangler only warns "Unexpected fields found in top-level field" and drops the '
        "key: the config looks right, deploys, and the Worker has none of those bindings."
    ),
    example=f'[[vpc_service]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC213",
    name="key-after-table-header",
    severity="warning",
    summary="A config key written after a `[[vpc_services]]` header belongs to that binding.",
    what=(
        "Reports, in TOML, a key of a `[[vpc_services]]` or `[[vpc_networks]]` entry (top "
        "level or `[[env.<name>.vpc_services]]`) that wrangler knows at the config or "
        "environment level: `main`, `name`, `compatibility_date`, `routes`, `workers_dev`, "
        "... (every key of wrangler's config schema). It names the header that captured "
        "the key; the fix is to move the key above the first table header (or into the "
        "`[env.<name>]` table). It replaces VPC105 for that key."
    ),
    why=(
        "In TOML every key after a table header belongs to that table until the next "
        "header, so `main` written at the end of the file is a field of the last binding: "
        "wrangler ignores it there with a warning, and the Worker goes without its entry "
        "point, name or routes."
    ),
    example=f'{GOOD_SERVICE}main = "src/index.ts"\n',
    use_instead=f'main = "src/index.ts"\n\n{GOOD_SERVICE}',
)


TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document
    from vpclint.rules.wrangler.scopes import Scope


@check("wrangler", "VPC212")
def check_misspelt_lists(doc: Document) -> Iterator[Diagnostic]:
    for scope in iter_scopes(doc.value):
        for meant, key in misspelt_lists(scope.table, scope.path).items():
            where = "top-level" if not scope.path else dotted(scope.path)
            message = (
                f'`{key}` is not a key wrangler knows: it warns "Unexpected fields found in '
                f'{where} field" and the Worker gets none of these {list_label(meant)} '
                f"bindings; the key is `{meant}`"
            )
            edits = ()
            if meant in scope.table:
                fix = f"move the bindings of `{key}` into `{meant}`"
            else:
                fix = f"rename `{key}` to `{meant}`"
                edits = rename_list_edits(doc, (*scope.path, key), meant)
            yield doc.diagnostic(
                "VPC212",
                (*scope.path, key),
                message,
                at="key",
                fix=fix,
                applicability=SAFE,
                edits=edits,
                trial=True,
            )


def rename_list_edits(doc: Document, path: Path, new_key: str) -> tuple[Edit, ...]:
    """Edits renaming the scope key at ``path`` to ``new_key`` everywhere it is written:
    its key, or in TOML the part of every `[header]` / `[[header]]` below it (each
    `[[vpc_service]]` of a list). () when it is a table of dotted keys, whose lines the
    spans do not all record."""
    span = doc.spans.get(path)
    if span is None:
        return ()
    if not is_header(doc, path):
        if span.key_start == span.value_start:  # `vpc_service.binding = ...`
            return ()
        return rename_key(doc, path, new_key)
    from vpclint.source.toml import key_parts

    text = doc.source.text
    depth = sum(isinstance(part, str) for part in path) - 1  # the key's part in a header
    parts = set()
    for below, below_span in doc.spans.items():
        if below[: len(path)] != path or not is_header(doc, below):
            continue
        start = below_span.value_start + (2 if text.startswith("[[", below_span.value_start) else 1)
        found = key_parts(text, start)
        if len(found) <= depth or found[depth][0] != path[-1]:
            return ()
        parts.add(found[depth][1:])
    return tuple(rename_written_key(doc, start, end, new_key) for start, end in sorted(parts))


@check("wrangler", "VPC213")
def check_captured_keys(doc: Document) -> Iterator[Diagnostic]:
    if doc.syntax != "toml":
        return
    for scope in iter_scopes(doc.value):
        for list_key in ENTRY_FIELDS:
            entries = scope.table.get(list_key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    continue
                captured = captured_keys(doc, (*scope.path, list_key, index))
                explained = explained_keys(entry, list_key) if captured else frozenset()
                for key in captured:
                    if key not in explained:
                        yield _captured(doc, scope, list_key, index, key)


def _captured(doc: Document, scope: Scope, list_key: str, index: int, key: str) -> Diagnostic:
    header_path = (*scope.path, list_key, index)
    header = f"[[{dotted((*scope.path, list_key))}]]"
    line = doc.line_of(header_path, "head")
    worker = scope.worker
    owner = "the Worker's config" if not worker else f"`{dotted(worker)}`"
    message = (
        f"`{key}` is written after the `{header}` header on line {line}, so TOML puts it "
        f"inside this {list_label(list_key)} binding, not in {owner}: wrangler ignores it "
        "there, and the Worker goes without it"
    )
    if worker:
        fix = (
            f"move `{key}` into the `[{dotted(worker)}]` table, above any "
            f"`[[{dotted(worker)}.…]]` header"
        )
    else:
        fix = f"move `{key}` above the first table header (line {first_header_line(doc)})"
    return doc.diagnostic(
        "VPC213",
        (*header_path, key),
        message,
        at="key",
        related=(doc.related(header_path, "the header that captured it", at="head"),),
        fix=fix,
    )


def first_header_line(doc: Document) -> int:
    """The line of the first `[table]` or `[[array]]` header of a TOML document."""
    starts = [
        doc.spans[(key,)].value_start
        for key in doc.value
        if (key,) in doc.spans and is_header_table(doc, (key,))
    ]
    return doc.source.position(min(starts)).line if starts else 1
