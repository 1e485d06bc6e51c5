"""Rule metadata (code, name, severity, docs) and the checks that emit findings.

Metadata lives here once: ``vpclint rule``, ``vpclint rules``, ``docs/rules.md``,
SARIF's rule list and selection by prefix all read :data:`RULES`.

A *check* is a function that takes one :class:`~vpclint.document.Document` and yields
diagnostics; it declares which codes it may emit so that a run where none of them is
selected does not run it at all. A *run check* sees every document of the run at once
(duplicate payload names across files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

KINDS = ("wrangler", "payload")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    what: str
    why: str
    example: str
    use_instead: str
    kinds: tuple[str, ...] = KINDS
    default_enabled: bool = True
    example_lang: str = "toml"

    @property
    def help_uri(self) -> str:
        return f"https://github.com/vpclint/vpclint/blob/main/docs/rules.md#{self.code.lower()}"


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    RULES[rule.code] = rule
    return rule


@dataclass(frozen=True)
class Check:
    kind: str
    codes: tuple[str, ...]
    function: Callable


CHECKS: list[Check] = []
RUN_CHECKS: list[Check] = []


def check(kind: str, *codes: str) -> Callable:
    """Register ``function(document) -> Iterable[Diagnostic]`` for documents of ``kind``."""

    def decorate(function: Callable[..., Iterable]) -> Callable:
        CHECKS.append(Check(kind, codes, function))
        return function

    return decorate


def run_check(kind: str, *codes: str) -> Callable:
    """Register ``function(documents) -> Iterable[Diagnostic]`` over all documents of a run."""

    def decorate(function: Callable[..., Iterable]) -> Callable:
        RUN_CHECKS.append(Check(kind, codes, function))
        return function

    return decorate


def load_all() -> None:
    """Import every rule module so that RULES and CHECKS are complete."""
    from vpclint.rules import ALL_RULE_MODULES  # noqa: F401


def rule(code: str) -> Rule:
    load_all()
    return RULES[code]
