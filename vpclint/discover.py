"""Paths and folders -> the files to lint, each with its kind and syntax.

What a file is:
- a wrangler config by its name: ``wrangler*.toml``, ``wrangler*.json``, ``wrangler*.jsonc``;
- a VPC Service payload by ``--kind payload``, by a configured glob, or by content
  (a JSON object, or array of objects, whose keys include ``type`` and ``host``).
A folder is searched recursively for ``wrangler.toml|json|jsonc`` and payload files;
hidden folders, ``node_modules`` and ``.git`` are skipped, symlinks (to folders or to
files) are not followed, and only regular files are read.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence

from vpclint.runner import Target, read_bytes, syntax_for
from vpclint.settings import DEFAULT_SETTINGS, Settings

WRANGLER_NAME = re.compile(r"wrangler[^/\\]*\.(toml|json|jsonc)", re.IGNORECASE)
WALK_NAMES = frozenset({"wrangler.toml", "wrangler.json", "wrangler.jsonc"})
SKIPPED_FOLDERS = frozenset({"node_modules", ".git"})

SettingsFor = Callable[[str], Settings]


def is_wrangler_name(path: str) -> bool:
    return WRANGLER_NAME.fullmatch(os.path.basename(path)) is not None


def has_payload_keys(value) -> bool:
    return isinstance(value, dict) and "type" in value and "host" in value


def looks_like_payload(value) -> bool:
    """True for a parsed JSON value that reads as VPC Service payloads: an object whose
    keys include ``type`` and ``host``, or a non-empty array of objects of which at least
    one has both keys (so one broken element does not hide the file from a folder walk)."""
    if isinstance(value, list):
        return (
            bool(value)
            and all(isinstance(item, dict) for item in value)
            and any(has_payload_keys(item) for item in value)
        )
    return has_payload_keys(value)


def content_is_payload(data: bytes) -> bool:
    try:
        return looks_like_payload(json.loads(data))
    except (ValueError, RecursionError):
        return False


def kind_for(
    path: str, data: bytes | None = None, settings: Settings = DEFAULT_SETTINGS
) -> str | None:
    """``wrangler``, ``payload``, or None when the file is neither."""
    if is_wrangler_name(path):
        return "wrangler"
    if settings.is_payload_path(path):
        return "payload"
    if syntax_for(path) == "json" and data is not None and content_is_payload(data):
        return "payload"
    return None


def read_small(path: str) -> bytes | None:
    """The bytes of a regular file within the size limit, else None (never blocks on a
    FIFO, never reads a device such as /dev/zero)."""
    data = read_bytes(path)
    return data if isinstance(data, bytes) else None


def is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def walk(folder: str, settings_for: SettingsFor) -> Iterator[str]:
    """Candidate files under ``folder``, sorted (under ``.`` without a leading ``./``).

    Symlinks are not followed, to folders (no loops) or to files: a pull request could
    add ``wrangler.toml -> ~/.netrc`` or ``-> .env`` and have a syntax error show a line
    of that file in a public CI log. A symlink named on the command line is followed."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_FOLDERS
            and not os.path.islink(os.path.join(root, d))
            and not settings_for(root).is_excluded(os.path.join(root, d))
        )
        for name in sorted(files):
            path = os.path.join(root, name)
            if folder == os.curdir:  # `vpclint` or `vpclint .`: show apps/wrangler.toml
                path = path[len(os.curdir + os.sep) :]
            if is_regular_file(path) and not os.path.islink(path):
                yield path


def target_for_walked(path: str, settings: Settings) -> Target | None:
    if settings.is_excluded(path):
        return None
    name = os.path.basename(path)
    if name in WALK_NAMES:
        return Target(path, "wrangler", syntax_for(path), settings)
    if settings.is_payload_path(path):
        return Target(path, "payload", "json", settings)
    if name.endswith(".json") and name not in ("package.json", "package-lock.json"):
        data = read_small(path)
        if data is not None and content_is_payload(data):
            return Target(path, "payload", "json", settings)
    return None


def guess_syntax(path: str, data: bytes | None) -> str:
    """The syntax by the file's suffix, else by content: JSON(C) when it starts with
    ``{``, ``//``, ``/*``, or a ``[`` that opens an array of objects (``[{``, ``[]``);
    TOML otherwise (``[[vpc_services]]`` and ``[vars]`` are TOML headers)."""
    syntax = syntax_for(path)
    if syntax:
        return syntax
    head = (data or b"").lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"{" or head[:2] in (b"//", b"/*"):
        return "json"
    if head[:1] == b"[":
        after = head[1:].lstrip(b" \t\r\n")[:1]
        return "json" if after in (b"{", b"]", b"") else "toml"
    return "toml"


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


def target_for_stdin(
    data: bytes, name: str | None, settings: Settings, kind_override: str | None
) -> Target | str:
    """A Target for standard input. With ``name`` (``--stdin-filename``) it is treated
    like a file of that name: the name picks syntax and kind and is the path shown.
    Without one the path shown is ``-``; the kind is ``--kind``, else a payload when the
    content is a JSON payload, else a wrangler config, whose syntax comes from the
    content (:func:`guess_syntax`)."""
    if name:
        return target_for_file(name, settings, kind_override, data)
    kind = kind_override or ("payload" if content_is_payload(data) else "wrangler")
    syntax = "json" if kind == "payload" else guess_syntax("-", data)
    return Target("-", kind, syntax, settings, data)


def targets_for_paths(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    settings_for: SettingsFor | None = None,
    kind_override: str | None = None,
    force_exclude: bool = False,
) -> tuple[list[Target], list[str]]:
    """Targets for the given paths (files and folders) and usage errors for the rest.

    Files found in a folder are in path order. A folder named like a config file
    (``wrangler.toml/``) is not searched: it is reported as unreadable (VPC002), since a
    file was meant. ``exclude`` applies to what a folder search finds; with ``force_exclude`` (for pre-commit, which names every file) it
    also applies to the paths given."""
    settings_for = settings_for or (lambda _path: settings)
    targets: list[Target] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if force_exclude and settings_for(path).is_excluded(path):
            continue
        if os.path.isdir(path) and not is_wrangler_name(path):
            found_targets = []
            for found in walk(path, settings_for):
                target = target_for_walked(found, settings_for(found))
                if target and kind_override and target.kind != kind_override:
                    target = None
                if target and found not in seen:
                    seen.add(found)
                    found_targets.append(target)
            targets += sorted(found_targets, key=lambda target: target.display)
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
