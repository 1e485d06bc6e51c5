"""Apply a finding's `fix` hint to the text it was found in (the seed of autofix).

A hint that names a value is written in one of a few forms, in the file's own syntax:

    write `remote = true`            replace the value at the finding
    write "0199295b-..."             (the same, a bare value)
    rename it to "BILLING_API"       (the same, for a name)
    add `remote = true`              add the key to the entry at the finding
    rename `service_ID` to `service_id`   rename a key (at the finding, or in its entry)

:func:`apply_fix` returns the text with the hint applied, or None for a hint that names
no value (`remove one of the two bindings`) or only a placeholder (`"<uuid>"`).
"""

from __future__ import annotations

import json
import re

from vpclint.diagnostics import Diagnostic
from vpclint.runner import parse
from vpclint.source.text import SourceText

WRITE = re.compile(r"write `(?P<assignment>[^`]+)`(?: or remove the key)?(?: \(.*\))?")
WRITE_VALUE = re.compile(r'(?:write|rename it to) (?P<value>"[^"]*")(?: \(.*\))?')
ADD = re.compile(r"add `(?P<assignment>[^`]+)`")
RENAME = re.compile(r"rename `(?P<old>[^`]+)` to `(?P<new>[^`]+)`")
TOML_ASSIGNMENT = re.compile(r"(?P<key>[A-Za-z0-9_-]+) = (?P<value>.+)")
JSON_ASSIGNMENT = re.compile(r'"(?P<key>[^"]+)": (?P<value>.+)')
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def path_of(pointer: str, value) -> tuple:
    """The path tuple of an RFC 6901 pointer, read against the parsed value."""
    path: list = []
    node = value
    for raw in pointer.split("/")[1:] if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        part = int(token) if isinstance(node, list) else token
        node = node[part] if isinstance(node, list | dict) else None
        path.append(part)
    return tuple(path)


def apply_fix(text: str, syntax: str, diagnostic: Diagnostic) -> str | None:
    fix = diagnostic.fix or ""
    if "<" in fix and ">" in fix:
        return None  # a placeholder such as "<uuid>" is no value to apply
    parsed = parse(text, syntax, "wrangler")
    path = path_of(diagnostic.pointer, parsed.value)
    if found := WRITE.fullmatch(fix):
        assignment = _assignment(found.group("assignment"), syntax)
        if assignment is None:
            return None
        return _replace_value(text, parsed, path, assignment[1])
    if found := WRITE_VALUE.fullmatch(fix):
        value = found.group("value")
        if _is_at_key(text, parsed.spans[path], diagnostic):  # a name that is a key
            return _rename_key(text, syntax, parsed.spans[path], json.loads(value))
        return _replace_value(text, parsed, path, value)
    if found := ADD.fullmatch(fix):
        assignment = _assignment(found.group("assignment"), syntax)
        if assignment is None:
            return None
        return _add(text, syntax, parsed, path, found.group("assignment"))
    if found := RENAME.fullmatch(fix):
        old, new = found.group("old"), found.group("new")
        key_path = path if path and path[-1] == old else (*path, old)
        return _rename_key(text, syntax, parsed.spans[key_path], new)
    return None


def _is_at_key(text: str, span, diagnostic: Diagnostic) -> bool:
    start = SourceText(text).position(span.key_start)
    return span.key_end > span.key_start and start == diagnostic.start


def _rename_key(text: str, syntax: str, span, new: str) -> str:
    written = json.dumps(new) if syntax == "json" or not BARE_KEY.fullmatch(new) else new
    return text[: span.key_start] + written + text[span.key_end :]


def _assignment(text: str, syntax: str) -> tuple[str, str] | None:
    found = (TOML_ASSIGNMENT if syntax == "toml" else JSON_ASSIGNMENT).fullmatch(text)
    return (found.group("key"), found.group("value")) if found else None


def _replace_value(text: str, parsed, path: tuple, value: str) -> str:
    span = parsed.spans[path]
    return text[: span.value_start] + value + text[span.value_end :]


def _add(text: str, syntax: str, parsed, path: tuple, assignment: str) -> str:
    """Add ``assignment`` as the first key of the table or object at ``path``."""
    span = parsed.spans[path]
    start = span.value_start
    if text.startswith("{", start):  # a JSON object or a TOML inline table
        empty = not parsed_value(parsed, path)
        separator = "" if empty else ", "
        return text[: start + 1] + " " + assignment + separator + text[start + 1 :]
    # a TOML `[[header]]`: the key goes on the line after it
    line_end = text.find("\n", span.value_end)
    line_end = len(text) if line_end < 0 else line_end
    return text[:line_end] + "\n" + assignment + text[line_end:]


def parsed_value(parsed, path: tuple):
    node = parsed.value
    for part in path:
        node = node[part]
    return node
