"""Generated wrangler configs: every key vpclint reads set to a value of every JSON type.

Each probe is a small, otherwise valid config (a Worker with one VPC service binding at
the top level and one in ``env.staging``) where one key, at the top level or in
``env.staging``, holds a value of an unexpected type: ``null``, a number, a string, a
boolean, an empty or non-empty array, an empty or non-empty table. The keys are every
binding kind vpclint knows (``BINDING_KINDS``), the scope keys its rules read (``env``,
``previews``, ``pages_build_output_dir``, ``name``), the fields of a grouped kind
(``durable_objects.bindings``, ``queues.producers``, ...) and the fields of a VPC binding
entry. Each is written in JSONC and, where TOML can hold the value (no ``null``), in
TOML.

``tests/test_wrangler_probes.py`` checks vpclint against wrangler's verdicts on them,
recorded in ``tests/cases/probes/verdicts.json`` (``python tests/wrangler_probes.py
record`` re-records them with ``../shared/oracle/wrangler-check``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from vpclint.rules.wrangler.bindings import BINDING_KINDS, GROUP, STRINGS
from vpclint.rules.wrangler.keys import PREVIEWS_KEYS

VERDICTS = Path(__file__).parent / "cases" / "probes" / "verdicts.json"
SERVICE_ID = "0199295b-b3ac-7760-8246-bca40877b3e9"
TUNNEL_ID = "6ff42ae2-765d-4adf-8112-31c55c1551ef"

# (label, value): one value of each JSON type, empty and not.
VALUES = (
    ("null", None),
    ("number", 5),
    ("string", "X"),
    ("true", True),
    ("false", False),
    ("empty-array", []),
    ("string-array", ["X"]),
    ("number-array", [5]),
    ("null-array", [None]),
    ("empty-table", {}),
    ("table-of-null", {"X": None}),
    ("table-of-number", {"X": 5}),
    ("table-of-string", {"X": "Y"}),
    ("empty-entry", [{}]),
    ("binding-entry", [{"binding": "B"}]),
    ("name-entry", [{"name": "B"}]),
    ("binding-table", {"binding": "B"}),
    ("bindings-table", {"bindings": [{"name": "B"}]}),
)

PREVIEW_KINDS = [kind.key for kind in BINDING_KINDS if kind.key in PREVIEWS_KEYS]
SCOPE_KEYS = ("env", "previews", "pages_build_output_dir", "name")
ENTRY_FIELDS = {
    "vpc_services": ("binding", "service_id", "remote"),
    "vpc_networks": ("binding", "tunnel_id", "network_id", "remote"),
}


def base_config() -> dict:
    service = {"binding": "API", "service_id": SERVICE_ID, "remote": True}
    return {
        "name": "w",
        "compatibility_date": "2025-01-01",
        "vpc_services": [dict(service)],
        "env": {"staging": {"vpc_services": [dict(service)]}},
    }


def _targets() -> list[tuple[str, tuple[str, ...]]]:
    """(label, path of the key) of every key a probe sets."""
    top_keys = [kind.key for kind in BINDING_KINDS] + list(SCOPE_KEYS)
    targets = [(key, (key,)) for key in top_keys]
    targets += [(f"env.staging.{key}", ("env", "staging", key)) for key in top_keys]
    targets.append(("env.staging", ("env", "staging")))
    targets += [(f"previews.{key}", ("previews", key)) for key in PREVIEW_KINDS]
    for kind in BINDING_KINDS:
        if kind.layout in (GROUP, STRINGS):
            field = kind.group_field
            targets.append((f"{kind.key}.{field}", (kind.key, field)))
    for list_key, fields in ENTRY_FIELDS.items():
        for field in fields:
            targets.append((f"{list_key}[0].{field}", (list_key, 0, field)))
    return targets


def _set(config: dict, path: tuple, value) -> dict:
    container = config
    for index, part in enumerate(path[:-1]):
        if isinstance(part, int):
            container = container[part]
            continue
        nxt = container.get(part)
        if not isinstance(nxt, dict | list):
            nxt = [{}] if isinstance(path[index + 1], int) else {}
            container[part] = nxt
        container = nxt
    container[path[-1]] = value
    return config


def _entry(path: tuple) -> dict:
    """The base config with the entry a VPC field probe needs."""
    config = base_config()
    if path[0] == "vpc_networks":
        config["vpc_networks"] = [{"binding": "NET", "tunnel_id": TUNNEL_ID, "remote": True}]
        config["env"]["staging"]["vpc_networks"] = [dict(config["vpc_networks"][0])]
    return config


def probes() -> list[tuple[str, str]]:
    """(file name, text) of every probe, JSONC and TOML."""
    found = []
    for target, path in _targets():
        for label, value in VALUES:
            config = _set(_entry(path), path, value)
            stem = f"{target.replace('[0]', '0')}={label}"
            found.append((f"{stem}.jsonc", json.dumps(config, indent=2) + "\n"))
            if not _has_null(value):
                found.append((f"{stem}.toml", to_toml(config)))
    return found


def _has_null(value) -> bool:
    if value is None:
        return True
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    if isinstance(value, dict):
        return any(_has_null(item) for item in value.values())
    return False


def _inline(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    pairs = (f"{json.dumps(key)} = {_inline(item)}" for key, item in value.items())
    return "{ " + ", ".join(pairs) + " }"


def to_toml(config: dict) -> str:
    """The config as TOML: every value inline, except the `env.<name>` tables."""
    lines = [
        f"{json.dumps(key)} = {_inline(value)}" for key, value in config.items() if key != "env"
    ]
    envs = config.get("env")
    if isinstance(envs, dict) and all(isinstance(table, dict) for table in envs.values()):
        for name, table in envs.items():
            lines.append(f"\n[env.{json.dumps(name)}]")
            lines += [f"{json.dumps(key)} = {_inline(value)}" for key, value in table.items()]
    elif "env" in config:
        lines.insert(0, f'"env" = {_inline(envs)}')
    return "\n".join(lines) + "\n"


ENVS = (None, "staging")


def run_oracle(oracle: Path, folder: Path, names: list[str], env: str | None) -> dict[str, str]:
    """wrangler's verdict (ok, warning, error) of each file, with ``--env env``."""
    command = [str(oracle), *(str(folder / name) for name in names)]
    if env is not None:
        command += ["--env", env]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
    verdicts = {}
    for line in filter(str.strip, result.stdout.splitlines()):
        record = json.loads(line)
        verdicts[Path(record["file"]).name] = record["verdict"]
    return verdicts


def oracle_verdicts(oracle: Path) -> dict[str, dict[str, str]]:
    """{file name: {"top" | "staging": verdict}} for every probe, from wrangler itself."""
    found = probes()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in found:
            (folder / name).write_text(text, encoding="utf-8")
        names = [name for name, _ in found]
        by_env = {env: run_oracle(oracle, folder, names, env) for env in ENVS}
    return {
        name: {env or "top": by_env[env].get(name, "missing") for env in ENVS} for name in names
    }


if __name__ == "__main__" and sys.argv[1:] == ["record"]:
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    verdicts = oracle_verdicts(shared / "oracle" / "wrangler-check")
    VERDICTS.parent.mkdir(parents=True, exist_ok=True)
    VERDICTS.write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
