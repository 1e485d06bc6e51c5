"""Paths and folders -> the files to lint, each with its kind and syntax.

What a file is:
- a wrangler config by its name: ``wrangler*.toml``, ``wrangler*.json``, ``wrangler*.jsonc``;
- a VPC Service payload by ``--kind payload``, by a configured glob, or by content
  (a JSON object, or array of objects, whose keys include ``type`` and ``host``).
A folder is searched recursively for ``wrangler.toml|json|jsonc`` and payload files;
hidden folders, ``node_modules`` and ``.git`` are skipped, symlinked folders are not
followed (no loops), and only regular files are read.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence

from vpclint.runner import MAX_FILE_BYTES, Target, syntax_for
from vpclint.settings import DEFAULT_SETTINGS, Settings

WRANGLER_NAME = re.compile(r"wrangler[^/\\]*\.(toml|json|jsonc)", re.IGNORECASE)
WALK_NAMES = frozenset({"wrangler.toml", "wrangler.json", "wrangler.jsonc"})
SKIPPED_FOLDERS = frozenset({"node_modules", ".git"})

SettingsFor = Callable[[str], Settings]


def is_wrangler_name(path: str) -> bool:
    return WRANGLER_NAME.fullmatch(os.path.basename(path)) is not None


def looks_like_payload(value) -> bool:
    def one(item) -> bool:
        return isinstance(item, dict) and "type" in item and "host" in item

    if isinstance(value, list):
        return bool(value) and all(one(item) for item in value)
    return one(value)


def content_is_payload(data: bytes) -> bool:
    try:
        return looks_like_payload(json.loads(data))
    except (ValueError, RecursionError):
        return False


def matches_glob(path: str, globs: Sequence[str]) -> bool:
    normal = path.replace(os.sep, "/")
    while normal.startswith("./"):
        normal = normal[2:]
    name = os.path.basename(normal)
    for pattern in globs:
        if fnmatch.fnmatch(normal, pattern) or fnmatch.fnmatch(name, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(normal, pattern[3:]):
            return True
    return False


def kind_for(
    path: str, data: bytes | None = None, settings: Settings = DEFAULT_SETTINGS
) -> str | None:
    """``wrangler``, ``payload``, or None when the file is neither."""
    if is_wrangler_name(path):
        return "wrangler"
    if matches_glob(path, settings.payload_globs):
        return "payload"
    if syntax_for(path) == "json" and data is not None and content_is_payload(data):
        return "payload"
    return None


def read_small(path: str) -> bytes | None:
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def walk(folder: str, settings_for: SettingsFor) -> Iterator[str]:
    """Candidate files under ``folder``, sorted, without following symlinked folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_FOLDERS
            and not os.path.islink(os.path.join(root, d))
            and not matches_glob(os.path.join(root, d), settings_for(root).exclude)
        )
        for name in sorted(files):
            path = os.path.join(root, name)
            if is_regular_file(path):
                yield path


def target_for_walked(path: str, settings: Settings) -> Target | None:
    if matches_glob(path, settings.exclude):
        return None
    name = os.path.basename(path)
    if name in WALK_NAMES:
        return Target(path, "wrangler", syntax_for(path), settings)
    if matches_glob(path, settings.payload_globs):
        return Target(path, "payload", "json", settings)
    if name.endswith(".json") and name not in ("package.json", "package-lock.json"):
        data = read_small(path)
        if data is not None and content_is_payload(data):
            return Target(path, "payload", "json", settings)
    return None


def guess_syntax(path: str, data: bytes | None) -> str:
    syntax = syntax_for(path)
    if syntax:
        return syntax
    head = (data or b"").lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "toml"


def target_for_file(
    path: str, settings: Settings, kind_override: str | None, data: bytes | None = None
) -> Target | str:
    """A Target for an explicitly named file, or an error sentence (exit 2)."""
    if kind_override is None:
        probe = data if data is not None else (read_small(path) if syntax_for(path) else None)
        kind = kind_for(path, probe, settings)
        if kind is None:
            if data is None and not os.path.lexists(path):
                return Target(path, "wrangler", syntax_for(path) or "toml", settings)
            return (
                f"{path}: not a wrangler config (wrangler*.toml|json|jsonc) or a VPC Service "
                "payload (a JSON object with `type` and `host`); pass --kind wrangler or "
                "--kind payload"
            )
    else:
        kind = kind_override
    syntax = "json" if kind == "payload" else guess_syntax(path, data or read_small(path))
    return Target(path, kind, syntax, settings, data)


def targets_for_paths(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    settings_for: SettingsFor | None = None,
    kind_override: str | None = None,
) -> tuple[list[Target], list[str]]:
    """Targets for the given paths (files and folders) and usage errors for the rest."""
    settings_for = settings_for or (lambda _path: settings)
    targets: list[Target] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            for found in walk(path, settings_for):
                target = target_for_walked(found, settings_for(found))
                if target and kind_override and target.kind != kind_override:
                    target = None
                if target and found not in seen:
                    seen.add(found)
                    targets.append(target)
            continue
        if path in seen:
            continue
        seen.add(path)
        target = target_for_file(path, settings_for(path), kind_override)
        if isinstance(target, str):
            errors.append(target)
        else:
            targets.append(target)
    return targets, errors
