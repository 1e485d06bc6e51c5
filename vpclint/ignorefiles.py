"""The ignore files a folder search respects (unless ``respect-gitignore = false`` or
``--no-respect-gitignore``): ``.gitignore`` and ``.ignore`` in each folder, and the
repository's ``.git/info/exclude``.

Inside a git repository, the files of every folder from the repository's root down
apply; outside one, those of the searched folder and below (a ``.gitignore`` counts
even without a repository, so an exported tree is searched as its checkout would be).
A folder holding ``.git`` below the searched one is a repository of its own: the
``.gitignore`` files above it stop applying, as in git. Precedence, as in ripgrep and
ruff: ``.ignore`` files win over ``.gitignore`` files, which win over ``info/exclude``;
a deeper file wins over a shallower one. The user's global git excludes file
(``core.excludesFile``) is not read, so a run gives the same files on every machine.
"""

from __future__ import annotations

import os

from vpclint.patterns import Patterns

GIT, GITIGNORE, IGNORE = ".git", ".gitignore", ".ignore"
NAMES = (GIT, GITIGNORE, IGNORE)
# Each file and folder a search meets is checked against every pattern that applies, so
# the patterns of one ignore file are bounded (real ones have tens to hundreds).
MAX_PATTERNS = 5000


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` (absolute) holding ``.git``, or None."""
    while True:
        if os.path.lexists(os.path.join(folder, GIT)):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def read_text(path: str) -> str | None:
    from vpclint.runner import read_bytes

    data = read_bytes(path)  # only a regular file, within the size limit
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else None


def git_common_dir(root: str) -> str | None:
    """The repository's git folder: ``.git``, or for a worktree (``.git`` is a file
    saying ``gitdir: ...``) the main repository's folder, which holds ``info/exclude``."""
    dot_git = os.path.join(root, GIT)
    if os.path.isdir(dot_git):
        return dot_git
    text = read_text(dot_git) or ""
    if not text.startswith("gitdir:"):
        return None
    git_dir = os.path.join(root, text[len("gitdir:") :].strip())
    common = read_text(os.path.join(git_dir, "commondir"))
    return os.path.normpath(os.path.join(git_dir, common.strip()) if common else git_dir)


def patterns_in(path: str, base: str) -> Patterns | None:
    """The patterns of one ignore file (None when it has none or is not a readable
    regular file); more than MAX_PATTERNS end the run (exit 2)."""
    text = read_text(path)
    if text is None:
        return None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if len(lines) > MAX_PATTERNS:
        from vpclint.config import ConfigError, shown

        raise ConfigError(
            f"{shown(path)}: {len(lines):,} patterns, over vpclint's limit of {MAX_PATTERNS:,} "
            "for an ignore file (--no-respect-gitignore searches without the ignore files)"
        )
    return Patterns(lines, base) if lines else None


class IgnoreRules:
    """The ignore files that apply in one folder, each list from shallow to deep."""

    __slots__ = ("git_files", "ignore_files")

    def __init__(self, ignore_files: tuple = (), git_files: tuple = ()):
        self.ignore_files = ignore_files  # .ignore files
        self.git_files = git_files  # info/exclude (if any), then .gitignore files

    def entering(self, folder: str, names) -> IgnoreRules:
        """The rules inside ``folder`` (absolute), given the names of its entries."""
        git_files, ignore_files = self.git_files, self.ignore_files
        if GIT in names:  # a repository's root: its own rules only
            common = git_common_dir(folder)
            exclude = (
                patterns_in(os.path.join(common, "info", "exclude"), folder) if common else None
            )
            git_files = (exclude,) if exclude else ()
        if GITIGNORE in names:
            found = patterns_in(os.path.join(folder, GITIGNORE), folder)
            git_files = (*git_files, found) if found else git_files
        if IGNORE in names:
            found = patterns_in(os.path.join(folder, IGNORE), folder)
            ignore_files = (*ignore_files, found) if found else ignore_files
        if git_files is self.git_files and ignore_files is self.ignore_files:
            return self
        return IgnoreRules(ignore_files, git_files)

    def ignores(self, absolute: str, is_dir: bool) -> bool:
        """Whether this entry itself is ignored (its folders were checked on the way in)."""
        for group in (self.ignore_files, self.git_files):
            for patterns in reversed(group):
                relative = patterns.relative(absolute)
                decision = None if relative is None else patterns.decide(relative, is_dir)
                if decision is not None:
                    return decision
        return False


def rules_above(folder: str) -> IgnoreRules:
    """The rules that apply in ``folder`` (absolute) from the folders above it, from the
    repository's root down (none outside a repository)."""
    root = repository_root(folder)
    rules = IgnoreRules()
    if root is None or root == folder:
        return rules
    chain = []
    current = os.path.dirname(folder)
    while True:
        chain.append(current)
        if current == root:
            break
        current = os.path.dirname(current)
    for above in reversed(chain):
        names = {name for name in NAMES if os.path.lexists(os.path.join(above, name))}
        rules = rules.entering(above, names)
    return rules
