"""VPC202, VPC203: a VPC binding that `wrangler dev` would not run remotely."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import SAFE, UNSAFE, Diagnostic
from vpclint.rules.edits import insert_member
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    UUID,
    required_field_findings,
    vpc_entries,
    wrangler_rule,
)
from vpclint.rules.wrangler.scopes import (
    assignment,
    iter_scopes,
    list_label,
)
from vpclint.rules.wrangler.shape import likely_meant

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document


wrangler_rule(
    code="VPC202",
    name="remote-false",
    severity="error",
    summary="`remote = false` on a VPC binding: `wrangler dev` refuses to start.",
    what=(
        "Reports `remote = false` on a `vpc_services` or `vpc_networks` entry (top level and "
        "every environment; `previews` are not used by `wrangler dev`). Fix (unsafe, it "
        "changes what the config asks for): `false` becomes `true`."
    ),
    why=(
        "VPC bindings have no local simulator. Since wrangler 4.95.0, `wrangler dev` fails "
        'with "VPC Service bindings do not support local development".'
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = false\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC203",
    name="remote-unset",
    severity="warning",
    summary="A VPC binding does not set `remote`.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` entry without `remote`, at the entry "
        '(top level and every environment). Fix (safe): adds `remote = true` (`"remote": '
        "true`) to the entry in its own style: a new line after its last key in a "
        "multi-line table or object, `, remote = true` in an inline table or a one-line "
        "object."
    ),
    why=(
        "`wrangler dev` reaches the real service anyway, and prints a warning that it may "
        "incur usage charges; `remote = true` says what happens and silences the warning."
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\n',
    use_instead=GOOD_SERVICE,
)


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
                    applicability=UNSAFE,
                    edits=(doc.replace((*path, "remote"), "true"),),
                )
            elif "remote" not in entry and likely_meant(entry, list_key, ("remote",)) is None:
                yield doc.diagnostic(
                    "VPC203",
                    path,
                    f"this {label} binding does not set `remote`: `wrangler dev` still uses the "
                    "real service (and warns that it may incur usage charges)",
                    at="head",
                    fix=f"add `{assignment(doc, 'remote', 'true')}`",
                    unless=required_field_findings(path),
                    applicability=SAFE,
                    edits=insert_member(doc, path, "remote", "true"),
                )
