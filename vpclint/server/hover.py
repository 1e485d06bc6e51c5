"""Hover on a finding: the finding itself, its fix hint and its rule's documentation."""

from __future__ import annotations

from vpclint.rules.registry import RULES, is_rule


def rule_markdown(code: str) -> str:
    if not is_rule(code):
        return ""
    rule = RULES[code]
    return (
        f"{rule.summary}\n\n"
        f"**What it does**: {rule.what}\n\n"
        f"**Why it matters**: {rule.why}\n\n"
        f"**Example**\n\n```{rule.example_lang}\n{rule.example.rstrip()}\n```\n\n"
        f"**Use instead**\n\n```{rule.example_lang}\n{rule.use_instead.rstrip()}\n```\n\n"
        f"`vpclint rule {rule.code}` prints this text."
    )


def finding_markdown(diagnostic) -> str:
    head = f"**{diagnostic.code}** `{diagnostic.name}` ({diagnostic.severity})\n\n"
    fix = f"\n\nFix: {diagnostic.fix}" if diagnostic.fix else ""
    return head + diagnostic.message + fix + "\n\n---\n\n" + rule_markdown(diagnostic.code)


def hover_markdown(diagnostics) -> str:
    return "\n\n---\n\n".join(finding_markdown(d) for d in diagnostics)
