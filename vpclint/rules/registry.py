"""Rule metadata (code, name, severity, docs) and the checks that emit findings.

Metadata lives here once: ``vpclint rule``, ``vpclint rules``, ``docs/rules.md``,
SARIF's rule list and selection by prefix all read :data:`RULES`. Each rule module
registers its rules when it is imported (:data:`RULE_MODULES`): a run holds the rules of
the kinds of file it lints, and whatever needs every rule calls :func:`load_every_rule`.

A *check* is a function that takes one :class:`~vpclint.document.Document` and yields
diagnostics; it declares which codes it may emit so that a run where none of them is
selected does not run it at all. A *run check* sees every document of the run at once
(duplicate payload names across files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter

from vpclint.record import Record

KINDS = ("wrangler", "payload")


class Rule(Record):
    """A rule's metadata: code, kebab-case name, default severity, and its documentation
    (``what`` it does, ``why`` it matters, an ``example`` and what to ``use_instead``)."""

    __slots__ = ()

    def __new__(
        cls,
        code,
        name,
        severity,
        summary,
        what,
        why,
        example,
        use_instead,
        kinds=KINDS,
        default_enabled=True,
        example_lang="toml",
    ):
        return tuple.__new__(
            cls,
            (
                code,
                name,
                severity,
                summary,
                what,
                why,
                example,
                use_instead,
                kinds,
                default_enabled,
                example_lang,
            ),
        )

    code = property(itemgetter(0))
    name = property(itemgetter(1))
    severity = property(itemgetter(2))
    summary = property(itemgetter(3))
    what = property(itemgetter(4))
    why = property(itemgetter(5))
    example = property(itemgetter(6))
    use_instead = property(itemgetter(7))
    kinds = property(itemgetter(8))
    default_enabled = property(itemgetter(9))
    example_lang = property(itemgetter(10))

    @property
    def help_uri(self) -> str | None:
        """This rule's page under the ``Rules`` address of ``[project.urls]``; None while the
        project publishes none (the rule's full text travels with ``vpclint rule`` and SARIF)."""
        from vpclint import project_url

        base = project_url("Rules")
        return f"{base}#{self.code.lower()}" if base else None


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    RULES[rule.code] = rule
    return rule


class Check(Record):
    """A check function for documents of ``kind`` that may emit ``codes``.

    An ``inventory`` check also takes the account's inventory (the services and tunnels
    that exist, :class:`vpclint.inventory.Inventory`) and runs only when one is given."""

    __slots__ = ()

    def __new__(cls, kind, codes, function, inventory=False):
        return tuple.__new__(cls, (kind, codes, function, inventory))

    kind = property(itemgetter(0))
    codes = property(itemgetter(1))
    function = property(itemgetter(2))
    inventory = property(itemgetter(3))


CHECKS: list[Check] = []
RUN_CHECKS: list[Check] = []


def check(kind: str, *codes: str, inventory: bool = False) -> Callable:
    """Register ``function(document) -> Iterable[Diagnostic]`` for documents of ``kind``
    (``function(document, inventory)`` with ``inventory=True``)."""

    def decorate(function: Callable[..., Iterable]) -> Callable:
        CHECKS.append(Check(kind, codes, function, inventory))
        return function

    return decorate


def run_check(kind: str, *codes: str, inventory: bool = False) -> Callable:
    """Register ``function(documents) -> Iterable[Diagnostic]`` over all documents of a run
    (``function(documents, inventory)`` with ``inventory=True``)."""

    def decorate(function: Callable[..., Iterable]) -> Callable:
        RUN_CHECKS.append(Check(kind, codes, function, inventory))
        return function

    return decorate


RULE_MODULES = {
    "common": "vpclint.rules.parsing",
    "wrangler": "vpclint.rules.wrangler",
    "payload": "vpclint.rules.payload",
    "inventory": "vpclint.rules.inventory",
}
"""The module (or package) holding the rules and checks of each kind of file; ``common``
holds the rules any file can get (VPC0xx: parsing, reading, suppressions). A run imports
only what the kinds of file it lints need; what needs every rule (rule docs, ``vpclint
rules``, SARIF's rule list, a code, name or prefix not among the loaded rules) imports them
all with :func:`load_every_rule`."""


def load_common() -> None:
    """Import the rules any file can get (VPC0xx)."""
    __import__(RULE_MODULES["common"])  # not importlib, which imports warnings (0.3 ms)


def load_checks(kind: str) -> None:
    """Import the rules and checks for documents of ``kind`` (and the common rules)."""
    load_common()
    __import__(RULE_MODULES[kind])


def load_file_rules() -> None:
    """Import the rules of every kind of linted file (those checked against an inventory
    are imported when one is given)."""
    for kind in KINDS:
        load_checks(kind)


def codes_named(label: str) -> tuple[str, ...]:
    """The codes that ``label`` names: a code in any case (``VPC203``, ``vpc203``) or a
    rule's name (``remote-unset``); two rules for the two kinds of file may share a name.
    Empty when it names no rule (every rule module is imported unless ``label`` is the
    code of a loaded rule)."""
    code = label.upper()
    if code not in RULES:
        load_every_rule()
    if code in RULES:
        return (code,)
    name = label.lower()
    return tuple(sorted(code for code, rule in RULES.items() if rule.name == name))


def load_every_rule() -> None:
    """Import every rule's metadata: RULES is complete afterwards."""
    for kind in RULE_MODULES:
        load_checks(kind)


def rule_of(code: str) -> Rule:
    """The rule of a code a finding is made with (every rule module is imported on a miss:
    a file read outside a lint run, such as the inventory report's)."""
    rule = RULES.get(code)
    if rule is None:
        load_every_rule()
        rule = RULES[code]
    return rule


def is_rule(code: str) -> bool:
    """Whether ``code`` is a rule's code (every rule module is imported on a miss)."""
    if code not in RULES:
        load_every_rule()
    return code in RULES


def inventory_codes() -> set[str]:
    """The codes only checks against an inventory emit (they cannot run without one)."""
    return {code for found in (*CHECKS, *RUN_CHECKS) if found.inventory for code in found.codes}
