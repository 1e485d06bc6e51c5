"""VPC0xx: reading and parsing. The runner emits these; they have no document checks."""

from vpclint.rules.registry import Rule, register

register(
    Rule(
        code="VPC001",
        name="syntax-error",
        severity="error",
        summary="The file is not valid TOML 1.1, or not JSONC as wrangler reads it.",
        what=(
            "Reports the first syntax error in a file: TOML 1.1 for `.toml` files (what "
            "wrangler 4.164.0 reads); for `.json` and `.jsonc` files, JSON plus `//` and "
            "`/* */` comments and trailing commas, exactly as wrangler reads them. JSON5 "
            "extras (single quotes, unquoted keys, hex numbers, `NaN`, `Infinity`, a "
            "leading `+` or `.`) are errors. A key or table defined twice in TOML is a "
            "syntax error too, reported at the second definition with the first named. "
            "VPC Service payload files are read the same way; their comments and trailing "
            "commas are VPC005, not syntax errors. A file in a payload location (a "
            "`vpc-service` or `vpc-services` folder, or a `payload-globs` match) that does "
            "not parse is reported here, never skipped."
        ),
        why=(
            "wrangler refuses to start on a file it cannot parse, and every other check "
            "needs a parsed file."
        ),
        example='[[vpc_services]]\nbinding = "API"\nservice_id = "0199295b-b3ac-7760-8246-bca40877b3e9\n',
        use_instead=(
            '[[vpc_services]]\nbinding = "API"\nservice_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\n'
        ),
    )
)

register(
    Rule(
        code="VPC002",
        name="unreadable-file",
        severity="error",
        summary="The file is missing, a folder, unreadable, not UTF-8, or an empty JSON file.",
        what=(
            "Reports a path that cannot be read as a config: it does not exist, is a "
            "folder or not a regular file, cannot be read, starts with a UTF-16 or UTF-32 "
            "byte order mark, is not valid UTF-8, contains NUL bytes, is larger than the "
            "size limit, or is an empty JSON file. (An empty TOML file is valid.)"
        ),
        why="wrangler would refuse the file, or read something other than what you see.",
        example="(a wrangler.json saved as UTF-16 by an editor)",
        use_instead="(the same file saved as UTF-8)",
        example_lang="text",
    )
)

register(
    Rule(
        code="VPC003",
        name="duplicate-key",
        severity="warning",
        summary="A JSON object repeats a key; wrangler silently keeps the last one.",
        what=("Reports the second occurrence of a key in one JSON object, naming the first."),
        why=(
            "wrangler's JSONC parser keeps only the last value without a word, so the "
            "first definition (which may be the one you meant) is silently ignored."
        ),
        example='{\n  "vpc_services": [],\n  "vpc_services": [{"binding": "API"}]\n}\n',
        use_instead='{\n  "vpc_services": [{"binding": "API", "service_id": "..."}]\n}\n',
        example_lang="jsonc",
    )
)

register(
    Rule(
        code="VPC004",
        name="unused-suppression",
        severity="warning",
        summary="An inline `vpclint: ignore[...]` comment suppressed nothing.",
        what=(
            "Reports a `# vpclint: ignore[...]` (TOML) or `// vpclint: ignore[...]` "
            "(JSONC) comment, or one of its codes, that matched no finding. Fix (safe): "
            "`--fix` removes the comment (its line too when it is alone on it, keeping the "
            "code it follows or precedes), or only the directive when the comment holds "
            "other words before it, or only the unused code from a list with used codes "
            "(`ignore[VPC203, VPC208]` becomes `ignore[VPC203]`)."
        ),
        why=(
            "A stale suppression hides the next real problem on that line; remove it "
            "once the finding it was for is fixed."
        ),
        example=(
            '[[vpc_services]]\nbinding = "API"\n'
            'service_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\n'
            "remote = true  # vpclint: ignore[VPC203]\n"
        ),
        use_instead=(
            '[[vpc_services]]\nbinding = "API"\n'
            'service_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\n'
            "remote = true\n"
        ),
    )
)

register(
    Rule(
        code="VPC005",
        name="non-strict-payload-json",
        severity="error",
        summary="A VPC Service payload has comments or trailing commas; the API reads strict JSON.",
        what=(
            "Reports a VPC Service payload file that has `//` or `/* */` comments or "
            "trailing commas, as the Cloudflare docs' examples do. It is reported once, at "
            "the first comment or trailing comma, and says how many there are. The "
            "payload's content is still checked in full, as if they were removed: the "
            "other findings are the same as for the same payload written as strict JSON. "
            "A `vpclint: ignore[...]` comment is a comment too, so it counts; if your "
            "tooling strips comments before it sends the file, ignore VPC005 for those "
            "files in configuration (`per-file-ignores`)."
        ),
        why=(
            "`curl --data @file` and other clients send the file as it is, and the "
            "Cloudflare API refuses anything but strict JSON."
        ),
        example=(
            "{\n  // the service's name, as shown in the dashboard\n"
            '  "name": "web",\n  "type": "http",\n'
            '  "host": {"ipv4": "10.0.0.5", "network": {"tunnel_id": '
            '"0199295b-b3ac-7760-8246-bca40877b3e9"}},\n}\n'
        ),
        use_instead=(
            '{\n  "name": "web",\n  "type": "http",\n'
            '  "host": {"ipv4": "10.0.0.5", "network": {"tunnel_id": '
            '"0199295b-b3ac-7760-8246-bca40877b3e9"}}\n}\n'
        ),
        kinds=("payload",),
        example_lang="jsonc",
    )
)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def non_strict_payload(display: str, source, parsed):
    """The VPC005 finding for a payload parsed as JSONC, or None for strict JSON: at the
    first comment or trailing comma (a comment's first line), counting them all."""
    from vpclint.runner import make

    comments, commas = parsed.comments, parsed.trailing_commas
    if not comments and not commas:
        return None
    first_comment = comments[0].start if comments else len(source.text)
    if commas and commas[0] < first_comment:
        start, end = commas[0], commas[0] + 1
    else:
        start = first_comment
        end = comments[0].end
        line_end = source.text.find("\n", start)
        if line_end != -1:
            end = min(end, line_end)
    parts = [counted(len(comments), "comment")] if comments else []
    if commas:
        parts.append(counted(len(commas), "trailing comma"))
    fix = "remove every comment and trailing comma before sending the file to the API"
    if any(is_directive(comment) for comment in comments):
        fix += (
            " (a `vpclint: ignore` comment counts too; if your tooling strips comments "
            "before sending, ignore VPC005 for these files in configuration instead)"
        )
    return make(
        display,
        "VPC005",
        f"this payload has {' and '.join(parts)} (the first is here), but the Cloudflare "
        "API reads strict JSON: sent as it is, the file is refused",
        source.position(start),
        source.position(end),
        fix=fix,
    )


def is_directive(comment) -> bool:
    from vpclint.suppress import parse_directive

    return parse_directive(comment) is not None
