"""Check that speed work never changes what vpclint prints.

    python benchmarks/same_output.py save DIR      # outputs of this checkout, into DIR
    python benchmarks/same_output.py compare DIR   # outputs now, byte for byte against DIR

It lints every test fixture (``tests/cases``, ``examples``, and ``../shared`` when present)
and a few hundred generated configs (fixed seed; clean ones and ones with findings) in every
output format, serially and with ``--jobs 2``, and saves stdout, stderr and the exit status
of each run. ``compare`` fails on the first difference and names it. Save the outputs of the
commit before a change, then compare after it.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench import UUID, config_text  # noqa: E402 (beside this script)

GENERATED = Path("/tmp/vpclint-same-output-configs")
FORMATS = ("full", "concise", "json", "sarif", "github", "statistics")
SUFFIXES = (".toml", ".json", ".jsonc")

# Edits that give a generated config findings (each a (old, new) replacement).
MUTATIONS = [
    (f'service_id = "{UUID}"\n', ""),
    (f'service_id = "{UUID}"', 'service_id = "not-a-uuid"'),
    (f'service_id = "{UUID}"', "service_id = 12"),
    (f'service_id = "{UUID}"', "service_id = 9007199254740993"),
    ("remote = true", "remote = false"),
    ("remote = true", 'remote = "yes"'),
    ('binding = "BILLING_API"', 'binding = "ORDERS_DB"'),
    ('binding = "BILLING_API"', 'binding = "billing-api"'),
    ('binding = "BILLING_API"', 'name = "BILLING_API"'),
    ("binding = ", "bnding = "),
    ("[[vpc_services]]", "[[vpc_service]]"),
    ("[[vpc_services]]", "[vpc_services]"),
    ("remote = true\n", "remote = true\ntunnel_id = 7\n"),
    ('compatibility_date = "2026-11-01"', "compatibility_date = 2026-11-01"),
    ('name = "service', 'name = 3 #"service'),
    ("[env.staging]", "[env.staging]\nvpc_services = 3"),
    ("[env.staging]", "[env.staging\n"),
    ('main = "src/index.ts"', 'main = "src/index.ts"\nmain = "x"'),
    ("remote = true", "remote = true # vpclint: ignore[VPC202]"),
]


def generated_configs(count: int = 300) -> list[str]:
    """Configs in a fixed folder (paths are part of the output), a third of them clean."""
    chooser = random.Random(15)
    paths = []
    for index in range(count):
        text = config_text(index)
        if index % 3:
            for old, new in chooser.sample(MUTATIONS, chooser.randint(1, 3)):
                text = text.replace(old, new, chooser.choice((1, -1)) if old in text else 0)
        path = GENERATED / f"app{index:03d}" / "wrangler.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def fixture_groups() -> dict[str, list[str]]:
    """Fixture files by how they are linted: by their own kind, or forced to each kind."""
    from vpclint.discover import kind_for

    roots = [ROOT / "tests" / "cases", ROOT / "examples", ROOT.parent / "shared"]
    by_kind: dict[str, list[str]] = {"own": [], "forced": []}
    for root in roots:
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.suffix not in SUFFIXES or not path.is_file() or "node_modules" in path.parts:
                continue
            shown = os.path.relpath(path, ROOT)
            own = kind_for(shown, path.read_bytes())
            by_kind["own" if own else "forced"].append(shown)
    return by_kind


def runs() -> dict[str, list[str]]:
    groups = fixture_groups()
    generated = generated_configs()
    commands = {}
    for output in FORMATS:
        flags = ["--output-format", output, "--color", "never"]
        if output == "statistics":
            flags = ["--statistics", "--color", "never"]
        for jobs in ((), ("--jobs", "2")):
            tag = f"{output}{'-jobs' if jobs else ''}"
            commands[f"fixtures-{tag}"] = [*flags, *jobs, *groups["own"]]
            for kind in ("wrangler", "payload"):
                commands[f"forced-{kind}-{tag}"] = [
                    *flags,
                    *jobs,
                    "--kind",
                    kind,
                    *groups["forced"],
                ]
            commands[f"generated-{tag}"] = [*flags, *jobs, *generated]
    for index, path in enumerate(groups["own"][:200]):  # one file a run, as a hook runs
        commands[f"single-{index:03d}"] = ["--color", "never", path]
    return commands


def outputs(jobs_supported: bool) -> dict[str, bytes]:
    vpclint = Path(sys.executable).parent / "vpclint"
    results = {}
    for name, arguments in runs().items():
        if "--jobs" in arguments and not jobs_supported:
            continue
        done = subprocess.run([str(vpclint), *arguments], capture_output=True, cwd=ROOT)
        output = b"exit %d\n--stdout\n%s--stderr\n%s" % (
            done.returncode,
            done.stdout,
            done.stderr,
        )
        # the checkout's own folder (SARIF's %SRCROOT%) differs between two checkouts
        results[name] = output.replace(ROOT.as_uri().encode(), b"file:///CHECKOUT")
    return results


def main() -> None:
    action, folder = sys.argv[1], Path(sys.argv[2])
    if action == "save":
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in outputs(jobs_supported="--no-jobs" not in sys.argv).items():
            (folder / name).write_bytes(data)
        return
    differences = 0
    for name, data in outputs(jobs_supported=True).items():
        saved = folder / name.replace("-jobs", "") if name.endswith("-jobs") else folder / name
        if not saved.exists() or saved.read_bytes() != data:
            differences += 1
            print(f"differs: {name} (saved {saved.name})")
    print(f"{differences} run(s) differ" if differences else "every run is byte-identical")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
