"""vpclint speed, measured against check-jsonschema (the tool people use today) and the floor.

Run:  pip install check-jsonschema && python benchmarks/bench.py [--rounds N]

It writes realistic wrangler configs (a few bindings, two environments) into a temporary
folder and runs each command interleaved (in a new order each round), `--rounds` times,
reporting medians, and prints
each of issue 15's targets with whether it is met:
  - one clean file: vpclint, check-jsonschema with vpclint's own wrangler schema, and the
    floor (`python -c "import tomli"`); the same file with one finding (no `service_id`);
  - 1,000 clean files in one invocation, both tools, and 1,000 files with a finding each;
    those 1,000 files with findings (no --fix) by this code and by the code before the
    fix model (the parent of commit 18145b9, from `git archive` of this checkout), both
    as `python -P -m vpclint` with the same interpreter and dependencies;
  - 10,000 clean files, both tools (time, peak memory), and vpclint with `--jobs 2`;
  - one config with 2,500 and 5,000 bindings (cost must grow linearly);
  - one adversarial file of 1 MiB per regular expression on file content
    (benchmarks/adversarial.py: a `service_id` of `{{`, `<`, `${` ...; vpclint only),
    beside the same file at 256 KiB: 4x the input must cost about 4x the time.
  `--adversarial-only` runs just those, `--skip-adversarial` all but those.
The machine's load moves single runs a lot: compare medians of interleaved runs only.
check-jsonschema is a benchmark dependency only, never a runtime one.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
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


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall time in seconds, exit status and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, process.returncode, usage.ru_maxrss


def measure(
    commands: dict[str, list[str]], rounds: int, envs: dict[str, dict[str, str]] | None = None
) -> dict[str, dict[str, float]]:
    """Run the commands interleaved, in a new order each round (a command run right after
    a heavy one runs slower: a fixed order favours whatever follows the lightest), with
    ``envs`` the environment of some of them; medians of time and memory, and the exit
    statuses seen."""
    envs = envs or {}
    shuffled = random.Random(15)
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[int]] = {name: [] for name in commands}
    statuses: dict[str, set[int]] = {name: set() for name in commands}
    for name, command in commands.items():  # one warm-up each (file cache, pyc files)
        run_once(command, envs.get(name))
    for _ in range(rounds):
        order = list(commands.items())
        shuffled.shuffle(order)
        for name, command in order:
            elapsed, status, peak = run_once(command, envs.get(name))
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


def busy(count: int) -> int:
    total = 0
    for number in range(count):
        total += number
    return total


def parallel_control(rounds: int = 3) -> float:
    """Two CPU-bound processes at once over the same work done serially (median): about
    0.5 when two cores are free, about 1.0 when other jobs hold the second core; the
    `--jobs 2` row can be no better than this."""
    import multiprocessing

    work = 10_000_000
    ratios = []
    for _ in range(rounds):
        start = time.perf_counter()
        busy(work)
        busy(work)
        serial = time.perf_counter() - start
        start = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.map(busy, [work, work])
        ratios.append((time.perf_counter() - start) / serial)
    return statistics.median(ratios)


# The commit that added fixes (issue 11); its parent lints as vpclint did before them.
FIX_MODEL_COMMIT = "18145b9"


def before_fix_model(folder: Path) -> Path | None:
    """The package (``vpclint/`` and ``schemas/``) of the parent of FIX_MODEL_COMMIT,
    extracted into ``folder`` from this checkout; None outside a git checkout."""
    checkout = Path(__file__).resolve().parent.parent
    try:
        archive = subprocess.run(
            ["git", "-C", str(checkout), "archive", f"{FIX_MODEL_COMMIT}^", "vpclint", "schemas"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    folder.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    # compiled now, as pip compiles an installed package (even with PYTHONDONTWRITEBYTECODE)
    compileall.compile_dir(str(folder), quiet=1)
    return folder


def lint_without_fix(files: list[str], old_package: Path, rounds: int) -> dict:
    """1,000 files with findings linted (no --fix) by this vpclint and by the one before
    the fix model, both as `python -P -m vpclint` (the installed executable's quick exit
    would favour this one; -P keeps the working folder, maybe a checkout, off the path)."""
    command = [sys.executable, "-P", "-m", "vpclint", *files]
    old_env = {**os.environ, "PYTHONPATH": str(old_package)}
    where = [sys.executable, "-P", "-c", "import vpclint; print(vpclint.__file__)"]
    found = subprocess.run(where, env=old_env, capture_output=True, text=True).stdout
    if not found.startswith(str(old_package)):
        sys.exit(f"bench: the code before the fix model was not imported ({found.strip()})")
    return measure(
        {"now": command, "before the fix model": command},
        rounds,
        {"before the fix model": old_env},
    )


def with_finding(text: str) -> str:
    """The same config with one finding (a VPC service binding without `service_id`)."""
    return text.replace(f'service_id = "{UUID}"\n', "", 1)


def write_configs(folder: Path, count: int, finding: bool = False) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"a{index:05d}" / "wrangler.toml"
        path.parent.mkdir(parents=True)
        text = config_text(index)
        path.write_text(with_finding(text) if finding else text)
        paths.append(str(path))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--big-rounds", type=int, default=5)
    parser.add_argument("--adversarial-only", action="store_true")
    parser.add_argument("--skip-adversarial", action="store_true")
    options = parser.parse_args()
    if options.adversarial_only:
        with tempfile.TemporaryDirectory(prefix="vpclint-bench-") as folder:
            report_adversarial(adversarial(tool("vpclint"), Path(folder), options.big_rounds))
        return
    vpclint, checker = tool("vpclint"), tool("check-jsonschema")
    load_before = os.getloadavg()

    with tempfile.TemporaryDirectory(prefix="vpclint-bench-") as folder:
        root = Path(folder)
        schema = root / "wrangler-vpc.schema.json"
        schema.write_text(subprocess.check_output([vpclint, "schema", "wrangler"], text=True))
        [one] = write_configs(root / "one", 1)
        [one_finding] = write_configs(root / "one-finding", 1, finding=True)
        many = write_configs(root / "m", 1000)
        many_findings = write_configs(root / "f", 1000, finding=True)
        huge = write_configs(root / "h", 10000)
        big = root / "big" / "wrangler.toml"
        big.parent.mkdir()
        big.write_text(big_config_text(5000))
        half = root / "half" / "wrangler.toml"
        half.parent.mkdir()
        half.write_text(big_config_text(2500))
        few = max(3, options.rounds // 3)
        measured = {
            "one": measure(
                {
                    "vpclint": [vpclint, one],
                    "vpclint, one finding": [vpclint, one_finding],
                    "check-jsonschema": [checker, "--schemafile", str(schema), one],
                    "floor": [sys.executable, "-c", "import tomli"],
                },
                options.rounds,
            ),
            "1,000": measure(
                {
                    "vpclint": [vpclint, *many],
                    "vpclint, a finding each": [vpclint, *many_findings],
                    "check-jsonschema": [checker, "--schemafile", str(schema), *many],
                },
                few,
            ),
            "10,000": measure(
                {
                    "vpclint": [vpclint, *huge],
                    "vpclint --jobs 2": [vpclint, "--jobs", "2", *huge],
                    "check-jsonschema": [checker, "--schemafile", str(schema), *huge],
                },
                max(3, options.rounds // 5),
            ),
            "control": parallel_control(),
            "no --fix": (
                lint_without_fix(many_findings, old_package, few)
                if (old_package := before_fix_model(root / "before-fix-model"))
                else None
            ),
            "bindings": measure(
                {"2,500": [vpclint, str(half)], "5,000": [vpclint, str(big)]},
                options.big_rounds,
            ),
        }
        measured["load"] = (load_before, os.getloadavg())
        hostile = (
            None if options.skip_adversarial else adversarial(vpclint, root, options.big_rounds)
        )

    report(measured, options)
    if hostile is not None:
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


def report(measured: dict, options) -> None:
    one, thousand, huge, bindings = (
        measured[name] for name in ("one", "1,000", "10,000", "bindings")
    )

    def seconds(group, name):
        return group[name]["median_s"]

    def ms(value):
        return f"{value * 1000:.0f} ms"

    def s(value):
        return f"{value:.2f} s"

    rows = [  # case, measured, ratio, target (ratio or seconds), limit
        (
            "one clean file vs check-jsonschema",
            f"{ms(seconds(one, 'vpclint'))} vs {ms(seconds(one, 'check-jsonschema'))}",
            seconds(one, "vpclint") / seconds(one, "check-jsonschema"),
            0.10,
        ),
        (
            'one clean file vs `python -c "import tomli"`',
            f"{ms(seconds(one, 'vpclint'))} vs {ms(seconds(one, 'floor'))}",
            seconds(one, "vpclint") / seconds(one, "floor"),
            1.3,
        ),
        (
            "one file with a finding vs the same file clean",
            f"{ms(seconds(one, 'vpclint, one finding'))} vs {ms(seconds(one, 'vpclint'))}",
            seconds(one, "vpclint, one finding") / seconds(one, "vpclint"),
            1.2,
        ),
        (
            "1,000 clean files vs check-jsonschema",
            f"{s(seconds(thousand, 'vpclint'))} vs {s(seconds(thousand, 'check-jsonschema'))}",
            seconds(thousand, "vpclint") / seconds(thousand, "check-jsonschema"),
            0.40,
        ),
        (
            "10,000 clean files vs check-jsonschema",
            f"{s(seconds(huge, 'vpclint'))} vs {s(seconds(huge, 'check-jsonschema'))}",
            seconds(huge, "vpclint") / seconds(huge, "check-jsonschema"),
            0.40,
        ),
        (
            "10,000 clean files: peak memory (MiB)",
            f"{huge['vpclint']['peak_mib']:.0f} MiB (check-jsonschema "
            f"{huge['check-jsonschema']['peak_mib']:.0f} MiB)",
            huge["vpclint"]["peak_mib"],
            40,
        ),
        (
            "10,000 clean files vs 1,000 (10x the files)",
            f"{s(seconds(huge, 'vpclint'))} vs {s(seconds(thousand, 'vpclint'))}",
            seconds(huge, "vpclint") / seconds(thousand, "vpclint"),
            10.5,
        ),
        (
            "1,000 files with a finding each vs 1,000 clean",
            f"{s(seconds(thousand, 'vpclint, a finding each'))} vs "
            f"{s(seconds(thousand, 'vpclint'))}",
            seconds(thousand, "vpclint, a finding each") / seconds(thousand, "vpclint"),
            1.5,
        ),
        (
            "one config with 5,000 bindings (s)",
            ms(seconds(bindings, "5,000")),
            seconds(bindings, "5,000"),
            0.25,
        ),
        (
            "5,000 bindings vs 2,500 (2x the bindings)",
            f"{ms(seconds(bindings, '5,000'))} vs {ms(seconds(bindings, '2,500'))}",
            seconds(bindings, "5,000") / seconds(bindings, "2,500"),
            2.1,
        ),
        (
            f"`--jobs 2` on 10,000 files vs serial ({os.cpu_count()} cores)",
            f"{s(seconds(huge, 'vpclint --jobs 2'))} vs {s(seconds(huge, 'vpclint'))}",
            seconds(huge, "vpclint --jobs 2") / seconds(huge, "vpclint"),
            0.60,
        ),
    ]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {time.strftime('%Y-%m-%d', time.gmtime())}"
    )
    before, after = measured["load"]
    print(
        "load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in before)
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in after)
    )
    print(
        f"medians of interleaved runs: {options.rounds} rounds for one file, "
        f"{max(3, options.rounds // 3)} for 1,000 files, {max(3, options.rounds // 5)} for "
        f"10,000, {options.big_rounds} for the big configs\n"
    )
    without_fix = measured["no --fix"]
    if without_fix is None:
        print(f"(the row against the code before {FIX_MODEL_COMMIT} needs a git checkout)")
    else:
        rows.append(
            (
                f"1,000 files with findings, no --fix, vs before the fix model "
                f"({FIX_MODEL_COMMIT}^)",
                f"{s(seconds(without_fix, 'now'))} vs "
                f"{s(seconds(without_fix, 'before the fix model'))}",
                seconds(without_fix, "now") / seconds(without_fix, "before the fix model"),
                1.05,
            )
        )
    print("| case | measured | value | target | met |")
    print("|---|---|---|---|---|")
    for case, shown, value, limit in rows:
        met = "yes" if value <= limit else "**no**"
        unit = "" if "(s)" in case or "MiB" in case else "x"
        print(f"| {case} | {shown} | {value:.2f}{unit} | <= {limit}{unit} | {met} |")
    print(
        f"\ncontrol: two busy Python processes at once took {measured['control']:.2f}x the "
        "time of the same work in one (0.5 = two free cores, 1.0 = none free for a second "
        "worker; `--jobs 2` can do no better)"
    )
    statuses = {
        f"{group} {name}": numbers["statuses"]
        for group, results in measured.items()
        if group not in ("control", "load") and results is not None
        for name, numbers in results.items()
    }
    print(f"\nexit statuses seen: {statuses}")


if __name__ == "__main__":
    main()
