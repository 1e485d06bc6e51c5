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


def split_codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Codes or prefixes from a repeatable, comma-separated option; unknown ones are fatal."""
    from vpclint.settings import known_selector

    codes = tuple(part.strip().upper() for value in values for part in value.split(","))
    codes = tuple(code for code in codes if code)
    for code in codes:
        if not known_selector(code):
            fail(f"{option}: {code!r} is not a rule code or prefix (`vpclint rules` lists them)")
    return codes


def read_stdin() -> bytes:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
    data = stream.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def write_output(text: str, output_file: str | None, color: bool) -> None:
    if output_file is None:
        click.echo(text, nl=False, color=color)
        return
    try:
        with open(output_file, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        fail(f"--output-file {output_file}: cannot write: {error.strerror or error}")


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
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes or prefixes, comma-separated (replaces the config's).",
)
@click.option("--extend-select", multiple=True, metavar="CODES", help="Run these rules as well.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Exit 1 when a finding is at or above this severity (default: error).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Use this configuration file for every path instead of the nearest one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="With -: the name of the file read from stdin (picks its kind; shown in output).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the config's exclude to paths named on the command line too (pre-commit).",
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
@click.option("--version", is_flag=True, help="Print the version and exit.")
@click.option("--debug", is_flag=True, help="Show a traceback for an internal fault.")
def check_command(
    paths,
    format_name,
    kind,
    select,
    extend_select,
    ignore,
    fail_on,
    exit_zero,
    config_path,
    isolated,
    stdin_filename,
    force_exclude,
    output_file,
    color,
    version,
    debug,
) -> None:
    """Lint wrangler configs and VPC Service payloads (files, folders, or - for stdin)."""
    if version:
        click.echo(f"vpclint {__version__}")
        return
    from vpclint.report import render
    from vpclint.runner import lint

    if config_path and isolated:
        fail("--config and --isolated cannot be used together")
    paths = list(paths)
    if stdin_filename and not paths:
        paths = ["-"]
    if stdin_filename and "-" not in paths:
        fail("--stdin-filename names standard input: pass - among the paths")
    settings_for = settings_resolver(config_path, isolated, select, extend_select, ignore, fail_on)
    targets = collect_targets(paths, settings_for, kind, stdin_filename, force_exclude)
    result = lint(targets)
    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    colored = use_color(color) and output_file is None
    write_output(render(format_name, result, color=colored), output_file, colored)
    sys.exit(EXIT_FINDINGS if fails(result) and not exit_zero else EXIT_CLEAN)


def settings_resolver(config_path, isolated, select, extend_select, ignore, fail_on):
    """Settings per linted path: nearest config file, then the command line's options."""
    from dataclasses import replace

    from vpclint.config import SettingsResolver

    cli_select = split_codes(select, "--select") if select else None
    cli_extend = split_codes(extend_select, "--extend-select")
    cli_ignore = split_codes(ignore, "--ignore")

    def overrides(settings):
        settings = settings.with_selection(cli_select, cli_extend, cli_ignore)
        return replace(settings, fail_on=fail_on) if fail_on else settings

    return SettingsResolver(config_path, isolated, overrides)


def collect_targets(paths, settings_for, kind, stdin_filename, force_exclude):
    """The files to lint; a bad config or a named file of neither kind ends the run (2)."""
    from vpclint.config import ConfigError
    from vpclint.discover import target_for_stdin, targets_for_paths

    try:
        files = [path for path in paths if path != "-"] or ([] if paths else ["."])
        targets, errors = targets_for_paths(
            files, settings_for=settings_for, kind_override=kind, force_exclude=force_exclude
        )
        if "-" in paths:
            settings = settings_for(stdin_filename or os.path.join(".", "-"))
            if not (force_exclude and stdin_filename and settings.is_excluded(stdin_filename)):
                target = target_for_stdin(read_stdin(), stdin_filename, settings, kind)
                if isinstance(target, str):
                    errors.append(target)
                else:
                    targets.append(target)
    except ConfigError as error:
        fail(error.message)
    for error in errors:
        click.echo(f"vpclint: {error}", err=True)
    if errors:
        sys.exit(EXIT_USAGE)
    return targets


def fails(result) -> bool:
    """Whether a finding is at or above its file's failure threshold (``fail-on``)."""
    return any(
        file.target.settings.fails(diagnostic.severity)
        for file in result.files
        for diagnostic in file.diagnostics
    )


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
