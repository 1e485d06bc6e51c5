"""Which rules run, at what severity, and when a run fails.

Selection follows ruff: ``select`` replaces the default set, ``extend-select`` adds to
it, ``ignore`` removes; each entry is a code or a prefix (``VPC2``, ``VPC20``) or
``ALL``. A rule that is not selected does not run. Info-level rules and rules that are
off by default run only when selected explicitly (a prefix counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from vpclint.diagnostics import SEVERITY_RANK
from vpclint.rules.registry import RULES, load_all


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def on_by_default(code: str) -> bool:
    rule = RULES[code]
    return rule.default_enabled and rule.severity != "info"


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    payload_globs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str | None = None  # the config file these settings came from, if any

    @cached_property
    def enabled_codes(self) -> frozenset[str]:
        load_all()
        codes = set()
        for code in RULES:
            if self.select is None:
                chosen = on_by_default(code)
            else:
                chosen = any(matches(code, s) for s in self.select)
            if any(matches(code, s) for s in self.extend_select):
                chosen = True
            if any(matches(code, s) for s in self.ignore):
                chosen = False
            if chosen:
                codes.add(code)
        return frozenset(codes)

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def fails(self, severity: str) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.fail_on]


DEFAULT_SETTINGS = Settings()
