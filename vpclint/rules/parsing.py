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
            "VPC Service payload files are strict JSON: comments and trailing commas are "
            "errors there, because the API does not accept them."
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
            "(JSONC) comment, or one of its codes, that matched no finding."
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
