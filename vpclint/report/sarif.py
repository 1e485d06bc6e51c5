"""``--format sarif``: SARIF 2.1.0 (GitHub code scanning, VS Code's SARIF viewer).

One run. The driver lists every rule with its full help text (``helpUri`` and
``informationUri`` only when ``[project.urls]`` publishes an address); each result
has its rule, level (``error``/``warning``/``note``), message, region and related
locations; a fix hint and the JSON pointer are result properties.

Columns: SARIF counts columns in UTF-16 code units unless a run says otherwise, and
that is what GitHub and VS Code assume, so this format converts vpclint's code-point
columns to UTF-16 code units (they differ only after a character outside the Basic
Multilingual Plane, such as an emoji) and states ``columnKind: utf16CodeUnits``.
``endColumn`` is exclusive, as SARIF defines it.

Paths: a file inside ``%SRCROOT%`` (the repository root, or the working folder outside a
repository; see :mod:`vpclint.report.location`), given in ``originalUriBaseIds``, is a
relative URI against it, which is what code scanning expects; any other file is an
absolute ``file://`` URI; standard input without ``--stdin-filename`` is the relative
reference ``-`` with the description "standard input" (it has no address).

Fingerprints: each result's ``partialFingerprints["vpclint/v1"]`` hashes its code, its
file's URI, its JSON pointer and its rank among results sharing those three, never a
line number, so code scanning keeps an alert open (and does not open a new one) when
lines above it are added or removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from vpclint import __version__
from vpclint.report.location import STDIN, relative_to, repository_root
from vpclint.rules.registry import RULES, load_every_rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
BASE_ID = "%SRCROOT%"


def rule_descriptor(rule) -> dict:
    from vpclint.settings import on_by_default

    help_text = (
        f"{rule.what}\n\nWhy it matters: {rule.why}\n\n"
        f"Example:\n{rule.example.rstrip()}\n\nUse instead:\n{rule.use_instead.rstrip()}"
    )
    help_markdown = (
        f"{rule.what}\n\n**Why it matters:** {rule.why}\n\n"
        f"Example:\n\n```{rule.example_lang}\n{rule.example.rstrip()}\n```\n\n"
        f"Use instead:\n\n```{rule.example_lang}\n{rule.use_instead.rstrip()}\n```"
    )
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": on_by_default(rule.code),
        },
        "properties": {"tags": list(rule.kinds)},
    }
    help_uri = rule.help_uri
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def artifact_location(path: str, base: str) -> dict:
    if path == STDIN:
        return {"uri": "-", "description": {"text": "standard input"}}
    relative = relative_to(path, base)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {
        "uri": quote(relative.encode("utf-8", "surrogateescape"), safe="/"),
        "uriBaseId": BASE_ID,
    }


def fingerprint(code: str, uri: str, pointer: str, rank: int) -> dict:
    text = "\0".join((code, uri, pointer, str(rank)))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return {"vpclint/v1": digest[:32]}


def folder_uri(folder: Path) -> str:
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def utf16_column(source, line: int, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-16 code-unit column."""
    if source is None or line > source.line_count:
        return column
    text = source.line_text(line)
    before = text[: column - 1]
    past_end = max(0, column - 1 - len(text))
    return 1 + len(before.encode("utf-16-le", "surrogatepass")) // 2 + past_end


def region(source, start, end) -> dict:
    return {
        "startLine": start.line,
        "startColumn": utf16_column(source, start.line, start.column),
        "endLine": end.line,
        "endColumn": utf16_column(source, end.line, end.column),
    }


def physical_location(artifact: dict, source, start, end) -> dict:
    return {"artifactLocation": artifact, "region": region(source, start, end)}


def result_object(diagnostic, source, rule_index: dict[str, int], artifact: dict) -> dict:
    result = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index[diagnostic.code],
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": physical_location(
                    artifact, source, diagnostic.start, diagnostic.end
                )
            }
        ],
    }
    if diagnostic.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "message": {"text": related.message},
                "physicalLocation": physical_location(artifact, source, related.start, related.end),
            }
            for number, related in enumerate(diagnostic.related, start=1)
        ]
    properties = {"name": diagnostic.name, "pointer": diagnostic.pointer}
    if diagnostic.fix:
        properties["fix"] = diagnostic.fix
    if diagnostic.edits:
        properties["applicability"] = diagnostic.applicability
        result["fixes"] = [fix_object(diagnostic, source, artifact)]
    result["properties"] = properties
    return result


def fix_object(diagnostic, source, artifact: dict) -> dict:
    """A finding's edits as one SARIF fix (``deletedRegion`` empty for an insertion)."""
    return {
        "description": {"text": diagnostic.fix or f"fix {diagnostic.code}"},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {
                        "deletedRegion": region(source, edit.start, edit.end),
                        "insertedContent": {"text": edit.content},
                    }
                    for edit in diagnostic.edits
                ],
            }
        ],
    }


def results(result, base: str, rule_index: dict[str, int]) -> list[dict]:
    objects, ranks = [], {}
    for diagnostic in result.diagnostics:
        artifact = artifact_location(diagnostic.path, base)
        key = (diagnostic.code, artifact["uri"], diagnostic.pointer)
        ranks[key] = ranks.get(key, 0) + 1
        item = result_object(diagnostic, result.source_of(diagnostic.path), rule_index, artifact)
        item["partialFingerprints"] = fingerprint(*key, ranks[key])
        objects.append(item)
    return objects


def document(result) -> dict:
    from vpclint import project_url

    load_every_rule()
    rules = [RULES[code] for code in sorted(RULES)]
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    base = repository_root() or os.getcwd()
    driver = {
        "name": "vpclint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_descriptor(rule) for rule in rules],
    }
    homepage = project_url("Homepage")
    if homepage:
        driver["informationUri"] = homepage
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {BASE_ID: {"uri": folder_uri(Path(base))}},
                "columnKind": "utf16CodeUnits",
                "results": results(result, base, rule_index),
            }
        ],
    }


def render(result, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=True) + "\n"
