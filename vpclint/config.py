"""Configuration files: ``.vpclint.toml``, ``vpclint.toml`` or ``[tool.vpclint]`` in
``pyproject.toml``.

The file nearest to a linted file applies: the search starts in the file's folder and
goes up to the filesystem root. In one folder a dedicated file wins over
``pyproject.toml`` (``.vpclint.toml`` first, then ``vpclint.toml``, as ruff does), and a
``pyproject.toml`` without a ``[tool.vpclint]`` table is not a configuration file.
``--config PATH`` names one file for every linted file; ``--isolated`` uses none.

Every mistake in a file (unknown key, wrong type, unknown rule code, bad severity,
TOML syntax) is a :class:`ConfigError` whose message names the file, the line and the
key; the command line turns it into exit status 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from vpclint.diagnostics import SEVERITIES
from vpclint.settings import DEFAULT_SETTINGS, Settings, known_selector, matches

DEDICATED_NAMES = (".vpclint.toml", "vpclint.toml")
PYPROJECT = "pyproject.toml"
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "fail-on",
    "payload-globs",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "inventory",
    "jobs",
)


MAX_JOBS = 64  # worker processes (`jobs`, --jobs); 1 lints in the one process


class ConfigError(ValueError):
    """A configuration file (or option) that cannot be used; ``message`` says where and why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown(path: str) -> str:
    """A path for messages: relative to the working folder when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# ---------------------------------------------------------------------------- discovery


def has_tool_table(path: str, data: bytes | None = None) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.vpclint]`` table (cheap text test first);
    ``data`` is its content when it is not read from disk."""
    from vpclint.runner import read_bytes

    if data is None:
        data = read_bytes(path)
    if isinstance(data, str):  # unreadable, not a regular file, or over the size limit
        return False
    if b"vpclint" not in data:
        return False
    document = read_toml(path, data)
    tool = document.value.get("tool")
    return isinstance(tool, dict) and "vpclint" in tool


def config_in(folder: str) -> str | None:
    for name in DEDICATED_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    candidate = os.path.join(folder, PYPROJECT)
    if os.path.isfile(candidate) and has_tool_table(candidate):
        return candidate
    return None


def find_config(start: str, known: dict[str, str | None] | None = None) -> str | None:
    """The configuration file nearest to the folder ``start`` (searching upward).

    ``known`` remembers the answer for every folder on the way (absolute paths), so a
    search from a sibling folder stops at the first folder already searched."""
    known = {} if known is None else known
    folder = os.path.abspath(start)
    passed = []
    found = None
    while True:
        if folder in known:
            found = known[folder]
            break
        passed.append(folder)
        found = config_in(folder)
        if found:
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for folder in passed:
        known[folder] = found
    return found


# ---------------------------------------------------------------------------- reading


class TomlFile:
    """A parsed TOML file and how to name a place in it."""

    def __init__(self, path: str, value: dict, spans: dict, source):
        self.path = path
        self.value = value
        self.spans = spans
        self.source = source  # SourceText

    def where(self, key_path: tuple) -> str:
        while key_path and key_path not in self.spans:
            key_path = key_path[:-1]
        span = self.spans.get(key_path)
        if span is None:
            return shown(self.path)
        at = span.key_start if span.key_end > span.key_start else span.value_start
        position = self.source.position(at)
        return f"{shown(self.path)}:{position.line}:{position.column}"


def read_toml(path: str, data: bytes | None = None) -> TomlFile:
    from vpclint.runner import read_bytes
    from vpclint.source.model import ParseError
    from vpclint.source.text import DecodeError, SourceText, decode
    from vpclint.source.toml import parse_toml

    if data is None:
        data = read_bytes(path)  # bounded: a config is read like any linted file
        if isinstance(data, str):
            reason = data if data.startswith("cannot read") else f"cannot read the file: {data}"
            raise ConfigError(f"{shown(path)}: {reason}")
    try:
        text = decode(data)
    except DecodeError as error:
        raise ConfigError(f"{shown(path)}: {error.message}") from None
    source = SourceText(text)
    try:
        parsed = parse_toml(text, wrangler=False)  # pyproject.toml is read as Python tools read it
    except ParseError as error:
        position = source.position(error.offset)
        raise ConfigError(
            f"{shown(path)}:{position.line}:{position.column}: invalid TOML: {error.message}"
        ) from None
    return TomlFile(path, parsed.value, parsed.spans, source)


def load_config(path: str, data: bytes | None = None) -> Settings:
    """The settings of one configuration file (``--config`` names any TOML file); ``data``
    is its content when it is not read from disk (an editor's unsaved text)."""
    toml = read_toml(path, data)
    if os.path.basename(path) == PYPROJECT:
        tool = toml.value.get("tool", {})
        table = tool.get("vpclint") if isinstance(tool, dict) else None
        prefix: tuple = ("tool", "vpclint")
        if table is None:
            raise ConfigError(f"{shown(path)}: there is no [tool.vpclint] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{toml.where(prefix)}: tool.vpclint must be a table")
    else:
        table, prefix = toml.value, ()
    return ConfigReader(toml, prefix).settings(table)


class ConfigReader:
    """Checks one ``[tool.vpclint]`` table (or a dedicated file) and builds Settings."""

    def __init__(self, toml: TomlFile, prefix: tuple):
        self.toml = toml
        self.prefix = prefix

    def error(self, key_path: tuple, problem: str) -> ConfigError:
        name = key_name((*self.prefix, *key_path))
        where = self.toml.where((*self.prefix, *key_path))
        return ConfigError(f"{where}: {name}: {problem}")

    def settings(self, table: dict) -> Settings:
        for key in table:
            if key not in KEYS:
                raise self.error((key,), f"unknown key{suggestion(key, KEYS)}")
        return Settings(
            select=self.selectors(table, "select") if "select" in table else None,
            extend_select=self.selectors(table, "extend-select"),
            ignore=self.selectors(table, "ignore"),
            severity=self.severities(table),
            fail_on=self.fail_on(table),
            payload_globs=self.patterns(table, "payload-globs"),
            exclude=self.patterns(table, "exclude") + self.patterns(table, "extend-exclude"),
            respect_gitignore=self.boolean(table, "respect-gitignore", True),
            per_file_ignores=self.per_file_ignores(table),
            inventory=self.inventory(table),
            jobs=self.jobs(table),
            source=self.toml.path,
            root=os.path.dirname(os.path.abspath(self.toml.path)),
        )

    def patterns(self, table: dict, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error((key,), 'must be a list of strings, like ["a", "b"]')
        from vpclint.patterns import pattern_problem  # only a configuration with patterns

        for index, pattern in enumerate(value):
            problem = pattern_problem(pattern)
            if problem:
                raise self.error((key, index), problem)
        return tuple(value)

    def boolean(self, table: dict, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.error((key,), f"must be true or false, not {value!r}")
        return value

    def inventory(self, table: dict) -> tuple[str, ...]:
        """Inventory files, relative to the configuration file's folder."""
        value = table.get("inventory", [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(("inventory",), 'must be a list of strings, like ["services.json"]')
        folder = os.path.dirname(self.toml.path)
        return tuple(shown(os.path.normpath(os.path.join(folder, path))) for path in value)

    def selectors(self, table: dict, key: str, key_path: tuple | None = None) -> tuple[str, ...]:
        key_path = key_path or (key,)
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key_path, 'must be a list of rule codes or prefixes, like ["VPC2"]')
        for index, selector in enumerate(value):
            problem = selector_problem(selector)
            if problem:
                raise self.error((*key_path, index), problem)
        return tuple(selector.upper() for selector in value)

    def severities(self, table: dict) -> dict[str, str]:
        value = table.get("severity", {})
        if not isinstance(value, dict):
            raise self.error(("severity",), 'must be a table, like {VPC203 = "error"}')
        levels: dict[str, str] = {}
        # a prefix first, then the codes it covers, so the most specific entry wins
        for selector in sorted(value, key=len):
            level = value[selector]
            problem = selector_problem(selector)
            if problem:
                raise self.error(("severity", selector), problem)
            if level not in SEVERITIES:
                raise self.error(
                    ("severity", selector), f"must be one of {', '.join(SEVERITIES)}, not {level!r}"
                )
            for code in codes_of(selector.upper()):
                levels[code] = level
        return levels

    def jobs(self, table: dict) -> int:
        value = table.get("jobs", 1)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_JOBS:
            raise self.error(
                ("jobs",), f"must be a whole number from 1 to {MAX_JOBS}, not {value!r}"
            )
        return value

    def fail_on(self, table: dict) -> str:
        value = table.get("fail-on", "error")
        if value not in SEVERITIES:
            raise self.error(("fail-on",), f"must be one of {', '.join(SEVERITIES)}, not {value!r}")
        return value

    def per_file_ignores(self, table: dict) -> dict[str, tuple[str, ...]]:
        value = table.get("per-file-ignores", {})
        if not isinstance(value, dict):
            raise self.error(
                ("per-file-ignores",), 'must be a table, like {"legacy/*" = ["VPC203"]}'
            )
        from vpclint.patterns import pattern_problem

        for pattern in value:
            problem = pattern_problem(pattern.removeprefix("!"))
            if problem:
                raise self.error(("per-file-ignores", pattern), problem)
        return {
            pattern: self.selectors(value, pattern, ("per-file-ignores", pattern))
            for pattern in value
        }


def key_name(key_path: tuple) -> str:
    """A dotted TOML name for a key path: ``tool.vpclint.per-file-ignores."a/*"[0]``."""
    name = ""
    for part in key_path:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            bare = part and all(c.isascii() and (c.isalnum() or c in "-_") for c in part)
            name += ("." if name else "") + (part if bare else json.dumps(part))
    return name


def selector_problem(selector: str) -> str | None:
    if known_selector(selector.upper()):
        return None
    return f"{selector!r} is not a rule code or prefix (`vpclint rules` lists them)"


def codes_of(selector: str) -> list[str]:
    from vpclint.rules.registry import RULES, load_every_rule

    if selector not in RULES:
        load_every_rule()  # a prefix covers the lazily loaded rules too
    return sorted(code for code in RULES if matches(code, selector))


def suggestion(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word.replace("_", "-"), choices, n=1, cutoff=0.6)
    return f' "{word}" (did you mean "{close[0]}"?)' if close else f' "{word}"'


# ---------------------------------------------------------------------------- per file


class SettingsResolver:
    """The settings for each linted path: its nearest config file (or ``--config``, or
    none with ``isolated``), then the command line's overrides, then per-file ignores.
    Config files are found once per folder and read once each."""

    def __init__(
        self,
        config_path: str | None = None,
        isolated: bool = False,
        overrides: Callable[[Settings], Settings] = lambda settings: settings,
    ):
        self.config_path = config_path
        self.isolated = isolated
        self.overrides = overrides
        self.folder_configs: dict[str, str | None] = {}
        self.loaded: dict[str | None, Settings] = {}

    def config_for(self, path: str) -> str | None:
        if self.isolated:
            return None
        if self.config_path is not None:
            return self.config_path
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        return find_config(folder, self.folder_configs)

    def base(self, config: str | None) -> Settings:
        if config not in self.loaded:
            settings = load_config(config) if config else DEFAULT_SETTINGS
            self.loaded[config] = self.overrides(settings)
        return self.loaded[config]

    def __call__(self, path: str) -> Settings:
        return self.base(self.config_for(path)).for_file(path)
