"""Path patterns with gitignore semantics: ``exclude``, ``extend-exclude``,
``per-file-ignores``, ``payload-globs`` and the ignore files (``.gitignore``, ``.ignore``,
``.git/info/exclude``).

Patterns are compiled by ``pathspec`` (git's wildmatch rules: ``*`` stops at ``/``,
``**`` crosses folders, a pattern without a slash matches a name at any depth, ``dir/``
only a folder, ``/x`` or ``a/b`` only relative to the pattern file's folder, ``!x``
re-includes). As in git, each path is judged one level at a time: a path is matched
when one of its folders is, or when the last pattern matching the path itself is not
a negation. ``pathspec`` is imported only when a pattern is used.
"""

from __future__ import annotations

import os

_COMPILED: dict[tuple[str, ...], tuple] = {}
# pathspec's group for the `/` after a folder a pattern matched: when it is not at the
# end of the path, the pattern matched one of the path's folders, not the path itself.
DIR_MARK = "ps_d"


def compile_patterns(lines) -> tuple:
    """The compiled patterns of ``lines`` (blank lines and ``#`` comments dropped), as
    (regex, include) pairs; raises ValueError for a pattern pathspec refuses."""
    key = tuple(lines)
    if key not in _COMPILED:
        from pathspec import GitIgnoreSpec

        try:
            spec = GitIgnoreSpec.from_lines(key)
        except Exception as error:  # pathspec's GitIgnorePatternError and friends
            raise ValueError(str(error)) from None
        _COMPILED[key] = tuple(
            (pattern.regex, pattern.include)
            for pattern in spec.patterns
            if pattern.include is not None and pattern.regex is not None
        )
    return _COMPILED[key]


def matched_itself(match, candidate: str) -> bool:
    """Whether a pattern's match is of the path itself rather than of one of its folders
    (pathspec 0.12 compiles ``dir`` to match ``dir/anything`` too; 1.x does not)."""
    if DIR_MARK not in match.re.groupindex:
        return True
    end = match.end(DIR_MARK)
    return end == -1 or end == len(candidate)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used, or None."""
    try:
        compiled = compile_patterns((pattern,))
    except ValueError as error:
        return f"{pattern!r} is not a valid pattern ({error})"
    if not compiled:
        return f"{pattern!r} matches no path in gitignore syntax (`#` starts a comment)"
    return None


class Patterns:
    """A list of patterns, read like one ``.gitignore`` file in the folder ``base``."""

    __slots__ = ("base", "lines")

    def __init__(self, lines, base: str):
        self.lines = tuple(lines)
        self.base = os.path.abspath(base)

    def __bool__(self) -> bool:
        return bool(self.lines)

    def relative(self, absolute: str) -> str | None:
        """``absolute`` relative to ``base`` with ``/`` separators, or None outside it."""
        base = self.base
        if absolute == base:
            return None
        prefix = base if base.endswith(os.sep) else base + os.sep
        if not absolute.startswith(prefix):
            return None
        return absolute[len(prefix) :].replace(os.sep, "/")

    def decide(self, relative: str, is_dir: bool) -> bool | None:
        """For one path (relative to ``base``) alone, not its folders: True when the last
        pattern matching it ignores it, False when that pattern is a negation, None when
        no pattern matches."""
        candidate = relative + "/" if is_dir else relative
        for regex, include in reversed(compile_patterns(self.lines)):
            match = regex.fullmatch(candidate)
            if match and matched_itself(match, candidate):
                return include
        return None

    def matches_entry(self, absolute: str, is_dir: bool) -> bool:
        """Whether this path itself is matched (a folder search has already checked its
        folders)."""
        relative = self.relative(absolute) if self.lines else None
        return relative is not None and self.decide(relative, is_dir) is True

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``path`` or one of its folders (below ``base``) is matched."""
        relative = self.relative(os.path.abspath(path)) if self.lines else None
        if relative is None:
            return False
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            if self.decide("/".join(parts[:depth]), True) is True:
                return True
        return self.decide(relative, is_dir) is True
