"""Which rules run, at what severity, and when a run fails.

Selection follows ruff: ``select`` replaces the default set, ``extend-select`` adds to
it, ``ignore`` removes; each entry is a code or a prefix (``VPC2``, ``VPC20``) or
``ALL``. A rule that is not selected does not run. Info-level rules and rules that are
off by default run only when selected explicitly (a prefix counts).

A configuration file gives the first selection; the command line adds a second one
(a ``--select`` there starts afresh, as a later ``select`` does in ruff), and a
``per-file-ignores`` entry that matches the file adds a last ``ignore``. Within one
selection, ``ignore`` wins.

Patterns (``exclude``, ``extend-exclude``, ``payload-globs``, ``per-file-ignores``) have
gitignore semantics (:mod:`vpclint.patterns`) and are relative to the folder of the
configuration file they come from (``root``); ``--extend-exclude`` patterns are relative
to the working folder. A ``per-file-ignores`` key starting with ``!`` applies to the
files its pattern does not match (as in ruff).
"""

from __future__ import annotations

import os

from vpclint.diagnostics import SEVERITY_RANK
from vpclint.rules.registry import RULES, load_common, load_every_rule

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from vpclint.patterns import Patterns


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def on_by_default(code: str) -> bool:
    rule = RULES[code]
    return rule.default_enabled and rule.severity != "info"


def known_selector(selector: str) -> bool:
    """``ALL``, or a code or prefix of at least one registered rule (the lazily loaded
    rule modules are imported only when no other rule matches)."""
    load_common()
    if selector == "ALL":
        return True
    if not selector:
        return False
    if any(code.startswith(selector) for code in RULES):
        return True
    load_every_rule()
    return any(code.startswith(selector) for code in RULES)


class Selection:
    """One layer of rule selection (a config file's, the command line's, a per-file ignore)."""

    __slots__ = ("extend_select", "ignore", "select")

    def __init__(self, select=None, extend_select=(), ignore=()):
        self.select: tuple[str, ...] | None = select
        self.extend_select: tuple[str, ...] = tuple(extend_select)
        self.ignore: tuple[str, ...] = tuple(ignore)

    def apply(self, codes: set[str]) -> set[str]:
        if self.select is not None:
            codes = {code for code in RULES if any(matches(code, s) for s in self.select)}
        codes |= {code for code in RULES if any(matches(code, s) for s in self.extend_select)}
        return {code for code in codes if not any(matches(code, s) for s in self.ignore)}


class Settings:
    """Everything that decides how one file is linted; immutable (use :meth:`replace`)."""

    FIELDS = (
        "select",
        "extend_select",
        "ignore",
        "severity",
        "fail_on",
        "payload_globs",
        "exclude",
        "extend_exclude",
        "respect_gitignore",
        "per_file_ignores",
        "source",
        "root",
        "layers",
        "inventory",
        "jobs",
    )

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severity: dict[str, str] | None = None,
        fail_on: str = "error",
        payload_globs: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),  # the config's `exclude` and `extend-exclude`
        extend_exclude: tuple[str, ...] = (),  # --extend-exclude, relative to the working folder
        respect_gitignore: bool = True,
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,
        source: str | None = None,  # the config file these settings came from, if any
        root: str | None = None,  # the folder globs are relative to (the config's folder)
        layers: tuple[Selection, ...] = (),  # later selections: command line, per-file ignores
        inventory: tuple[str, ...] = (),  # inventory files (services, tunnels) to check against
        jobs: int = 1,  # worker processes for a run of many files (`jobs`, --jobs)
    ):
        self.select = select
        self.extend_select = tuple(extend_select)
        self.ignore = tuple(ignore)
        self.severity = severity or {}
        self.fail_on = fail_on
        self.payload_globs = tuple(payload_globs)
        self.exclude = tuple(exclude)
        self.extend_exclude = tuple(extend_exclude)
        self.respect_gitignore = respect_gitignore
        self.per_file_ignores = per_file_ignores or {}
        self.source = source
        self.root = root
        self.layers = tuple(layers)
        self.inventory = tuple(inventory)
        self.jobs = jobs
        self._enabled: frozenset[str] | None = None
        self._exclusions: tuple[Patterns, ...] | None = None
        self._rule_count = 0  # len(RULES) when _enabled was computed

    def replace(self, **changes) -> Settings:
        values = {name: getattr(self, name) for name in self.FIELDS}
        values.update(changes)
        return Settings(**values)

    @property
    def enabled_codes(self) -> frozenset[str]:
        if self._enabled is None or self._rule_count != len(RULES):
            load_common()
            self._rule_count = len(RULES)  # a lazily loaded rule module may add rules later
            codes = {code for code in RULES if on_by_default(code)}
            for layer in (Selection(self.select, self.extend_select, self.ignore), *self.layers):
                codes = layer.apply(codes)
            self._enabled = frozenset(codes)
        return self._enabled

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def fails(self, severity: str) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.fail_on]

    def patterns(self, lines) -> Patterns:
        """``lines`` as patterns relative to the configuration file's folder."""
        from vpclint.patterns import Patterns  # only settings with patterns need it

        return Patterns(lines, self.root or os.curdir)

    def exclusions(self) -> tuple[Patterns, ...]:
        if self._exclusions is None:
            from vpclint.patterns import Patterns

            found = (self.patterns(self.exclude), Patterns(self.extend_exclude, os.curdir))
            self._exclusions = tuple(patterns for patterns in found if patterns)
        return self._exclusions

    def is_excluded(self, path: str, is_dir: bool | None = None) -> bool:
        """Whether ``path`` or one of its folders matches ``exclude`` / ``extend-exclude``
        (for paths named on the command line, with ``--force-exclude``)."""
        if not self.exclude and not self.extend_exclude:
            return False
        is_dir = os.path.isdir(path) if is_dir is None else is_dir
        return any(patterns.matches(path, is_dir) for patterns in self.exclusions())

    def excludes_entry(self, absolute: str, is_dir: bool) -> bool:
        """Whether a folder search skips this entry (its folders were checked already)."""
        if not self.exclude and not self.extend_exclude:
            return False
        return any(patterns.matches_entry(absolute, is_dir) for patterns in self.exclusions())

    def is_payload_path(self, path: str) -> bool:
        return bool(self.payload_globs) and self.patterns(self.payload_globs).matches(path)

    def with_selection(
        self,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
    ) -> Settings:
        """These settings with one more selection layer (for example the command line's)."""
        if select is None and not extend_select and not ignore:
            return self
        return self.replace(layers=(*self.layers, Selection(select, extend_select, ignore)))

    def for_file(self, path: str) -> Settings:
        """The settings for one file: ``per-file-ignores`` entries that match it applied."""
        if not self.per_file_ignores or path == "-":
            return self
        codes = tuple(
            code
            for pattern, ignored in self.per_file_ignores.items()
            if self.matches_key(path, pattern)
            for code in ignored
        )
        return self.with_selection(ignore=codes) if codes else self

    def matches_key(self, path: str, pattern: str) -> bool:
        """Whether a ``per-file-ignores`` key applies to ``path`` (``!`` negates it)."""
        if pattern.startswith("!"):
            return not self.patterns((pattern[1:],)).matches(path)
        return self.patterns((pattern,)).matches(path)


DEFAULT_SETTINGS = Settings()
