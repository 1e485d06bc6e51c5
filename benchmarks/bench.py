"""vpclint speed, measured against check-jsonschema (the tool people use today) and the floor.

Run:  pip install check-jsonschema && python benchmarks/bench.py [--rounds N]

It writes realistic wrangler configs (a few bindings, two environments) into a temporary
folder and runs each command interleaved, `--rounds` times, reporting medians:
  - one clean file: vpclint, check-jsonschema with vpclint's own wrangler schema, and the
    floor (starting Python and importing the TOML parser);
  - 1,000 clean files in one invocation, both tools (and the peak memory of that run);
  - one config with 5,000 bindings (vpclint only; cost must grow linearly);
  - one adversarial file of 1 MiB per regular expression on file content
    (benchmarks/adversarial.py: a `service_id` of `{{`, `<`, `${` ...; vpclint only),
    beside the same file at 256 KiB: 4x the input must cost about 4x the time.
  `--adversarial-only` runs just those.
check-jsonschema is a benchmark dependency only, never a runtime one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from adversarial import CASES, case_text

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"


def config_text(index: int) -> str:
    return f"""name = "service-{index}"
main = "src/index.ts"
compatibility_date = "2026-11-01"

[[kv_namespaces]]
binding = "CACHE"
id = "3c1a7e2b9f0d4c8ea6b5d7f1e2c3a4b5"

[[vpc_services]]
binding = "ORDERS_DB"
service_id = "{UUID}"
remote = true

[[vpc_services]]
binding = "BILLING_API"
service_id = "{UUID}"
remote = true

[env.staging]
name = "service-{index}-staging"

[[env.staging.vpc_services]]
binding = "ORDERS_DB"
service_id = "{UUID}"
remote = true

[[env.staging.vpc_services]]
binding = "BILLING_API"
service_id = "{UUID}"
remote = true

[env.production]
name = "service-{index}-production"

[[env.production.vpc_services]]
binding = "ORDERS_DB"
service_id = "{UUID}"
remote = true

[[env.production.vpc_services]]
binding = "BILLING_API"
service_id = "{UUID}"
remote = true
"""


def big_config_text(bindings: int) -> str:
    parts = ['name = "big"\n']
    for index in range(bindings):
        parts.append(
            f'\n[[vpc_services]]\nbinding = "SERVICE_{index}"\nservice_id = "{UUID}"\nremote = true\n'
        )
    return "".join(parts)


def run_once(command: list[str]) -> tuple[float, int, int]:
    """Wall time in seconds, exit status and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, process.returncode, usage.ru_maxrss


def measure(commands: dict[str, list[str]], rounds: int) -> dict[str, dict[str, float]]:
    """Run the commands interleaved; medians of time and memory, and the exit statuses seen."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[int]] = {name: [] for name in commands}
    statuses: dict[str, set[int]] = {name: set() for name in commands}
    for command in commands.values():  # one warm-up each (file cache, pyc files)
        run_once(command)
    for _ in range(rounds):
        for name, command in commands.items():
            elapsed, status, peak = run_once(command)
            times[name].append(elapsed)
            memory[name].append(peak)
            statuses[name].add(status)
    return {
        name: {
            "median_s": statistics.median(times[name]),
            "peak_mib": statistics.median(memory[name]) / 1024,
            "statuses": sorted(statuses[name]),
        }
        for name in commands
    }


def tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        sys.exit(f"bench: `{name}` is not installed (pip install . check-jsonschema)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--big-rounds", type=int, default=5)
    parser.add_argument("--adversarial-only", action="store_true")
    options = parser.parse_args()
    if options.adversarial_only:
        with tempfile.TemporaryDirectory(prefix="vpclint-bench-") as folder:
            report_adversarial(adversarial(tool("vpclint"), Path(folder), options.big_rounds))
        return
    vpclint, checker = tool("vpclint"), tool("check-jsonschema")

    with tempfile.TemporaryDirectory(prefix="vpclint-bench-") as folder:
        root = Path(folder)
        schema = root / "wrangler-vpc.schema.json"
        schema.write_text(subprocess.check_output([vpclint, "schema", "wrangler"], text=True))
        one = root / "one" / "wrangler.toml"
        one.parent.mkdir()
        one.write_text(config_text(0))
        many = []
        for index in range(1000):
            path = root / "many" / f"app{index:04d}" / "wrangler.toml"
            path.parent.mkdir(parents=True)
            path.write_text(config_text(index))
            many.append(str(path))
        big = root / "big" / "wrangler.toml"
        big.parent.mkdir()
        big.write_text(big_config_text(5000))
        half = root / "half" / "wrangler.toml"
        half.parent.mkdir()
        half.write_text(big_config_text(2500))

        single = measure(
            {
                "vpclint": [vpclint, str(one)],
                "check-jsonschema": [checker, "--schemafile", str(schema), str(one)],
                "floor": [sys.executable, "-c", "import tomli, json"],
            },
            options.rounds,
        )
        thousand = measure(
            {
                "vpclint": [vpclint, *many],
                "check-jsonschema": [checker, "--schemafile", str(schema), *many],
            },
            max(3, options.rounds // 3),
        )
        bigrun = measure(
            {
                "vpclint 2,500 bindings": [vpclint, str(half)],
                "vpclint 5,000 bindings": [vpclint, str(big)],
            },
            options.big_rounds,
        )
        hostile = adversarial(vpclint, root, options.big_rounds)

    report(single, thousand, bigrun, options)
    report_adversarial(hostile)


ADVERSARIAL_SIZES = {"256 KiB": 256 * 1024, "1 MiB": 1024 * 1024}


def adversarial(vpclint: str, root: Path, rounds: int) -> dict[str, dict[str, dict]]:
    """Median times of vpclint on each adversarial case, at each size."""
    results = {}
    for index, name in enumerate(CASES):
        commands = {}
        for label, size in ADVERSARIAL_SIZES.items():
            path = root / "adversarial" / f"{index}-{size}" / CASES[name][0]
            path.parent.mkdir(parents=True)
            path.write_text(case_text(name, size), encoding="utf-8")
            commands[label] = [vpclint, "--kind", kind_of(path), str(path)]
        results[name] = measure(commands, rounds)
    return results


def kind_of(path: Path) -> str:
    return "payload" if path.name.startswith("vpc-service") else "wrangler"


def report_adversarial(results: dict[str, dict[str, dict]]) -> None:
    print("\n| adversarial file (one long value) | 256 KiB | 1 MiB | growth (4x input) |")
    print("|---|---|---|---|")
    for name, numbers in results.items():
        small, big = (numbers[label]["median_s"] for label in ADVERSARIAL_SIZES)
        print(f"| {name} | {small * 1000:.0f} ms | {big * 1000:.0f} ms | {big / small:.2f}x |")


def report(single, thousand, bigrun, options) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"rounds: {options.rounds} (1,000 files: {max(3, options.rounds // 3)}), medians\n")
    print("| case | vpclint | check-jsonschema | vpclint / check-jsonschema | floor |")
    print("|---|---|---|---|---|")
    one_ratio = single["vpclint"]["median_s"] / single["check-jsonschema"]["median_s"]
    print(
        f"| one clean file | {single['vpclint']['median_s'] * 1000:.0f} ms "
        f"| {single['check-jsonschema']['median_s'] * 1000:.0f} ms | {one_ratio:.2f}x "
        f"| {single['floor']['median_s'] * 1000:.0f} ms |"
    )
    many_ratio = thousand["vpclint"]["median_s"] / thousand["check-jsonschema"]["median_s"]
    print(
        f"| 1,000 clean files, one invocation | {thousand['vpclint']['median_s']:.2f} s "
        f"| {thousand['check-jsonschema']['median_s']:.2f} s | {many_ratio:.2f}x | |"
    )
    print(
        f"| peak memory, 1,000 files | {thousand['vpclint']['peak_mib']:.0f} MiB "
        f"| {thousand['check-jsonschema']['peak_mib']:.0f} MiB | | |"
    )
    for name, numbers in bigrun.items():
        print(f"| {name} (one file) | {numbers['median_s'] * 1000:.0f} ms | | | |")
    growth = (
        bigrun["vpclint 5,000 bindings"]["median_s"] / bigrun["vpclint 2,500 bindings"]["median_s"]
    )
    print(
        f"\ntargets: one file <= 0.30x: {'met' if one_ratio <= 0.30 else 'MISSED'} ({one_ratio:.2f}x); "
        f"1,000 files <= 1.0x: {'met' if many_ratio <= 1.0 else 'MISSED'} ({many_ratio:.2f}x); "
        f"5,000 bindings < 1 s: {'met' if bigrun['vpclint 5,000 bindings']['median_s'] < 1 else 'MISSED'}; "
        f"2x bindings -> {growth:.2f}x time"
    )
    statuses = {
        name: n["statuses"] for group in (single, thousand, bigrun) for name, n in group.items()
    }
    print(f"exit statuses seen: {statuses}")


if __name__ == "__main__":
    main()
