"""VPC206, VPC207: a `service_id` / `tunnel_id` / `network_id` that is not a real id."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vpclint.diagnostics import SAFE, Diagnostic
from vpclint.rules.edits import replace_string
from vpclint.rules.registry import check
from vpclint.rules.wrangler.common import (
    GOOD_SERVICE,
    TUNNEL,
    vpc_entries,
    wrangler_rule,
)
from vpclint.rules.wrangler.scopes import (
    iter_scopes,
)
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document


wrangler_rule(
    code="VPC206",
    name="invalid-service-id",
    severity="error",
    summary="`service_id` is not a UUID.",
    what=(
        "Reports a `service_id` that is not a UUID (8-4-4-4-12 hex digits). A placeholder "
        "(`REPLACE_ME`, `<service-id>`, `${VPC_ID}`, `xxxx`) is named as one: it must be "
        "replaced before deploying. Fix (safe): a UUID written as 32 hex digits without "
        "hyphens, in `{braces}` or with spaces around it becomes the plain 8-4-4-4-12 form "
        "(in lower case, as `wrangler vpc service list` prints it)."
    ),
    why=(
        "wrangler does not check the format, so the mistake only shows at deploy time, "
        "when the API rejects the binding. wrangler does not substitute environment "
        "variables in its config either."
    ),
    example='[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "REPLACE_ME"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC207",
    name="invalid-tunnel-id",
    severity="error",
    summary="A `vpc_networks` `tunnel_id` is not a UUID.",
    what=(
        "Reports a `tunnel_id` that is not a UUID (8-4-4-4-12 hex digits), naming "
        "placeholders as such. (`network_id` has no fixed format: `cf1:network`.) Fix "
        "(safe): as for VPC206, 32 hex digits, `{braces}` or spaces around the UUID become "
        "the plain 8-4-4-4-12 form."
    ),
    why="wrangler does not check the format; the deploy fails at the API instead.",
    example='[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "my-tunnel"\nremote = true\n',
    use_instead=f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\nremote = true\n',
)


# As payload_values.NIL_UUID (not imported: wrangler runs need not load ipaddress).
NIL_UUID = "00000000-0000-0000-0000-000000000000"


HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID: 8-4-4-4-12 hex digits of either case, nothing else
    (a check of every id; compiling a pattern for it costs more at start-up)."""
    return (
        len(text) == 36
        and text[8] == text[13] == text[18] == text[23] == "-"
        and HEX_DIGITS.issuperset(text[:8] + text[9:13] + text[14:18] + text[19:23] + text[24:])
    )


def is_hex32(text: str) -> bool:
    """Whether ``text`` is 32 hex digits (a UUID without its hyphens)."""
    return len(text) == 32 and HEX_DIGITS.issuperset(text)


# Each bracketed alternative stops at the next opening bracket, so a value of 60,000
# `{{` (or `<`, `${`) is scanned once, not once per bracket (benchmarks/bench.py).
# A pattern string: `re` compiles it for the first id that is not a UUID.
PLACEHOLDER = (
    r"(?i)replace|change[_ -]?me|todo|fixme|tbd|your|placeholder|dummy|example|insert"
    r"|fill[_ -]?in|<[^<>]*>|\$\{[^{}]*\}|\{\{[^{}]*\}\}|\$[A-Za-z_]|%[A-Za-z_]+%|x{4}|\.\.\."
)


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
            if not is_uuid(value):
                repaired = repaired_id(value)
                yield doc.diagnostic(
                    code,
                    (*path, field),
                    _id_problem(field, value),
                    fix=f'write "{repaired}"' if repaired else _id_fix(field),
                    unless=((INVENTORY_CODES[code], (*path, field)),),  # a name, a typo
                    applicability=SAFE,
                    edits=replace_string(doc, (*path, field), repaired) if repaired else (),
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
    if is_uuid(value.strip()):
        return f"{quoted} has spaces around the UUID"
    if is_hex32(value):
        return f"{quoted} is missing its hyphens: a UUID is written 8-4-4-4-12"
    if re.search(PLACEHOLDER, value):
        extra = ""
        if "$" in value or "%" in value:
            extra = " (wrangler does not substitute environment variables in its config)"
        return f"{quoted} is a placeholder{extra}: it must be replaced before deploying"
    return (
        f"{quoted} is not a UUID (8-4-4-4-12 hex digits such as "
        "0199295b-b3ac-7760-8246-bca40877b3e9)"
    )


def _id_fix(field: str) -> str:
    return f"replace it with {_id_source(field)}"


def repaired_id(value: str) -> str | None:
    """The plain 8-4-4-4-12 UUID that ``value`` writes another way (32 hex digits, in
    braces, spaces around it), in lower case; None for anything else or the nil UUID."""
    bare = value.strip()
    if bare.startswith("{") and bare.endswith("}"):
        bare = bare[1:-1]
    if is_hex32(bare):
        bare = "-".join((bare[:8], bare[8:12], bare[12:16], bare[16:20], bare[20:]))
    if not is_uuid(bare) or bare == NIL_UUID:
        return None
    return bare.lower()
