"""VPC209, VPC210: VPC bindings where wrangler does not use them (Pages, `previews`)."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic, Related
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    TUNNEL,
    wrangler_rule,
)
from vpclint.rules.wrangler.scopes import (
    VPC_LIST_KEYS,
    iter_scopes,
    list_label,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document


wrangler_rule(
    code="VPC209",
    name="pages-unsupported",
    severity="error",
    summary="VPC bindings in a Pages config (`pages_build_output_dir` is set).",
    what=(
        "Reports a non-empty `vpc_services` or `vpc_networks` list (in any scope) in a "
        "config that sets `pages_build_output_dir`, i.e. a Pages project's config."
    ),
    why=(
        "Pages projects do not support VPC bindings: Pages commands refuse the config "
        '("Configuration file for Pages projects does not support `vpc_services`").'
    ),
    example=f'pages_build_output_dir = "./dist"\n\n{GOOD_SERVICE}',
    use_instead=f'main = "src/index.ts"\n\n{GOOD_SERVICE}',
)

wrangler_rule(
    code="VPC210",
    name="previews-vpc-networks-ignored",
    severity="warning",
    summary="`previews.vpc_networks` is not supported by wrangler's config validation.",
    what="Reports a `vpc_networks` key inside `previews` (or `env.<name>.previews`).",
    why=(
        "wrangler's JSON Schema allows it, but its config validation warns "
        '"Unexpected fields found in previews field" and never checks the entries. '
        "vpclint reports the key once and does not check its entries either."
    ),
    example=(f'[[previews.vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\n'),
    use_instead="# no vpc_networks under previews\n",
)


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
