"""Which rules run, at what severity, and when a run fails.

Selection follows ruff: ``select`` replaces the default set, ``extend-select`` adds to
it, ``ignore`` removes; each entry is a code or a prefix (``VPC2``, ``VPC20``) or
``ALL``. A rule that is not selected does not run. Info-level rules and rules that are
off by default run only when selected explicitly (a prefix counts).

A configuration file gives the first selection; the command line adds a second one
(a ``--select`` there starts afresh, as a later ``select`` does in ruff), and a
``per-file-ignores`` entry that matches the file adds a last ``ignore``. Within one
selection, ``ignore`` wins.

Globs (``exclude``, ``payload-globs``, ``per-file-ignores``) are matched against the
path relative to the folder of the configuration file they come from (``root``), or
against the path as given when there is no file; a glob also matches a bare file or
folder name. ``*`` matches ``/`` too, as in :func:`fnmatch.fnmatch`.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence

from vpclint.diagnostics import SEVERITY_RANK
from vpclint.rules.registry import RULES, load_all


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def on_by_default(code: str) -> bool:
    rule = RULES[code]
    return rule.default_enabled and rule.severity != "info"


def glob_match(path: str, globs: Sequence[str]) -> bool:
    """Whether ``path`` (or its last part) matches one of ``globs``."""
    normal = path.replace(os.sep, "/")
    while normal.startswith("./"):
        normal = normal[2:]
    name = os.path.basename(normal)
    for pattern in globs:
        pattern = pattern.rstrip("/") or pattern
        if fnmatch.fnmatch(normal, pattern) or fnmatch.fnmatch(name, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(normal, pattern[3:]):
            return True
    return False


def known_selector(selector: str) -> bool:
    """``ALL``, or a code or prefix of at least one registered rule."""
    load_all()
    return selector == "ALL" or (
        bool(selector) and any(code.startswith(selector) for code in RULES)
    )


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
        "per_file_ignores",
        "source",
        "root",
        "layers",
    )

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severity: dict[str, str] | None = None,
        fail_on: str = "error",
        payload_globs: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,
        source: str | None = None,  # the config file these settings came from, if any
        root: str | None = None,  # the folder globs are relative to (the config's folder)
        layers: tuple[Selection, ...] = (),  # later selections: command line, per-file ignores
    ):
        self.select = select
        self.extend_select = tuple(extend_select)
        self.ignore = tuple(ignore)
        self.severity = severity or {}
        self.fail_on = fail_on
        self.payload_globs = tuple(payload_globs)
        self.exclude = tuple(exclude)
        self.per_file_ignores = per_file_ignores or {}
        self.source = source
        self.root = root
        self.layers = tuple(layers)
        self._enabled: frozenset[str] | None = None

    def replace(self, **changes) -> Settings:
        values = {name: getattr(self, name) for name in self.FIELDS}
        values.update(changes)
        return Settings(**values)

    @property
    def enabled_codes(self) -> frozenset[str]:
        if self._enabled is None:
            load_all()
            codes = {code for code in RULES if on_by_default(code)}
            for layer in (Selection(self.select, self.extend_select, self.ignore), *self.layers):
                codes = layer.apply(codes)
            self._enabled = frozenset(codes)
        return self._enabled

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def fails(self, severity: str) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.fail_on]

    def relative(self, path: str) -> str:
        """``path`` as the globs see it: relative to ``root`` when there is one."""
        if self.root is None or path == "-":
            return path
        return os.path.relpath(os.path.abspath(path), self.root)

    def is_excluded(self, path: str) -> bool:
        return bool(self.exclude) and glob_match(self.relative(path), self.exclude)

    def is_payload_path(self, path: str) -> bool:
        return bool(self.payload_globs) and glob_match(self.relative(path), self.payload_globs)

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
        if not self.per_file_ignores:
            return self
        relative = self.relative(path)
        codes = tuple(
            code
            for pattern, ignored in self.per_file_ignores.items()
            if glob_match(relative, [pattern])
            for code in ignored
        )
        return self.with_selection(ignore=codes) if codes else self


DEFAULT_SETTINGS = Settings()
