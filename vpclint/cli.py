"""The command line: ``vpclint [OPTIONS] [PATH ...]`` (also spelled ``vpclint check``),
``vpclint rule CODE|NAME``, ``vpclint rules``, ``vpclint schema wrangler|payload``,
``vpclint server``, ``vpclint help [COMMAND]``. Heavy modules are imported only when used."""

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


class LintCommand(click.Command):
    """The lint command, whose usage line is the one people type: ``vpclint [OPTIONS] ...``
    (``vpclint check ...`` is the same command, spelled out)."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage("vpclint", "[OPTIONS] [PATH]...")


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
        if option.envvar:
            kwargs.update(envvar=option.envvar, show_envvar=True)
        if option.kind == FLAG:
            kwargs["is_flag"] = True
        elif option.kind == MULTIPLE:
            kwargs["multiple"] = True
        else:
            kwargs["default"] = option.default
        if option.choices:
            kwargs["type"] = click.Choice(option.choices)
        function = click.option(*option.flags, option.dest, **kwargs)(function)
    return function


EPILOG = """\b
Examples:
  vpclint                                  lint everything under the current folder
  vpclint apps/api/wrangler.toml           lint one file
  vpclint --kind payload payloads/*.json   VPC Service payloads, whatever their names
  vpclint --select VPC2 --fail-on warning  only the VPC2xx rules; warnings fail too
  cat wrangler.jsonc | vpclint --stdin-filename apps/api/wrangler.jsonc -

\b
Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error.

\b
Other commands:
  vpclint inventory [PATH]...   who reaches what: each Worker's VPC bindings and targets
  vpclint rule CODE|NAME     explain one rule (vpclint rule VPC203, vpclint rule remote-unset)
  vpclint rules              list every rule
  vpclint schema wrangler|payload   print a bundled JSON Schema
  vpclint server             the language server, for editors
  vpclint help [COMMAND]     this help, or a command's
  vpclint check [PATH]...    the same as vpclint [PATH]...
"""


@cli.command(
    "check",
    cls=LintCommand,
    epilog=EPILOG,
    context_settings={"show_default": True, "max_content_width": 100},
)
@click.argument("paths", nargs=-1, type=click.Path())
@lint_options
def check_command(**options) -> None:
    """Lint wrangler configs and VPC Service payloads: files, folders (searched for
    wrangler.toml|json|jsonc and payloads), or - for standard input. PATH defaults to the
    current folder."""
    if options["version"]:
        click.echo(f"vpclint {__version__}")
        return
    from vpclint.app import UsageError, run

    try:
        status = run(options)
    except UsageError as error:
        fail(error.message)
    sys.exit(status)


@cli.command("inventory")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--inventory",
    "inventory",
    multiple=True,
    metavar="FILE",
    help="A saved inventory of the account's VPC services or tunnels (repeatable).",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    help="table (default), json (the README's contract) or markdown (pull-request comments).",
)
@click.option("--config", "config_path", metavar="PATH", help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--output-file", "output_file", metavar="PATH", help="Write the report here.")
def inventory_command(**options) -> None:
    """Who reaches what: each Worker and env, its VPC bindings and what they reach."""
    from vpclint.app import UsageError, run_report

    if options["config_path"] and options["isolated"]:
        fail("--config and --isolated cannot be used together")
    try:
        status = run_report(options)
    except UsageError as error:
        fail(error.message)
    sys.exit(status)


@cli.command("rule")
@click.argument("code", metavar="CODE|NAME")
@click.option(
    "--format", "--output-format", "format_name", type=click.Choice(["text", "json"]),
    default="text", show_default=True,
)  # fmt: skip
def rule_command(code: str, format_name: str) -> None:
    """Explain one rule, named by its code (VPC203) or its name (remote-unset)."""
    from vpclint import ruledocs
    from vpclint.rules.registry import RULES, codes_named

    codes = codes_named(code)
    if not codes:
        fail(f"unknown rule {code!r}; `vpclint rules` lists them")
    if len(codes) > 1:
        which = " and ".join(f"{c} ({', '.join(RULES[c].kinds)})" for c in codes)
        fail(f"{code!r} is the name of {which}: name one of them by its code")
    click.echo(ruledocs.explain(codes[0], format_name), nl=False)


@cli.command("rules")
@click.option(
    "--format", "--output-format", "format_name", type=click.Choice(["text", "json"]),
    default="text", show_default=True,
)  # fmt: skip
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


@cli.command("help")
@click.argument("command", required=False)
@click.pass_context
def help_command(ctx, command: str | None) -> None:
    """Show the help of vpclint, or of one command (vpclint help rule)."""
    group = ctx.parent.command
    name = command or "check"
    chosen = group.get_command(ctx, name)
    if chosen is None:
        fail(f"no command {command!r}; the commands are {', '.join(sorted(group.commands))}")
    info_name = "vpclint" if name == "check" else f"vpclint {name}"
    with click.Context(chosen, info_name=info_name, parent=None) as sub:
        click.echo(chosen.get_help(sub))


def main(argv: list[str] | None = None) -> None:
    from vpclint.entry import main as entry_main

    entry_main(argv)
