"""VPC204, VPC205: an environment that does not inherit the top-level VPC bindings."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic
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


wrangler_rule(
    code="VPC204",
    name="env-missing-vpc-list",
    severity="warning",
    summary="The top level has VPC bindings and an environment has none.",
    what=(
        "Reports an `env.<name>` without `vpc_services` (or `vpc_networks`) when the top "
        "level has a non-empty list of them, at the environment's key."
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
