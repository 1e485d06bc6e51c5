"""VPC314, VPC315: read-only and unknown keys."""

from __future__ import annotations

from vpclint.diagnostics import SAFE
from vpclint.rules.edits import remove_json_member
from vpclint.rules.payload.common import (
    HOST,
    NETWORK,
    RESOLVER_NETWORK,
    TLS,
    PayloadContext,
    ip_host,
    payload_rule,
    split_advice,
)
from vpclint.rules.payload.known_keys import KNOWN_KEYS, LEVEL_NAMES, misplaced_hint, nearest_key
from vpclint.rules.payload.values import (
    READ_ONLY_KEYS,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


payload_rule(
    "VPC314",
    "read-only-field",
    "warning",
    summary="`service_id`, `created_at`, `updated_at` or `account_id` in a create payload.",
    what=(
        "Reports fields of the API's response (or, for `account_id`, of the URL) written "
        "into a request body, typically after copying the output of a GET. Fix (safe): "
        "`--fix` removes the member with its comma (and its line when it has one of its "
        "own), as the API ignores it anyway."
    ),
    why=(
        "The API ignores them, so the payload does not say what it seems to: a new service "
        "gets a new `service_id`."
    ),
    example=ip_host('  "service_id": "550e8400-e29b-41d4-a716-446655440000",'),
    use_instead=ip_host(),
)

payload_rule(
    "VPC315",
    "unknown-payload-field",
    "warning",
    summary="A key the API does not know, at any level of a payload.",
    what=(
        "Reports unknown keys in the payload, `host`, `host.network`, "
        "`host.resolver_network` and `tls_settings`, with the key you probably meant "
        "(`http-port` is `http_port`) or where the key belongs (`tunnel_id` goes inside "
        "`network`, `resolver_ips` inside `resolver_network`). When a misspelt key stands "
        "for a required one, the error of the missing key is reported there instead."
    ),
    why="The API ignores unknown keys, so the setting you meant is silently lost.",
    example=ip_host('  "http_port": 8080,\n  "https-port": 8443,'),
    use_instead=ip_host('  "http_port": 8080,\n  "https_port": 8443,'),
)


def check_read_only(ctx: PayloadContext) -> None:
    for key in READ_ONLY_KEYS:
        if key not in ctx.payload:
            continue
        if key == "account_id":
            message = (
                "`account_id` is part of the URL (`/accounts/{account_id}/...`), not of the body"
            )
        else:
            message = (
                f"`{key}` is a read-only field that the API sets; the create payload cannot set it"
            )
        edits = remove_json_member(ctx.doc, ctx.at((key,)))
        ctx.report(
            "VPC314",
            (key,),
            message,
            at="key",
            applicability=SAFE,
            edits=edits,
            fix=f"remove `{key}`",
        )


def check_unknown_keys(ctx: PayloadContext) -> None:
    levels = (
        ((), "payload"),
        (HOST, "host"),
        (NETWORK, "network"),
        (RESOLVER_NETWORK, "resolver_network"),
        (TLS, "tls_settings"),
    )
    for container, level in levels:
        found = ctx.payload if container == () else ctx.get(container)
        if not isinstance(found, dict):
            continue
        for key in found:
            path = (*container, key)
            if key in KNOWN_KEYS[level] or path in ctx.claimed:
                continue
            message, fix = unknown_key_message(ctx, key, level, found)
            ctx.report("VPC315", path, message, "key", fix=fix)


def unknown_key_message(
    ctx: PayloadContext, key: str, level: str, container: dict[str, Any]
) -> tuple[str, str]:
    """The message and fix for an unknown key."""
    start = f"unknown key `{key}` in {LEVEL_NAMES[level]}, which the API ignores"
    hint = misplaced_hint(key, level, ctx.service_type)
    if hint is not None:
        diagnosis, advice = split_advice(hint)
        if advice is None:  # "`ipv4` belongs inside `host`"
            return start, f"move it: {hint}"
        return (f"{start}: {diagnosis}" if diagnosis else start), advice
    suggestion = nearest_key(key, level)
    if suggestion is None:
        writable = [name for name in KNOWN_KEYS[level] if name not in READ_ONLY_KEYS]
        known = ", ".join(f"`{name}`" for name in writable)
        return (
            f"{start}: the keys here are {known}",
            f"remove `{key}`, or rename it to one of those",
        )
    if suggestion in container:
        return f"{start}: `{suggestion}` is set as well", f"remove `{key}`"
    return f"{start} (`{suggestion}` is a key it knows)", f"rename `{key}` to `{suggestion}`"
