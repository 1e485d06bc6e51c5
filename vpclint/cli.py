"""The command line: ``vpclint [OPTIONS] [PATH ...]``, ``vpclint rule CODE``, ``vpclint rules``,
``vpclint schema wrangler|payload``. Heavy modules are imported only when used."""

from __future__ import annotations

import sys

import click

from vpclint import __version__
from vpclint.app import EXIT_USAGE
from vpclint.options import FLAG, MULTIPLE, OPTIONS


class LintGroup(click.Group):
    """``vpclint PATH...`` lints; a first word naming a subcommand runs that instead."""

    def parse_args(self, ctx, args):
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=LintGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Lint Cloudflare Workers VPC configuration."""


def fail(message: str) -> None:
    click.echo(f"vpclint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def lint_options(function):
    """Attach the lint command's options, declared once in :mod:`vpclint.options`."""
    for option in reversed(OPTIONS):
        kwargs = {"help": option.help, "metavar": option.metavar}
        if option.kind == FLAG:
            kwargs["is_flag"] = True
        elif option.kind == MULTIPLE:
            kwargs["multiple"] = True
        else:
            kwargs["default"] = option.default
        if option.choices:
            kwargs["type"] = click.Choice(option.choices)
        function = click.option(option.flag, option.dest, **kwargs)(function)
    return function


@cli.command(
    "check",
    epilog="Other commands: `vpclint rule CODE`, `vpclint rules`, `vpclint schema wrangler|payload`, "
    "`vpclint server`.",
)
@click.argument("paths", nargs=-1, type=click.Path())
@lint_options
def check_command(**options) -> None:
    """Lint wrangler configs and VPC Service payloads (files, folders, or - for stdin)."""
    if options["version"]:
        click.echo(f"vpclint {__version__}")
        return
    from vpclint.app import UsageError, run

    try:
        status = run(options)
    except UsageError as error:
        fail(error.message)
    sys.exit(status)


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


@cli.command("server")
def server_command() -> None:
    """Run the language server (LSP over standard input/output) for editors."""
    from vpclint.server import main as serve

    sys.exit(serve())


def main(argv: list[str] | None = None) -> None:
    from vpclint.entry import main as entry_main

    entry_main(argv)
