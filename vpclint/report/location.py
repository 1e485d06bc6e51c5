"""Where the repository is, for the formats that CI services read (``github``, ``sarif``):
they want paths relative to the repository root, whatever folder vpclint ran in.

The root is ``GITHUB_WORKSPACE`` when the working folder is inside it, else the nearest
folder above the working folder that holds ``.git`` (a folder, or a file in a worktree or
submodule); nothing is executed to find it. Without a root, paths stay as given."""

from __future__ import annotations

import os

STDIN = "-"


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def repository_root(cwd: str | None = None) -> str | None:
    cwd = os.path.abspath(cwd or os.getcwd())
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and os.path.isdir(workspace):
        workspace = os.path.abspath(workspace)
        if inside(cwd, workspace):
            return workspace
    folder = cwd
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def relative_to(path: str, root: str | None) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, or None when it is outside
    ``root`` (or is standard input, or there is no root)."""
    if root is None or path == STDIN:
        return None
    absolute = os.path.abspath(path)
    if not inside(absolute, root):
        return None
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def from_root(path: str, root: str | None) -> str:
    """``path`` as CI shows it: relative to the repository root when inside it, else as given."""
    return relative_to(path, root) or path
