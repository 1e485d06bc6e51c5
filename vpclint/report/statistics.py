"""``--statistics``: how many findings each rule has, most first (ruff's ``--statistics``):
``count  code  name  severity`` per line as text, or a JSON list with ``--format json``."""

from __future__ import annotations

import json


def rows(result) -> list[dict]:
    counts: dict[str, dict] = {}
    for diagnostic in result.diagnostics:
        row = counts.setdefault(
            diagnostic.code,
            {"code": diagnostic.code, "name": diagnostic.name, "count": 0, "severity": {}},
        )
        row["count"] += 1
        row["severity"][diagnostic.severity] = row["severity"].get(diagnostic.severity, 0) + 1
    return sorted(counts.values(), key=lambda row: (-row["count"], row["code"]))


def severities(row: dict) -> str:
    return ", ".join(sorted(row["severity"]))


def render(result, format_name: str) -> str:
    table = rows(result)
    if format_name == "json":
        listed = [
            {"code": r["code"], "name": r["name"], "count": r["count"], "severity": severities(r)}
            for r in table
        ]
        return json.dumps(listed, indent=2, ensure_ascii=True) + "\n"
    if not table:
        return ""
    count_width = len(str(table[0]["count"]))
    name_width = max(len(row["name"]) for row in table)
    return "".join(
        f"{str(r['count']).rjust(count_width)}  {r['code']}  {r['name'].ljust(name_width)}  "
        f"{severities(r)}\n"
        for r in table
    )
