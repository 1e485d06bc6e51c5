"""``vpclint server``: the language server (LSP over standard input/output).

Its dependencies (pygls, lsprotocol) are the optional extra ``vpclint[server]`` and are
imported only here, never on the lint command's path.
"""

from __future__ import annotations

import sys

INSTALL_HINT = (
    "vpclint: the language server needs pygls and lsprotocol, which are not installed: "
    "install vpclint with its server extra (pip install './vpclint[server]' from a clone) "
    "or run pip install 'pygls>=2,<3' lsprotocol in the same environment\n"
)


def main() -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        sys.stderr.write(INSTALL_HINT)
        return 2
    from vpclint.server.protocol import serve

    return serve()
