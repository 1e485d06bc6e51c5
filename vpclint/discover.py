"""Paths and folders -> the files to lint, each with its kind and syntax.

What a file is:
- a wrangler config by its name: any ``wrangler*.toml|json|jsonc`` named on the command
  line; in a folder search ``wrangler.toml|json|jsonc`` and the environment-specific
  ``wrangler.<name>.toml|json|jsonc`` (``wrangler.staging.toml``);
- a VPC Service payload by ``--kind payload``; by location: a ``.json`` or ``.jsonc`` file
  below a folder named ``vpc-service`` or ``vpc-services`` (the ``vpclint-payload``
  pre-commit hook's pattern), whatever it holds, so a broken one is reported, never
  skipped; by a configured ``payload-globs`` pattern; or by content read as JSONC (an
  object, or array of objects, whose keys include ``type`` and ``host``).
A folder search skips hidden folders, ``node_modules``, ``.git``, what ``exclude`` /
``extend-exclude`` match and what the ignore files ignore (:mod:`vpclint.ignorefiles`,
unless ``respect-gitignore`` is off); a folder named on the command line is searched even
when those match it. Symlinks (to folders or to files) are not followed, and only
regular files are read.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence

from vpclint.runner import Target, read_bytes, syntax_for
from vpclint.settings import DEFAULT_SETTINGS, Settings

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: the ignore files are read by folder walks alone
    from vpclint.ignorefiles import IgnoreRules

WRANGLER_NAME = re.compile(r"wrangler[^/\\]*\.(toml|json|jsonc)", re.IGNORECASE)
# What a folder search (and the `vpclint` pre-commit hook) takes for a wrangler config.
WALK_CONFIG_NAME = r"wrangler(\.[^/\\]+)?\.(toml|json|jsonc)"  # compiled when walking
PAYLOAD_FOLDERS = frozenset({"vpc-service", "vpc-services"})
PAYLOAD_SUFFIXES = (".json", ".jsonc")
NOT_PAYLOADS = frozenset({"package.json", "package-lock.json"})
SKIPPED_FOLDERS = frozenset({"node_modules", ".git"})

SettingsFor = Callable[[str], Settings]


def is_wrangler_name(path: str) -> bool:
    return WRANGLER_NAME.fullmatch(os.path.basename(path)) is not None


def is_walk_config_name(name: str) -> bool:
    return re.fullmatch(WALK_CONFIG_NAME, name) is not None


def location_path(path: str) -> str:
    """The path that payload locations are judged on, with ``/`` separators: from the
    root of the git repository holding it (what pre-commit matches its hooks' ``files``
    against), else from the working folder, else as given."""
    absolute = os.path.abspath(path)
    from vpclint.ignorefiles import repository_root  # payload files and folder walks only

    base = repository_root(os.path.dirname(absolute)) or os.getcwd()
    relative = os.path.relpath(absolute, base)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = path
    return relative.replace(os.sep, "/")


def in_payload_location(path: str) -> bool:
    """A ``.json`` / ``.jsonc`` file below a folder named ``vpc-service(s)``."""
    if not path.endswith(PAYLOAD_SUFFIXES):
        return False
    folders = location_path(path).split("/")[:-1]
    return any(folder in PAYLOAD_FOLDERS for folder in folders)


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
    """Whether the bytes read as JSONC (comments and trailing commas allowed, as the
    Cloudflare docs write payloads) are VPC Service payloads."""
    if b'"type"' not in data or b'"host"' not in data:
        return False
    try:
        return looks_like_payload(json.loads(data))
    except (ValueError, RecursionError):
        pass
    from vpclint.source.jsonc import parse_jsonc
    from vpclint.source.model import ParseError
    from vpclint.source.text import DecodeError, decode

    try:
        return looks_like_payload(parse_jsonc(decode(data)).value)
    except (ParseError, DecodeError):
        return False


def kind_for(
    path: str, data: bytes | None = None, settings: Settings = DEFAULT_SETTINGS
) -> str | None:
    """``wrangler``, ``payload``, or None when the file is neither."""
    if is_wrangler_name(path):
        return "wrangler"
    if in_payload_location(path) or settings.is_payload_path(path):
        return "payload"
    if syntax_for(path) == "json" and data is not None and content_is_payload(data):
        return "payload"
    return None


def kind_needs_content(path: str, settings: Settings) -> bool:
    """Whether :func:`kind_for` reads the file's content to tell its kind."""
    return (
        not (is_wrangler_name(path) or in_payload_location(path) or settings.is_payload_path(path))
        and syntax_for(path) == "json"
    )


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


def is_candidate(name: str, settings: Settings) -> bool:
    """Whether a file of this name can be linted (its location and content decide)."""
    return (
        is_walk_config_name(name) or name.endswith(PAYLOAD_SUFFIXES) or bool(settings.payload_globs)
    )


def skipped(entry: str, is_dir: bool, settings: Settings, rules: IgnoreRules) -> bool:
    """Whether a folder search skips this entry (absolute path): excluded or ignored."""
    return settings.excludes_entry(entry, is_dir) or (
        settings.respect_gitignore and rules.ignores(entry, is_dir)
    )


def walk(folder: str, settings_for: SettingsFor) -> Iterator[str]:
    """Candidate files under ``folder``, sorted (under ``.`` without a leading ``./``).

    Each entry is checked against ``exclude`` and the ignore files on its own; its folders
    were checked on the way down, and ``folder`` itself is not checked (it was named).
    Symlinks are not followed, to folders (no loops) or to files: a pull request could
    add ``wrangler.toml -> ~/.netrc`` or ``-> .env`` and have a syntax error show a line
    of that file in a public CI log. A symlink named on the command line is followed."""
    from vpclint.ignorefiles import NAMES as IGNORE_NAMES
    from vpclint.ignorefiles import IgnoreRules, rules_above

    top = os.path.abspath(folder)
    absolute_of = {folder: top}
    respected = settings_for(folder).respect_gitignore
    rules_of = {folder: rules_above(top) if respected else IgnoreRules()}
    for root, dirs, files in os.walk(folder):
        absolute = absolute_of.pop(root)
        settings = settings_for(root)
        rules = rules_of.pop(root)
        if settings.respect_gitignore:  # else its ignore files are not even read
            names = {name for name in IGNORE_NAMES if name in files or name in dirs}
            rules = rules.entering(absolute, names)
        kept = []
        for name in sorted(dirs):
            path, entry = os.path.join(root, name), os.path.join(absolute, name)
            if name.startswith(".") or name in SKIPPED_FOLDERS or os.path.islink(path):
                continue
            if not skipped(entry, True, settings, rules):
                kept.append(name)
                absolute_of[path], rules_of[path] = entry, rules
        dirs[:] = kept
        for name in sorted(files):
            if not is_candidate(name, settings) or skipped(
                os.path.join(absolute, name), False, settings, rules
            ):
                continue
            path = os.path.join(root, name)
            if folder == os.curdir:  # `vpclint` or `vpclint .`: show apps/wrangler.toml
                path = path[len(os.curdir + os.sep) :]
            if is_regular_file(path) and not os.path.islink(path):
                yield path


def target_for_walked(path: str, settings: Settings) -> Target | None:
    name = os.path.basename(path)
    if is_walk_config_name(name):
        return Target(path, "wrangler", syntax_for(path), settings)
    if in_payload_location(path) or settings.is_payload_path(path):
        return Target(path, "payload", "json", settings)
    if name.endswith(PAYLOAD_SUFFIXES) and name not in NOT_PAYLOADS:
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
        if data is None and kind_needs_content(path, settings):
            kind = kind_for(path, read_small(path), settings)
        else:
            kind = kind_for(path, data, settings)
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
    if kind == "payload":
        syntax = "json"
    else:  # the content is read only when the name does not say the syntax
        syntax = syntax_for(path) or guess_syntax(path, data or read_small(path))
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
    file was meant. ``exclude`` and the ignore files apply to what a folder search finds;
    with ``force_exclude`` (for pre-commit, which names every file) ``exclude`` also
    applies to the paths given (the ignore files do not: a named path is linted)."""
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
