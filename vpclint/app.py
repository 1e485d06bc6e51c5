"""The lint command itself, independent of how its options were read (click or the fast
path in :mod:`vpclint.entry`): settings, targets, lint, report, exit status."""

from __future__ import annotations

import os
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Ends the run with exit status 2 and a one-line message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def use_color(choice: str) -> bool:
    """``--color``: always, never, or (auto) on a terminal that is not ``TERM=dumb``;
    ``NO_COLOR`` turns auto off and ``FORCE_COLOR`` on."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and sys.stdout.isatty()


def split_codes(values, option: str) -> tuple[str, ...]:
    """Codes or prefixes from a repeatable, comma-separated option; unknown ones are fatal."""
    from vpclint.settings import known_selector

    codes = tuple(part.strip().upper() for value in values for part in value.split(","))
    codes = tuple(code for code in codes if code)
    for code in codes:
        if not known_selector(code):
            raise UsageError(
                f"{option}: {code!r} is not a rule code or prefix (`vpclint rules` lists them)"
            )
    return codes


def split_patterns(values) -> tuple[str, ...]:
    """Patterns from a repeatable, comma-separated option; a bad one is fatal."""
    patterns = tuple(part.strip() for value in values for part in value.split(","))
    patterns = tuple(pattern for pattern in patterns if pattern)
    if patterns:
        from vpclint.patterns import pattern_problem

        for pattern in patterns:
            problem = pattern_problem(pattern)
            if problem:
                raise UsageError(f"--extend-exclude: {problem}")
    return patterns


def read_stdin() -> bytes:
    """Standard input, but never more than one byte past the size limit (the runner then
    reports VPC002), so an endless stream cannot exhaust memory."""
    from vpclint.runner import MAX_FILE_BYTES

    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
    data = stream.read(MAX_FILE_BYTES + 1)
    return data.encode("utf-8") if isinstance(data, str) else data


def write(text: str, stream=None) -> None:
    """Write UTF-8 whatever the locale says (a C locale would fail on non-ASCII paths)."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


def write_output(text: str, output_file: str | None) -> None:
    if output_file is None:
        write(text)
        return
    try:
        folder = os.path.dirname(output_file)
        if folder:  # like ruff: missing parent folders are made
            os.makedirs(folder, exist_ok=True)
        with open(output_file, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(
            f"--output-file {output_file}: cannot write: {error.strerror or error}"
        ) from None


def settings_resolver(options: dict):
    """Settings per linted path: nearest config file, then the command line's options."""
    from vpclint.config import SettingsResolver

    select = split_codes(options["select"], "--select") if options["select"] else None
    extend = split_codes(options["extend_select"], "--extend-select")
    ignore = split_codes(options["ignore"], "--ignore")
    fail_on = options["fail_on"]
    changes = {"extend_exclude": split_patterns(options["extend_exclude"])}
    if fail_on:
        changes["fail_on"] = fail_on
    if options["no_respect_gitignore"]:
        changes["respect_gitignore"] = False
    inventory = tuple(options.get("inventory") or ())
    if inventory:
        from vpclint.rules.registry import load_checks

        load_checks("inventory")  # its rules count for prefixes in every configuration
        changes["inventory"] = inventory

    def overrides(settings):
        return settings.with_selection(select, extend, ignore).replace(**changes)

    return SettingsResolver(options["config_path"], options["isolated"], overrides)


def collect_targets(paths, settings_for, options: dict):
    """The files to lint; a bad config or a named file of neither kind ends the run (2)."""
    from vpclint.config import ConfigError
    from vpclint.discover import target_for_stdin, targets_for_paths

    kind, stdin_filename = options["kind"], options["stdin_filename"]
    force_exclude = options["force_exclude"]
    try:
        files = [path for path in paths if path != "-"] or ([] if paths else ["."])
        targets, errors = targets_for_paths(
            files, settings_for=settings_for, kind_override=kind, force_exclude=force_exclude
        )
        if "-" in paths:
            settings = settings_for(stdin_filename or os.path.join(".", "-"))
            if not (force_exclude and stdin_filename and settings.is_excluded(stdin_filename)):
                target = target_for_stdin(read_stdin(), stdin_filename, settings, kind)
                if isinstance(target, str):
                    errors.append(target)
                else:
                    targets.append(target)
    except ConfigError as error:
        raise UsageError(error.message) from None
    if errors:  # one line each, every line prefixed like the first
        raise UsageError("\nvpclint: ".join(errors))
    return targets


def fails(result) -> bool:
    """Whether a finding is at or above its file's failure threshold (``fail-on``)."""
    return any(
        file.target.settings.fails(diagnostic.severity)
        for file in result.files
        for diagnostic in file.diagnostics
    )


def or_usage_error(function, *args):
    """``function(*args)``; an inventory file that cannot be used ends the run (exit 2)."""
    try:
        return function(*args)
    except ValueError as error:
        from vpclint.inventory import InventoryError

        if isinstance(error, InventoryError):
            raise UsageError(error.message) from None
        raise


def check_lone_inventory(inventory: tuple, targets) -> None:
    """``--inventory`` files are checked even when there is nothing to lint."""
    if inventory and not targets:
        from vpclint.inventory import load_inventory

        or_usage_error(load_inventory, inventory)


def show_diff(targets, unsafe: bool) -> int:
    """``--diff``: the unified diff of what ``--fix`` would change; exit 1 when there is one."""
    from vpclint.fixes import fix_target, unified_diff
    from vpclint.report.summary import plural

    outcomes = [fix_target(target, unsafe) for target in targets]
    write("".join(unified_diff(outcome) for outcome in outcomes if outcome.changed))
    fixed = sum(outcome.fixed for outcome in outcomes if outcome.changed)
    if fixed:
        write(f"Would fix {plural(fixed, 'problem')}.\n", sys.stderr)
        return EXIT_FINDINGS
    write("No problems would be fixed.\n", sys.stderr)
    return EXIT_CLEAN


def fix_in_place(targets, unsafe: bool):
    """``--fix``: apply fixes and write each changed file (standard input: print the fixed
    text); the targets to lint afterwards, and how many findings were fixed."""
    from vpclint.fixes import fix_target, fixed_target

    fixed_targets, fixed = [], 0
    for target in targets:
        outcome = fix_target(target, unsafe)
        if target.data is not None:  # standard input: the fixed text goes to stdout
            write_bytes(outcome.after if outcome.changed else target.data)
        elif outcome.changed:
            write_file(target.display, outcome.after)
        fixed += outcome.fixed if outcome.changed else 0
        fixed_targets.append(fixed_target(outcome))
    return fixed_targets, fixed


def write_file(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise UsageError(
            f"{path}: cannot write the fixed file: {error.strerror or error}"
        ) from None


def write_bytes(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


def check_combinations(options: dict) -> None:
    if options["config_path"] and options["isolated"]:
        raise UsageError("--config and --isolated cannot be used together")
    if options["quiet"] and options["verbose"]:
        raise UsageError("--quiet and --verbose cannot be used together")
    shows = [flag for flag in ("show_files", "show_settings", "statistics") if options[flag]]
    if len(shows) > 1:
        named = " and ".join("--" + flag.replace("_", "-") for flag in shows)
        raise UsageError(f"{named} cannot be used together: each prints a report of its own")


def show_settings(paths, settings_for, options: dict) -> int:
    from vpclint.config import ConfigError
    from vpclint.report import show

    try:
        found = [(path, settings_for(path)) for path in paths or ["."] if path != "-"]
    except ConfigError as error:
        raise UsageError(error.message) from None
    write_output(show.settings(found, options["format_name"]), options["output_file"])
    return EXIT_CLEAN


def note_targets(targets) -> None:
    """``--verbose``: what is linted, as what, with which configuration, on stderr."""
    from vpclint.config import shown

    for target in targets:
        source = target.settings.source
        used = f"settings from {shown(source)}" if source else "default settings (no config file)"
        write(f"vpclint: {target.display}: {target.kind}, {used}\n", sys.stderr)
    write(f"vpclint: linting {len(targets)} file{'' if len(targets) == 1 else 's'}\n", sys.stderr)


def report(result, options: dict) -> str:
    format_name = options["format_name"]
    if options["statistics"]:
        from vpclint.report import statistics

        return statistics.render(result, format_name)
    from vpclint.report import render

    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    colored = use_color(options["color"]) and options["output_file"] is None
    return render(format_name, result, color=colored, summary=not options["quiet"])


def job_count(options: dict, settings_for) -> int:
    """``--jobs N``, else ``jobs`` in the configuration that applies to the working
    folder, else 1 (lint in this process). A broken configuration there counts as none
    here: it is reported for the files it applies to."""
    from vpclint.config import MAX_JOBS, ConfigError

    value = options["jobs"]
    if value is None:
        try:
            return settings_for(os.curdir).jobs
        except ConfigError:
            return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_JOBS:
        raise UsageError(f"--jobs: {value!r} is not a whole number from 1 to {MAX_JOBS}")
    return int(value)


def run(options: dict) -> int:
    """Lint what ``options`` name, print the report, and return the exit status; an
    inventory file that cannot be used ends the run (exit status 2)."""
    return or_usage_error(lint_and_report, options)


def lint_and_report(options: dict) -> int:
    from vpclint.runner import lint

    check_combinations(options)
    paths = list(options["paths"])
    stdin_filename = options["stdin_filename"]
    if stdin_filename and not paths:
        paths = ["-"]
    if stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename names standard input: pass - among the paths")
    settings_for = settings_resolver(options)
    jobs = job_count(options, settings_for)
    if options["show_settings"]:
        return show_settings(paths, settings_for, options)
    targets = collect_targets(paths, settings_for, options)
    quiet_for_machines = options["quiet"] or options["format_name"] in ("json", "sarif")
    if not targets and not quiet_for_machines:
        write(
            "vpclint: warning: no wrangler config (wrangler.toml|json|jsonc) or VPC Service "
            f"payload found in {', '.join(paths) or '.'}\n",
            sys.stderr,
        )
    check_lone_inventory(tuple(options["inventory"]), targets)
    if options["show_files"]:
        from vpclint.report import show

        write_output(show.files(targets), options["output_file"])
        return EXIT_CLEAN
    if options["verbose"]:
        note_targets(targets)
    if options["diff"]:
        return show_diff(targets, options["unsafe_fixes"])
    fixed = 0
    if options["fix"]:
        targets, fixed = fix_in_place(targets, options["unsafe_fixes"])
    result = lint(targets, keep_documents=False, jobs=jobs)
    result.fixed = fixed
    result.unsafe_fixes = options["unsafe_fixes"]
    if options["fix"] and "-" in paths and options["output_file"] is None:
        write(report(result, options), sys.stderr)  # stdout carries the fixed text
    else:
        write_output(report(result, options), options["output_file"])
    return EXIT_FINDINGS if fails(result) and not options["exit_zero"] else EXIT_CLEAN


def run_report(options: dict) -> int:
    """``vpclint inventory``: print who reaches what; 1 when a config could not be read."""
    from vpclint.options import defaults
    from vpclint.reach import render
    from vpclint.runner import load_inventories

    options = {**defaults(), **options}
    paths = list(options["paths"])
    targets = collect_targets(paths, settings_resolver(options), options)
    targets = [target for target in targets if target.kind == "wrangler"]
    if not targets:
        where = ", ".join(paths) or "."
        write(f"vpclint: warning: no wrangler config found in {where}\n", sys.stderr)
    check_lone_inventory(tuple(options["inventory"]), targets)
    inventories = or_usage_error(load_inventories, targets)
    files = sorted({file.display: file for i in inventories.values() for file in i.files}.items())
    for _, file in files:
        for problem in file.problems:
            warn(problem)
    rows, configs, status = report_rows(targets, inventories)
    text = render(options["format_name"] or "table", rows, configs, [name for name, _ in files])
    write_output(text, options["output_file"])
    return status


def report_rows(targets, inventories: dict) -> tuple[list[dict], list[str], int]:
    """The report's rows, the configs read, and 1 when one could not be read."""
    from vpclint.reach import rows_of
    from vpclint.runner import load

    rows: list[dict] = []
    configs: list[str] = []
    status = EXIT_CLEAN
    for target in targets:
        result = load(target)
        if result.document is None:
            for diagnostic in result.diagnostics:
                warn(diagnostic, "error")
            status = EXIT_FINDINGS
            continue
        configs.append(target.display)
        rows += rows_of(result.document, inventories.get(target.settings.inventory))
    return rows, configs, status


def warn(diagnostic, level: str = "warning") -> None:
    """One line on stderr for a problem found while making a report."""
    from vpclint.report.escape import escape_text

    where = f"{diagnostic.path}:{diagnostic.start.line}:{diagnostic.start.column}"
    write(
        f"vpclint: {level}: {escape_text(f'{where}: {diagnostic.code} {diagnostic.message}')}\n",
        sys.stderr,
    )
