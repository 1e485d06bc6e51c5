"""The command line: ``vpclint [OPTIONS] [PATH ...]``, ``vpclint rule CODE``, ``vpclint rules``,
``vpclint schema wrangler|payload``. Heavy modules are imported only when used."""

from __future__ import annotations

import os
import sys

import click

from vpclint import __version__

SUBCOMMANDS = ("rule", "rules", "schema", "check")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintGroup(click.Group):
    """``vpclint PATH...`` lints; a first word naming a subcommand runs that instead."""

    def parse_args(self, ctx, args):
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=LintGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Lint Cloudflare Workers VPC configuration."""


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def fail(message: str) -> None:
    click.echo(f"vpclint: {message}", err=True)
    sys.exit(EXIT_USAGE)


@cli.command(
    "check",
    epilog="Other commands: `vpclint rule CODE`, `vpclint rules`, `vpclint schema wrangler|payload`.",
)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["full", "concise", "json", "sarif", "github"]),
    help="Output format (default: full; github when GITHUB_ACTIONS=true).",
)
@click.option(
    "--kind", type=click.Choice(["wrangler", "payload"]), help="Treat files as this kind."
)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
@click.option("--version", is_flag=True, help="Print the version and exit.")
@click.option("--debug", is_flag=True, help="Show a traceback for an internal fault.")
def check_command(paths, format_name, kind, color, version, debug) -> None:
    """Lint wrangler configs and VPC Service payloads (files, folders, or - for stdin)."""
    if version:
        click.echo(f"vpclint {__version__}")
        return
    from vpclint.discover import targets_for_paths
    from vpclint.report import render
    from vpclint.runner import lint
    from vpclint.settings import DEFAULT_SETTINGS

    settings = DEFAULT_SETTINGS
    targets, errors = targets_for_paths(list(paths) or ["."], settings, kind_override=kind)
    for error in errors:
        fail(error)
    result = lint(targets)
    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    click.echo(render(format_name, result, color=use_color(color)), nl=False)
    failing = any(settings.fails(d.severity) for d in result.diagnostics)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@cli.command("rule")
@click.argument("code")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text")
def rule_command(code: str, format_name: str) -> None:
    """Explain one rule."""
    from vpclint import ruledocs

    text = ruledocs.explain(code.upper(), format_name)
    if text is None:
        fail(f"unknown rule {code!r}; `vpclint rules` lists them")
    click.echo(text, nl=False)


@cli.command("rules")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text")
def rules_command(format_name: str) -> None:
    """List every rule."""
    from vpclint import ruledocs

    click.echo(ruledocs.listing(format_name), nl=False)


@cli.command("schema")
@click.argument("kind", type=click.Choice(["wrangler", "payload"]))
def schema_command(kind: str) -> None:
    """Print a bundled JSON Schema."""
    from vpclint.schemas import schema_text

    click.echo(schema_text(kind), nl=False)


def main(argv: list[str] | None = None) -> None:
    """Entry point: an unexpected exception is a one-line message and exit 2 (a traceback
    only with --debug), never a raw traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        cli.main(args=args, prog_name="vpclint")
    except SystemExit:
        raise
    except Exception as error:  # an internal fault: vpclint's bug, not the user's
        if "--debug" in args:
            raise
        from vpclint.report.escape import escape_text

        detail = escape_text(f"{type(error).__name__}: {error}")[:300]
        click.echo(
            f"vpclint: internal error ({detail}); please report it at "
            "https://github.com/vpclint/vpclint/issues with the file that caused it "
            "(rerun with --debug for a traceback)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
