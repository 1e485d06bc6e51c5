"""What the language server knows and how it lints: open documents, settings, the payload
files of the workspace, and one lint pass. No protocol here (see :mod:`.protocol`).

A document is linted exactly as the command line lints a file of its name: the same
classification (:func:`vpclint.discover.target_for_file`, with the editor's language id
standing in for a missing suffix), the nearest configuration file, and the same
:func:`vpclint.runner.lint`. The one difference is the text: an open document's unsaved
text, and an open configuration file's unsaved text as its settings.
"""

from __future__ import annotations

import os
import re
import traceback

from pygls.uris import from_fs_path, to_fs_path

from vpclint.config import (
    DEDICATED_NAMES,
    PYPROJECT,
    ConfigError,
    SettingsResolver,
    has_tool_table,
    load_config,
    read_toml,
    shown,
)
from vpclint.discover import target_for_file, target_for_walked, walk
from vpclint.runner import FileResult, Target, lint, syntax_for
from vpclint.settings import DEFAULT_SETTINGS
from vpclint.source.text import Position

CONFIG_NAMES = (*DEDICATED_NAMES, PYPROJECT)
LANGUAGE_SUFFIXES = {"toml": ".toml", "json": ".json", "jsonc": ".jsonc"}
WHERE = re.compile(r":(\d+):(\d+): ")
MAX_WALKED = 20_000  # files looked at when searching the workspace for payloads


class OpenDocument:
    """A document the editor has open: its text as the editor holds it."""

    __slots__ = ("language_id", "path", "text", "uri", "version")

    def __init__(self, uri: str, text: str, version: int | None, language_id: str = ""):
        self.uri = uri
        self.path = file_path(uri)  # None for a document that is not a file (untitled:)
        self.text = text
        self.version = version
        self.language_id = language_id

    @property
    def display(self) -> str:
        """The name findings are made under: the file's path, else the URI."""
        return self.path or self.uri

    @property
    def data(self) -> bytes:
        # surrogatepass: a lone surrogate from the client becomes invalid UTF-8 (VPC002)
        return self.text.encode("utf-8", "surrogatepass")


def file_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return os.path.abspath(path) if path else None


class ConfigProblem:
    """An invalid configuration file: where (one range in it) and why."""

    __slots__ = ("message", "path", "span")

    def __init__(self, path: str, message: str, span: tuple[Position, Position] | None):
        self.path = path
        self.message = message  # the problem, without the file name and position
        self.span = span  # None: the file as a whole

    @property
    def uri(self) -> str:
        return from_fs_path(self.path)

    def where(self) -> str:
        """The problem with its file and line, as the command line would say it."""
        if not self.path:
            return self.message
        if self.span is None:
            return f"{self.path}: {self.message}"
        start = self.span[0]
        return f"{self.path}:{start.line}:{start.column}: {self.message}"

    def key(self) -> tuple:
        return (self.path, self.message, self.span)


class Outcome:
    """One open document after a lint pass."""

    __slots__ = ("result", "text")

    def __init__(self, text: str, result: FileResult | None):
        self.text = text  # the text that was linted
        self.result = result  # None: not a wrangler config or payload (or excluded)

    @property
    def kind(self) -> str | None:
        return self.result.target.kind if self.result else None


class EditorSettings(SettingsResolver):
    """The command line's settings resolution, reading an open config's unsaved text."""

    def __init__(self, unsaved):
        super().__init__()
        self.unsaved = unsaved  # path -> bytes of an open document, or None

    def base(self, config: str | None):
        if config not in self.loaded:  # a failing file raises each time: never cached
            self.loaded[config] = (
                load_config(config, self.unsaved(config)) if config else DEFAULT_SETTINGS
            )
        return self.loaded[config]


class Session:
    """Open documents, their last outcomes, and what a lint pass needs."""

    def __init__(self):
        self.documents: dict[str, OpenDocument] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.folders: list[str] = []
        self.resolver = EditorSettings(self.unsaved)
        self.disk_payloads: list[Target] | None = None  # None: not searched yet
        self.config_problems: dict[str, ConfigProblem] = {}
        self.faults: list[tuple[str, str]] = []  # (display, traceback) of this pass
        self.walk_note: str | None = None  # why the payload search stopped early, once

    # ------------------------------------------------------------ state changes

    def unsaved(self, path: str) -> bytes | None:
        for document in self.documents.values():
            if document.path == path:
                return document.data
        return None

    def settings_changed(self) -> None:
        """A configuration file changed: read every one again, search the payloads again."""
        self.resolver = EditorSettings(self.unsaved)
        self.disk_payloads = None

    def files_changed(self) -> None:
        self.disk_payloads = None

    def is_config(self, uri: str) -> bool:
        path = file_path(uri)
        return path is not None and os.path.basename(path) in CONFIG_NAMES

    # ------------------------------------------------------------ one lint pass

    def lint_pass(self, dirty: set[str]) -> dict[str, Outcome]:
        """Lint the documents in ``dirty`` (URIs) and, when one of them is or was a
        payload, every open payload with them (duplicate names across files). Returns
        the new outcomes; configuration problems are left in ``config_problems`` and
        internal faults in ``faults``."""
        self.faults = []
        problems: dict[str, ConfigProblem] = {}
        self.check_open_configs(problems)
        targets = {}
        for uri, document in self.documents.items():
            targets[uri] = self.target_for(document, problems)
        was_payload = any(
            uri in self.outcomes and self.outcomes[uri].kind == "payload" for uri in dirty
        )
        is_payload = any(targets.get(uri) and targets[uri].kind == "payload" for uri in dirty)
        wanted = {uri for uri in dirty if uri in self.documents}
        if was_payload or is_payload:
            wanted |= {uri for uri, t in targets.items() if t and t.kind == "payload"}
        to_lint = {uri: targets[uri] for uri in wanted if targets[uri] is not None}
        linting_payloads = any(t.kind == "payload" for t in to_lint.values())
        extra = self.workspace_payloads() if linting_payloads else []
        # files on disk first, so that a name the open file repeats is reported there
        opened = sorted(to_lint.values(), key=lambda target: target.display)
        results = self.lint_isolated([*extra, *opened])
        outcomes = {}
        for uri in wanted:
            target = to_lint.get(uri)
            result = results.get(target.display) if target else None
            outcomes[uri] = Outcome(self.documents[uri].text, result)
        self.outcomes.update(outcomes)
        self.config_problems = problems
        return outcomes

    def target_for(self, document: OpenDocument, problems: dict) -> Target | None:
        """The document as the command line would lint a file of its name, or None."""
        settings = DEFAULT_SETTINGS
        if document.path is not None:
            try:
                settings = self.resolver(document.path)
            except ConfigError as error:
                self.record(problems, blamed_config(document.path, error), error)
            if excluded(settings, document.path):
                return None
            settings = self.usable_inventory(settings, problems)
        name = document.display
        if syntax_for(name) is None and document.language_id in LANGUAGE_SUFFIXES:
            name += LANGUAGE_SUFFIXES[document.language_id]
        target = target_for_file(name, settings, None, document.data)
        if isinstance(target, str):  # neither a wrangler config nor a payload
            return None
        target.display = document.display
        return target

    def usable_inventory(self, settings, problems: dict):
        """``settings``, or, when an inventory file it names cannot be used, the same
        settings without an inventory: the problem is shown at the configuration's
        ``inventory`` key, as the command line's one-line error would say it."""
        if not settings.inventory:
            return settings
        from vpclint.inventory import InventoryError, load_inventory

        try:
            load_inventory(settings.inventory)
        except InventoryError as error:
            config = settings.source or ""
            if config not in problems:
                data = self.unsaved(config) if config else None
                problems[config] = ConfigProblem(config, str(error), key_span(config, data))
            return settings.replace(inventory=())
        return settings

    def workspace_payloads(self) -> list[Target]:
        """Payload files on disk in the workspace folders that are not open, found as
        ``vpclint FOLDER`` finds them (read once until a file or setting changes). The
        search stops after MAX_WALKED files, so a workspace such as a home folder cannot
        stall the server; ``walk_note`` then says so."""
        if self.disk_payloads is None:
            self.disk_payloads = []
            walked = 0
            for folder in self.folders:
                try:
                    for path in walk(folder, self.resolver):
                        walked += 1
                        if walked > MAX_WALKED:
                            self.walk_note = (
                                f"vpclint: stopped searching the workspace for payload files "
                                f"after {MAX_WALKED:,} files; duplicate names (VPC317) are "
                                "checked among the files found so far"
                            )
                            break
                        self.add_disk_payload(target_for_walked(path, self.resolver(path)))
                except ConfigError:  # reported when a document it governs is open
                    continue
        open_paths = {document.path for document in self.documents.values()}
        return [target for target in self.disk_payloads if target.display not in open_paths]

    def add_disk_payload(self, target: Target | None) -> None:
        if target is None or target.kind != "payload":
            return
        data = read_disk(target.display)
        if data is not None:
            target.display = os.path.abspath(target.display)
            target.data = data
            self.disk_payloads.append(target)

    def lint_isolated(self, targets: list[Target]) -> dict[str, FileResult]:
        """Lint the targets together; after an internal fault, each on its own, so that
        one document's fault is reported (``faults``) and the others are still linted."""
        try:
            return {file.target.display: file for file in lint(targets).files}
        except Exception:
            pass
        results = {}
        for target in targets:
            try:
                results.update({f.target.display: f for f in lint([target]).files})
            except Exception:
                self.faults.append((target.display, traceback.format_exc()))
        return results

    # ------------------------------------------------------------ configuration

    def check_open_configs(self, problems: dict) -> None:
        """Validate every open configuration file from its unsaved text."""
        for document in self.documents.values():
            if document.path is None or not self.is_config(document.uri):
                continue
            try:
                if os.path.basename(document.path) == PYPROJECT and not has_tool_table(
                    document.path, document.data
                ):
                    continue
                load_config(document.path, document.data)
            except ConfigError as error:
                self.record(problems, document.path, error)

    def record(self, problems: dict, config: str | None, error: ConfigError) -> None:
        if config is None:  # cannot say which file: a message to the client only
            config = ""
        if config not in problems:
            problems[config] = config_problem(config, error, self.unsaved(config))


def excluded(settings, path: str) -> bool:
    """Whether a folder search would skip ``path``: it, or a folder it is in (below the
    configuration file's folder), matches ``exclude``."""
    if not settings.exclude:
        return False
    while True:
        if settings.is_excluded(path):
            return True
        parent = os.path.dirname(path)
        if parent == path or parent == settings.root:
            return False
        path = parent


def read_disk(path: str) -> bytes | None:
    from vpclint.discover import read_small

    return read_small(path)


def blamed_config(linted: str, error: ConfigError) -> str | None:
    """The configuration file a ConfigError met while resolving settings for ``linted``
    is about: the nearest candidate file whose name the message starts with."""
    folder = os.path.dirname(os.path.abspath(linted))
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if error.message.startswith(shown(candidate) + ":") and os.path.exists(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def config_problem(path: str, error: ConfigError, data: bytes | None) -> ConfigProblem:
    """A ConfigError as a problem at its place in the file: the key or value that the
    message's line and column name, or one character for a TOML syntax error."""
    message = error.message
    if not path:
        return ConfigProblem(path, message, None)
    rest = message[len(shown(path)) + 1 :] if message.startswith(shown(path) + ":") else message
    where = WHERE.match(":" + rest)
    if where is None:
        return ConfigProblem(path, rest.strip(), None)
    start = Position(int(where.group(1)), int(where.group(2)))
    return ConfigProblem(path, rest[where.end() - 1 :], (start, span_end(path, data, start)))


def key_span(path: str, data: bytes | None, key: str = "inventory"):
    """The span of the configuration key ``key`` (top level or under ``[tool.vpclint]``)."""
    try:
        toml = read_toml(path, data)
    except ConfigError:
        return None
    for where in ((key,), ("tool", "vpclint", key)):
        span = toml.spans.get(where)
        if span is not None:
            return toml.source.position(span.key_start), toml.source.position(span.key_end)
    return None


def span_end(path: str, data: bytes | None, start: Position) -> Position:
    """The end of the key or value written at ``start`` in a configuration file."""
    try:
        toml = read_toml(path, data)
    except ConfigError:  # a syntax error: point at one character
        return Position(start.line, start.column + 1)
    offset = toml.source.offset(start)
    for span in toml.spans.values():
        if span.key_start == offset and span.key_end > offset:
            return toml.source.position(span.key_end)
        if span.value_start == offset and span.value_end > offset:
            return toml.source.position(span.value_end)
    return Position(start.line, start.column + 1)
