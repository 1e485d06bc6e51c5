"""Rule documentation, generated from the registry: ``vpclint rule``, ``vpclint rules`` and
``docs/rules.md`` (regenerate with ``python -m vpclint.ruledocs > docs/rules.md``)."""

from __future__ import annotations

import json

from vpclint.rules.registry import RULES, Rule, load_every_rule


def default_state(rule: Rule) -> str:
    if not rule.default_enabled:
        return "off by default"
    if rule.severity == "info":
        return "runs when selected (info)"
    return "on"


def as_dict(rule: Rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "default": default_state(rule),
        "kinds": list(rule.kinds),
        "summary": rule.summary,
        "what": rule.what,
        "why": rule.why,
        "example": rule.example,
        "use_instead": rule.use_instead,
        "help_uri": rule.help_uri,
    }


def as_text(rule: Rule) -> str:
    return (
        f"{rule.code} {rule.name} ({rule.severity}, {default_state(rule)})\n\n"
        f"{rule.summary}\n\n"
        f"What it does\n  {rule.what}\n\n"
        f"Why it matters\n  {rule.why}\n\n"
        f"Example\n{indent(rule.example)}\n"
        f"Use instead\n{indent(rule.use_instead)}\n"
    )


def indent(block: str) -> str:
    return "".join(f"    {line}\n" for line in block.rstrip("\n").split("\n"))


def explain(code: str, format_name: str = "text") -> str | None:
    load_every_rule()
    rule = RULES.get(code)
    if rule is None:
        return None
    if format_name == "json":
        return json.dumps(as_dict(rule), indent=2) + "\n"
    return as_text(rule)


def listing(format_name: str = "text") -> str:
    load_every_rule()
    rules = [RULES[code] for code in sorted(RULES)]
    if format_name == "json":
        return json.dumps([as_dict(rule) for rule in rules], indent=2) + "\n"
    width = max(len(rule.name) for rule in rules)
    return "".join(
        f"{r.code}  {r.name.ljust(width)}  {r.severity:<7}  {r.summary}\n" for r in rules
    )


def markdown() -> str:
    load_every_rule()
    rules = [RULES[code] for code in sorted(RULES)]
    out = [
        "# vpclint rules",
        "",
        "Generated from the rule registry by `python -m vpclint.ruledocs > docs/rules.md`;",
        "a test keeps this file in sync with the code. `vpclint rule CODE` prints one entry.",
        "",
        "| code | name | severity | default | applies to | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        row = f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {default_state(r)}"
        out.append(f"{row} | {', '.join(r.kinds)} | {r.summary} |")
    for r in rules:
        out += [
            "",
            f"## {r.code}",
            "",
            f"**{r.name}** · {r.severity} · {default_state(r)} · {', '.join(r.kinds)}",
            "",
            r.summary,
            "",
            "### What it does",
            "",
            r.what,
            "",
            "### Why it matters",
            "",
            r.why,
            "",
            "### Example",
            "",
            f"```{r.example_lang}",
            r.example.rstrip("\n"),
            "```",
            "",
            "### Use instead",
            "",
            f"```{r.example_lang}",
            r.use_instead.rstrip("\n"),
            "```",
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
