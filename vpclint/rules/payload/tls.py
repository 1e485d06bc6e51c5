"""VPC313: `tls_settings`."""

from __future__ import annotations

from vpclint.rules.payload.common import (
    MODE_LIST,
    TLS,
    PayloadContext,
    ip_host,
    payload_rule,
    split_advice,
)
from vpclint.rules.payload.values import (
    VERIFICATION_MODES,
    json_type,
    quote,
    uuid_problem,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


payload_rule(
    "VPC313",
    "invalid-tls-settings",
    "error",
    summary="`tls_settings` is not null or an object with a valid `cert_verification_mode`, "
    "or its certificate ids are wrong.",
    what=(
        "Checks `tls_settings`: null or an object; `cert_verification_mode` present and one "
        'of "verify_full", "verify_ca", "disabled"; `certificate_authority` and '
        '`client_certificate` UUIDs; no `certificate_authority` with "disabled".'
    ),
    why=(
        "The API requires the mode whenever `tls_settings` is given, and wrangler refuses a "
        "custom CA when verification is disabled (it would never be used)."
    ),
    example=ip_host('  "tls_settings": {"cert_verification_mode": "strict"},'),
    use_instead=ip_host('  "tls_settings": {"cert_verification_mode": "verify_full"},'),
)


def check_tls(ctx: PayloadContext) -> None:
    if "tls_settings" not in ctx.payload:
        return
    tls = ctx.payload["tls_settings"]
    if tls is None:
        return
    if not isinstance(tls, dict):
        mode = tls if tls in VERIFICATION_MODES else "verify_full"
        ctx.report(
            "VPC313",
            TLS,
            f"`tls_settings` must be an object, or null, not {json_type(tls)}",
            fix=f'write `"tls_settings": {{"cert_verification_mode": {quote(mode)}}}`',
        )
        return
    if "cert_verification_mode" not in tls:
        ctx.missing(
            "VPC313",
            (TLS, "tls_settings"),
            "cert_verification_mode",
            "`tls_settings` needs `cert_verification_mode`",
            f"add `cert_verification_mode`: {MODE_LIST}",
            elsewhere=(("cert_verification_mode",),),
        )
    elif tls["cert_verification_mode"] not in VERIFICATION_MODES:
        message, fix = mode_message(tls["cert_verification_mode"])
        ctx.report("VPC313", (*TLS, "cert_verification_mode"), message, fix=fix)
    for key, upload in (
        ("certificate_authority", "certificate-authority"),
        ("client_certificate", "mtls-certificate"),
    ):
        if key in tls:
            source = f"the id printed by `wrangler cert upload {upload}`"
            problem = uuid_problem(tls[key], f"`{key}`", source)
            if problem is not None:
                diagnosis, advice = split_advice(problem)
                message = diagnosis or f"`{key}` is not written as a UUID"
                ctx.report("VPC313", (*TLS, key), message, fix=advice)
    if "certificate_authority" in tls and tls.get("cert_verification_mode") == "disabled":
        ctx.report(
            "VPC313",
            (*TLS, "certificate_authority"),
            '`certificate_authority` is not used when `cert_verification_mode` is "disabled"',
            at="key",
            fix='set the mode to "verify_ca" or "verify_full", or remove the CA',
        )


def mode_message(value: Any) -> tuple[str, str]:
    """The message and fix for a `cert_verification_mode` that is not a mode."""
    if isinstance(value, str) and value.lower() in VERIFICATION_MODES:
        return "`cert_verification_mode` must be written in lowercase", (
            f"write {quote(value.lower())}"
        )
    message = f"`cert_verification_mode` {quote(value)} is not a mode"
    if isinstance(value, str) and value.lower() in ("full", "strict", "verify"):
        return message, 'write "verify_full"'
    if isinstance(value, str) and value.lower() in ("ca", "verify-ca", "verify-full"):
        fixed = "verify_ca" if "ca" in value.lower() else "verify_full"
        return message, f'write "{fixed}"'
    if value is False or (isinstance(value, str) and value.lower() in ("none", "off", "no")):
        return message, 'write "disabled" to turn verification off'
    return message, f"write one of {MODE_LIST}"
