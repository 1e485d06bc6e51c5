"""The ``vpclint`` executable.

The common call (``vpclint [options] FILE...``) is read by :func:`vpclint.options.parse`
and run without importing click, which costs more than linting a file. Everything else
(``--help``, subcommands, mistakes on the command line) goes to the click CLI in
:mod:`vpclint.cli`. Any unexpected exception becomes a one-line message and exit 2 (a
traceback only with ``--debug``).
"""

from __future__ import annotations

import sys

from vpclint import __version__

SUBCOMMANDS = frozenset({"check", "inventory", "rule", "rules", "schema", "server", "help"})


def run_fast(options: dict) -> int:
    from vpclint.app import EXIT_USAGE, UsageError, run, write

    if options["version"]:
        write(f"vpclint {__version__}\n")
        return 0
    try:
        return run(options)
    except UsageError as error:
        write(f"vpclint: {error.message}\n", sys.stderr)
        return EXIT_USAGE


def report_to() -> str:
    """Where to report a bug: the published issue tracker, else the maintainers."""
    from vpclint import project_url

    where = project_url("Issues")
    return f"at {where}" if where else "to vpclint's maintainers"


def report_fault(error: Exception) -> None:
    from vpclint.app import write
    from vpclint.report.escape import escape_text

    detail = escape_text(f"{type(error).__name__}: {error}")[:300]
    write(
        f"vpclint: internal error ({detail}); this is a bug in vpclint {__version__}: "
        f"please report it {report_to()} with the file that caused it "
        "(rerun with --debug for a traceback)\n",
        sys.stderr,
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        from vpclint.options import parse

        options = parse(args, SUBCOMMANDS)
        if options is not None:
            sys.exit(run_fast(options))
        from vpclint.cli import cli

        cli.main(args=args, prog_name="vpclint")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # an internal fault: vpclint's bug, not the user's
        if "--debug" in args:
            raise
        report_fault(error)
        sys.exit(2)


def console() -> None:
    """The installed ``vpclint`` executable: :func:`main`, then, once the output is
    flushed, end the process at once instead of tearing the interpreter down (freeing every
    object costs more than linting a small file). The language server, the Python API and
    ``python -m vpclint`` end normally."""
    import os

    try:
        main()
        status = 0
    except SystemExit as ended:
        if not isinstance(ended.code, int | None) or "server" in sys.argv[1:2]:
            raise
        status = ended.code or 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let the interpreter say so as usual
        sys.exit(status)
    os._exit(status)
