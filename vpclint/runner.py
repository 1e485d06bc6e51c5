"""The pipeline: read bytes -> decode -> parse -> checks -> suppressions -> sorted findings."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence

from vpclint.diagnostics import Diagnostic, Related
from vpclint.document import Document
from vpclint.rules.registry import CHECKS, RUN_CHECKS, load_checks, load_common, rule_of
from vpclint.settings import DEFAULT_SETTINGS, Settings
from vpclint.source.model import Parsed, ParseError
from vpclint.source.text import DecodeError, Position, SourceText, decode, decode_lossy

MAX_FILE_BYTES = 16 * 1024 * 1024  # a wrangler config is a few KB; anything larger is refused
START = Position(1, 1)


class Target:
    """One file to lint: where to read it, how to show it, and what it is."""

    __slots__ = ("data", "display", "kind", "settings", "syntax")

    def __init__(
        self,
        display: str,
        kind: str,
        syntax: str,
        settings: Settings = DEFAULT_SETTINGS,
        data: bytes | None = None,
    ):
        self.display = display  # the path as the user gave it (or --stdin-filename)
        self.kind = kind  # "wrangler" or "payload"
        self.syntax = syntax  # "toml" or "json"
        self.settings = settings
        self.data = data  # stdin content; None means read `display` from disk


class FileResult:
    """One target after linting: its text, its document (when it parsed) and findings."""

    __slots__ = ("diagnostics", "document", "finished", "source", "target")

    def __init__(self, target: Target):
        self.target = target
        self.source: SourceText | None = None
        self.document: Document | None = None
        self.diagnostics: list[Diagnostic] = []
        self.finished = False  # selection and suppressions applied, findings sorted


class RunResult:
    """Every file of a run and every finding, sorted."""

    __slots__ = ("_sources", "diagnostics", "files", "fixed", "unsafe_fixes")

    def __init__(self, files: list[FileResult], diagnostics: list[Diagnostic]):
        self.files = files
        self.diagnostics = diagnostics
        self.fixed = 0  # findings that --fix resolved before this lint
        self.unsafe_fixes = False  # whether unsafe fixes count as fixable (--unsafe-fixes)
        self._sources: dict[str, SourceText | None] | None = None

    def source_of(self, path: str) -> SourceText | None:
        """The text of the file shown as ``path`` (the first such file), from an index."""
        if self._sources is None:
            self._sources = {}
            for file in self.files:
                self._sources.setdefault(file.target.display, file.source)
        return self._sources.get(path)


def syntax_for(path: str) -> str | None:
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".toml":
        return "toml"
    if suffix in (".json", ".jsonc"):
        return "json"
    return None


def file_problem(display: str, message: str, fix: str | None = None) -> Diagnostic:
    return make(display, "VPC002", message, START, START, fix=fix)


def make(
    display: str,
    code: str,
    message: str,
    start: Position,
    end: Position,
    related: tuple[Related, ...] = (),
    fix: str | None = None,
) -> Diagnostic:
    rule = rule_of(code)
    return Diagnostic(
        display, code, rule.name, rule.severity, message, "", start, end, related, fix
    )


def read_bytes(path: str) -> bytes | str:
    """The file's bytes, or a sentence saying why it cannot be read (VPC002).

    Only a regular file is opened, and at most MAX_FILE_BYTES + 1 bytes are read: a
    FIFO, socket or device (``/dev/zero``, a terminal) is refused before it is opened,
    and the file is opened without blocking and checked again, so a file swapped for a
    FIFO in between cannot hang the run either."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    problem = file_kind_problem(info)
    if problem:
        return problem
    try:
        handle = os.fdopen(os.open(path, _READ_FLAGS), "rb")
    except OSError as error:
        return f"cannot read the file: {error.strerror or error}"
    with handle:
        problem = file_kind_problem(os.fstat(handle.fileno()))
        if problem:
            return problem
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return f"cannot read the file: {error.strerror or error}"
    if len(data) > MAX_FILE_BYTES:
        return f"the file is over vpclint's limit of {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    return data


# Opening never blocks (a FIFO without a writer) and never makes a terminal ours.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def file_kind_problem(info: os.stat_result) -> str | None:
    """Why a file with this status is not read, or None for a regular file in the limit."""
    if stat.S_ISDIR(info.st_mode):
        return "this is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device); vpclint reads only regular files"
    if info.st_size > MAX_FILE_BYTES:
        return (
            f"the file is {info.st_size:,} bytes, over vpclint's limit of "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB for a config file"
        )
    return None


def parse(text: str, syntax: str, kind: str) -> Parsed:
    if syntax == "toml":
        from vpclint.source.toml import parse_toml

        return parse_toml(text)
    from vpclint.source.jsonc import parse_jsonc

    if kind == "payload":
        return parse_jsonc(text, payload=True)
    from vpclint.source.jsobjects import apply_prototypes

    return apply_prototypes(parse_jsonc(text))


JSON_TYPE_NAMES = {
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    list: "an array",
}


def check_root(parsed: Parsed, target: Target) -> None:
    """A wrangler JSON config whose top level is an array, string, number, boolean or null
    parses, but it is no config (wrangler fails on a string and reads an array's elements
    as unexpected fields "0", "1"): report it as the file's syntax error."""
    if target.kind != "wrangler" or isinstance(parsed.value, dict):
        return
    root = parsed.spans.get(())
    start, end = (root.value_start, root.value_end) if root else (0, 1)
    what = JSON_TYPE_NAMES.get(type(parsed.value), "null")
    raise ParseError(
        f"a wrangler config must be a JSON object (`{{ ... }}`), not {what}",
        start,
        end,
        fix='write the config as one object: `{ "name": "my-worker", ... }`',
    )


def empty_json_problem(target: Target) -> Diagnostic:
    if target.kind == "payload":
        return file_problem(
            target.display,
            "the payload file is empty; a VPC Service payload is a JSON object",
            fix="write the service's JSON object (`name`, `type`, `host`), or delete the file",
        )
    return file_problem(
        target.display,
        "the JSON file is empty; wrangler refuses an empty JSON config",
        fix="write `{}` at least, or delete the file",
    )


def load(target: Target) -> FileResult:
    """Read, decode and parse one target; problems become VPC001/VPC002/VPC003 findings."""
    result = FileResult(target)
    data = target.data if target.data is not None else read_bytes(target.display)
    if isinstance(data, str):
        result.diagnostics.append(file_problem(target.display, data))
        return result
    if len(data) > MAX_FILE_BYTES:
        result.diagnostics.append(
            file_problem(target.display, "the input is over vpclint's size limit")
        )
        return result
    try:
        text = decode(data)
    except DecodeError as error:
        source = SourceText(decode_lossy(data))
        at = source.position(error.offset)
        result.diagnostics.append(make(target.display, "VPC002", error.message, at, at))
        return result
    source = result.source = SourceText(text)
    if target.syntax == "json" and not text.strip():
        result.diagnostics.append(empty_json_problem(target))
        return result
    try:
        parsed = parse(text, target.syntax, target.kind)
        check_root(parsed, target)
    except ParseError as error:
        related = tuple(
            Related(r.message, source.position(r.start), source.position(r.end))
            for r in error.related
        )
        start = source.position(error.offset)
        end = source.position(max(error.end, error.offset))
        result.diagnostics.append(
            make(target.display, "VPC001", error.message, start, end, related, error.fix)
        )
        return result
    document = Document(
        target.display,
        target.kind,
        target.syntax,
        source,
        parsed.value,
        parsed.spans,
        find_comments=lambda: parsed.comments,
    )
    result.document = document
    if target.kind == "payload":
        from vpclint.rules.parsing import non_strict_payload

        non_strict = non_strict_payload(target.display, source, parsed)
        if non_strict is not None:
            result.diagnostics.append(non_strict)
    for duplicate in parsed.duplicate_keys:
        key = duplicate.path[-1]
        first = source.position(duplicate.first.key_start)
        result.diagnostics.append(
            document.diagnostic(
                "VPC003",
                duplicate.path,
                f'the key "{key}" is already defined on line {first.line}; wrangler keeps '
                "only this last value",
                at="key",
                related=(
                    Related("first defined here", first, source.position(duplicate.first.key_end)),
                ),
                fix="remove one of the two keys",
            )
        )
    return result


def wanted(check_codes: Sequence[str], settings: Settings) -> bool:
    return any(settings.is_enabled(code) for code in check_codes)


def run_document_checks(result: FileResult, inventory=None) -> None:
    document = result.document
    enabled = result.target.settings.enabled_codes
    for check in CHECKS:
        if check.kind != document.kind or enabled.isdisjoint(check.codes):
            continue
        if not check.inventory:
            result.diagnostics.extend(check.function(document))
        elif inventory is not None:
            result.diagnostics.extend(check.function(document, inventory))


def load_inventories(targets: Sequence[Target]) -> dict:
    """The inventory of each distinct ``inventory`` setting among the targets."""
    wanted_sets = {target.settings.inventory for target in targets} - {()}
    if not wanted_sets:
        return {}
    from vpclint.inventory import load_inventory

    cache: dict = {}
    return {paths: load_inventory(paths, cache) for paths in sorted(wanted_sets)}


def inventory_results(targets: Sequence[Target], inventories: dict) -> list[FileResult]:
    """A FileResult per inventory file, for the findings made on it (VPC006, VPC320).

    Its settings are those of the first linted file that uses it, with the
    ``per-file-ignores`` that match the inventory file's own path."""
    results: dict[str, FileResult] = {}
    for target in targets:
        inventory = inventories.get(target.settings.inventory)
        for file in inventory.files if inventory else ():
            if file.display not in results:
                settings = target.settings.for_file(file.display)
                result = FileResult(Target(file.display, "inventory", "json", settings))
                result.source, result.document = file.document.source, file.document
                result.diagnostics = list(file.problems)
                results[file.display] = result
    return list(results.values())


def without_inventory_files(targets: Sequence[Target], inventories: dict) -> list[Target]:
    """The targets, less the inventory files themselves (a bare array of services looks
    like an array of payloads to a folder search)."""
    paths = {
        os.path.abspath(file.display)
        for inventory in inventories.values()
        for file in inventory.files
    }
    return [t for t in targets if t.data is not None or os.path.abspath(t.display) not in paths]


def run_inventory_check(check, results: list[FileResult], inventories: dict):
    """Run an inventory run check once per inventory, over the documents that use it."""
    for paths, inventory in inventories.items():
        users = [r for r in results if r.target.settings.inventory == paths]
        shown = {file.display for file in inventory.files}
        owners = [r for r in results if r.target.display in shown and r.target.kind == "inventory"]
        if not any(wanted(check.codes, r.target.settings) for r in users + owners):
            continue
        documents = [r.document for r in users if r.document and r.document.kind == check.kind]
        yield from check.function(documents, inventory)


def finish(result: FileResult, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Apply selection, severity overrides and inline suppressions for one file."""
    settings = result.target.settings
    kept = []
    for diagnostic in diagnostics:
        if not settings.is_enabled(diagnostic.code):
            continue
        severity = settings.severity.get(diagnostic.code)
        if severity and severity != diagnostic.severity:
            diagnostic = diagnostic._replace(severity=severity)
        kept.append(diagnostic)
    kept = drop_explained(kept)
    if result.document is not None and result.document.may_hold_directives():
        from vpclint.suppress import apply_suppressions

        kept = apply_suppressions(result.document, kept, settings)
    return kept


def drop_explained(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a finding when one that explains the same root cause is reported too."""
    reported = {(diagnostic.code, diagnostic.pointer) for diagnostic in diagnostics}
    return [d for d in diagnostics if not any(other in reported for other in d.unless)]


def read_by_run_checks(target: Target) -> bool:
    """Whether a check over the whole run reads this file: payload names across files,
    or a check against the account's inventory (for a file that uses one)."""
    if target.settings.inventory:
        return True
    return any(
        check.kind == target.kind and wanted(check.codes, target.settings) for check in RUN_CHECKS
    )


def finish_file(result: FileResult, keep_documents: bool) -> None:
    """Selection, suppressions and sorting for one file; then, unless the caller keeps
    documents, drop what the reports do not need (the text stays when there are findings:
    the reports show their lines), so memory does not grow with the number of files."""
    result.diagnostics = sorted(finish(result, result.diagnostics), key=Diagnostic.sort_key)
    result.finished = True
    if not keep_documents:
        result.document = None
        if not result.diagnostics:
            result.source = None


def check_file(target: Target, keep_documents: bool = True, inventories=None) -> FileResult:
    """One file through its per-file checks, finished unless a run check still reads it."""
    result = load(target)
    if result.document is not None:
        inventory = (inventories or {}).get(target.settings.inventory)
        if inventory is None:
            run_document_checks(result)
        else:
            run_document_checks(result, inventory)
    if result.document is None or not read_by_run_checks(target):
        finish_file(result, keep_documents)
    return result


def lint(
    targets: Sequence[Target], keep_documents: bool = True, jobs: int = 1, trials: bool = True
) -> RunResult:
    """Lint the targets; every file's document and text stay on the results unless
    ``keep_documents`` is False (the command line, which only reports). Then ``jobs`` > 1
    lints the files in that many worker processes when there are enough of them; the
    results are the same, in the same order. Fixes on trial are then decided
    (:mod:`vpclint.trials`; ``trials=False`` leaves them undecided). An inventory file
    that cannot be used raises :class:`vpclint.inventory.InventoryError`."""
    load_common()
    inventories = load_inventories(targets)
    if inventories:
        targets = without_inventory_files(targets, inventories)
    for kind in {target.kind for target in targets}:
        load_checks(kind)
    if jobs > 1 and not keep_documents and len(targets) >= MIN_FILES_PER_JOB * jobs:
        from vpclint.jobs import check_files_in_workers

        results = check_files_in_workers(targets, jobs, inventories)
    else:
        results = [check_file(target, keep_documents, inventories) for target in targets]
    results += inventory_results(targets, inventories)
    waiting = [result for result in results if not result.finished]
    by_path = {result.target.display: result for result in waiting}
    for check in RUN_CHECKS:
        if check.inventory:
            for diagnostic in run_inventory_check(check, results, inventories):
                by_path[diagnostic.path].diagnostics.append(diagnostic)
            continue
        documents = [
            r.document
            for r in waiting
            if r.document.kind == check.kind and wanted(check.codes, r.target.settings)
        ]
        for diagnostic in check.function(documents):
            by_path[diagnostic.path].diagnostics.append(diagnostic)
    for result in waiting:
        finish_file(result, keep_documents)
    if trials and any(d.trial for result in results for d in result.diagnostics):
        from vpclint.trials import settle_trials

        settle_trials(results)
    everything = [diagnostic for result in results for diagnostic in result.diagnostics]
    everything.sort(key=Diagnostic.sort_key)
    return RunResult(results, everything)


# Worker processes pay off only over many files; fewer are linted in this process.
MIN_FILES_PER_JOB = 32


def lint_text(
    text: str | bytes,
    path: str,
    kind: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Diagnostic]:
    """Lint one in-memory file named ``path`` (the name picks the syntax and kind)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    from vpclint.discover import kind_for

    syntax = syntax_for(path) or "toml"
    if kind is None:
        kind = kind_for(path, data) or "wrangler"
    return lint(
        [Target(path, kind, "json" if kind == "payload" else syntax, settings, data)]
    ).diagnostics


def lint_files(paths: Sequence, settings: Settings = DEFAULT_SETTINGS) -> RunResult:
    """Lint files on disk (explicit paths; kinds by name or content)."""
    from vpclint.discover import targets_for_paths

    targets, errors = targets_for_paths([str(p) for p in paths], settings=settings)
    if errors:
        raise ValueError("; ".join(errors))
    return lint(targets)
