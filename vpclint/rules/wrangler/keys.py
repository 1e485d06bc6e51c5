"""The keys wrangler 4.164.0 knows in each scope of a config.

Taken from wrangler's own ``config-schema.json`` (``RawConfig``, ``RawEnvironment``,
``PreviewsConfig``), plus the removed keys its validation still recognises
(``legacy_env``, ``node_compat``: it reports them by name instead of as unexpected).
``tests/test_wrangler_keys.py`` compares these sets with the installed wrangler when
it is available.
"""

from __future__ import annotations

from vpclint.rules.wrangler.scopes import ENTRY_FIELDS
from vpclint.rules.wrangler.scopes import VPC_LIST_KEYS as VPC_LISTS

PREVIEWS_KEYS = frozenset(
    [
        "agent_memory",
        "ai",
        "ai_search",
        "ai_search_namespaces",
        "analytics",
        "analytics_engine_datasets",
        "artifacts",
        "browser",
        "cache",
        "cloudchamber",
        "connect",
        "containers",
        "d1_databases",
        "define",
        "dispatch_namespaces",
        "durable_objects",
        "flagship",
        "hyperdrive",
        "images",
        "k2",
        "kv_namespaces",
        "limits",
        "logpush",
        "media",
        "mtls_certificates",
        "observability",
        "pipelines",
        "placement",
        "queues",
        "r2_buckets",
        "ratelimits",
        "secrets",
        "secrets_store_secrets",
        "send_email",
        "services",
        "stream",
        "streaming_tail_consumers",
        "tail_consumers",
        "unsafe",
        "unsafe_hello_world",
        "vars",
        "vectorize",
        "version_metadata",
        "vpc_networks",
        "vpc_services",
        "worker_loaders",
        "workflows",
    ]
)

ENV_KEYS = PREVIEWS_KEYS | frozenset(
    [
        "access",
        "account_id",
        "assets",
        "base_dir",
        "build",
        "compatibility_date",
        "compatibility_flags",
        "compliance_region",
        "exports",
        "find_additional_modules",
        "first_party_worker",
        "jsx_factory",
        "jsx_fragment",
        "keep_names",
        "logfwdr",
        "main",
        "migrations",
        "minify",
        "name",
        "no_bundle",
        "preserve_file_names",
        "preview_urls",
        "previews",
        "python_modules",
        "route",
        "routes",
        "rules",
        "triggers",
        "tsconfig",
        "upload_source_maps",
        "workers_dev",
        "node_compat",
    ]
)

TOP_LEVEL_KEYS = ENV_KEYS | frozenset(
    [
        "$schema",
        "addresses",
        "alias",
        "data_blobs",
        "dependencies_instrumentation",
        "dev",
        "env",
        "keep_vars",
        "pages_build_output_dir",
        "send_metrics",
        "site",
        "text_blobs",
        "wasm_modules",
        "legacy_env",
    ]
)


def known_keys(path: tuple) -> frozenset[str]:
    """The keys wrangler knows in the scope at ``path`` (see ``wrangler_scopes``)."""
    if path and path[-1] == "previews":
        return PREVIEWS_KEYS
    return ENV_KEYS if path else TOP_LEVEL_KEYS


# A near-miss is at most this many edits from a VPC list key, after normalising.
MAX_EDITS = 2


def normalise(key: str) -> str:
    """`vpcServices`, `vpc-services`, `VPC_SERVICES` -> `vpcservices`."""
    return "".join(char for char in key.lower() if char.isalnum())


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance where swapping two neighbours counts as one edit."""
    before: list[int] = []
    row = list(range(len(right) + 1))
    for i, char in enumerate(left, 1):
        previous, before, row = before, row, [i] + [0] * len(right)
        for j, other in enumerate(right, 1):
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (char != other))
            if i > 1 and j > 1 and char == right[j - 2] and left[i - 2] == other:
                row[j] = min(row[j], previous[j - 2] + 1)
    return row[-1]


def meant_list_key(key: str, scope_path: tuple) -> str | None:
    """The VPC list key an unknown scope key is a near-miss of, or None.

    Case, `-`/`_` and camelCase are ignored, and so is a missing or extra plural `s`;
    then at most :data:`MAX_EDITS` edits. A key wrangler knows in the scope is never a
    near-miss, nor one that is as close to another key wrangler knows.
    """
    known = known_keys(scope_path)
    if key in known or len(key) > 40:
        return None
    folded = normalise(key)
    targets = ["vpc_services"]
    if not scope_path or scope_path[-1] != "previews":  # wrangler ignores it there
        targets.append("vpc_networks")
    best = None
    for target in targets:
        plain = normalise(target)
        distance = min(edit_distance(folded, form) for form in (plain, plain[:-1]))
        if distance <= MAX_EDITS and (best is None or distance < best[0]):
            best = (distance, target)
    if best is None:
        return None
    others = (name for name in known if name not in VPC_LISTS)
    if any(edit_distance(folded, normalise(name)) <= best[0] for name in others):
        return None
    return best[1]


def misspelt_lists(table: dict, scope_path: tuple) -> dict[str, str]:
    """{VPC list key: the misspelt key written for it} for one scope's table."""
    found: dict[str, str] = {}
    for key in table:
        if isinstance(key, str):
            meant = meant_list_key(key, scope_path)
            if meant is not None:
                found.setdefault(meant, key)
    return found


def is_header_table(doc, path: tuple) -> bool:
    """Whether the table at ``path`` is written as a TOML `[[...]]` / `[...]` header."""
    span = doc.spans.get(path) if doc.syntax == "toml" else None
    # A header's key is inside its brackets; an inline value's key comes before it.
    return span is not None and span.key_start > span.value_start


def captured_keys(doc, entry_path: tuple, explained=frozenset()) -> list[str]:
    """Keys of a TOML `[[list]]` entry that wrangler knows in the entry's scope.

    TOML puts every key written after a header into that table, so `main` written
    after `[[vpc_services]]` belongs to the binding. ``explained`` are keys another
    finding already names (a misspelt `binding`, say)."""
    entry = doc.get(entry_path)
    if not isinstance(entry, dict):
        return []
    fields = ENTRY_FIELDS.get(entry_path[-2], ())
    scope_path = entry_path[:-2]
    if scope_path and scope_path[-1] == "previews":  # the key may be the Worker's own
        scope_path = scope_path[:-1]
    known = known_keys(scope_path)
    if known.isdisjoint(entry):  # the common case: only the entry's own fields
        return []
    keys = [key for key in entry if key in known and key not in fields and key not in explained]
    return keys if keys and is_header_table(doc, entry_path) else []
