"""The lint command's options, declared once.

``vpclint.cli`` builds its click options from this table, and :func:`parse` reads the
same options without importing click, so that the common case (``vpclint FILE...`` from
a pre-commit hook) starts fast. Anything :func:`parse` does not understand — ``--help``,
a subcommand, an unknown option, a bad value — returns ``None`` and click handles it,
with click's messages.
"""

from __future__ import annotations

from vpclint.report import FORMATS

FLAG, VALUE, MULTIPLE = "flag", "value", "multiple"


class Option:
    """One option: its flag (and other spellings), where its value goes, its kind, help,
    choices, default, and the environment variable read when it is not given."""

    __slots__ = (
        "aliases",
        "choices",
        "default",
        "dest",
        "envvar",
        "flag",
        "help",
        "kind",
        "metavar",
    )

    def __init__(
        self,
        flag,
        dest,
        kind,
        help,
        choices=None,
        default=None,
        metavar=None,
        aliases=(),
        envvar=None,
    ):
        self.flag = flag
        self.dest = dest
        self.kind = kind
        self.help = help
        self.choices = choices
        self.default = default
        self.metavar = metavar
        self.aliases = tuple(aliases)
        self.envvar = envvar

    @property
    def flags(self) -> tuple[str, ...]:
        return (self.flag, *self.aliases)


OPTIONS = (
    Option(
        "--output-format",
        "format_name",
        VALUE,
        "Output format [default: full; github when GITHUB_ACTIONS=true].",
        choices=FORMATS,
        aliases=("--format",),
        envvar="VPCLINT_OUTPUT_FORMAT",
    ),
    Option("--kind", "kind", VALUE, "Treat files as this kind.", choices=("wrangler", "payload")),
    Option(
        "--select",
        "select",
        MULTIPLE,
        "Run only these rules: codes or prefixes, comma-separated (replaces the config's).",
        metavar="CODES",
    ),
    Option(
        "--extend-select", "extend_select", MULTIPLE, "Run these rules as well.", metavar="CODES"
    ),
    Option("--ignore", "ignore", MULTIPLE, "Do not run these rules.", metavar="CODES"),
    Option(
        "--fail-on",
        "fail_on",
        VALUE,
        "Exit 1 when a finding is at or above this severity [default: error].",
        choices=("error", "warning", "info"),
    ),
    Option("--exit-zero", "exit_zero", FLAG, "Exit 0 even when there are findings."),
    Option(
        "--config",
        "config_path",
        VALUE,
        "Use this configuration file for every path instead of the nearest one.",
        metavar="PATH",
    ),
    Option("--isolated", "isolated", FLAG, "Ignore every configuration file."),
    Option(
        "--stdin-filename",
        "stdin_filename",
        VALUE,
        "With -: the name of the file read from stdin (picks its kind; shown in output).",
        metavar="NAME",
    ),
    Option(
        "--force-exclude",
        "force_exclude",
        FLAG,
        "Apply the config's exclude to paths named on the command line too (pre-commit).",
    ),
    Option(
        "--extend-exclude",
        "extend_exclude",
        MULTIPLE,
        "Also skip what these gitignore-style patterns match (comma-separated, repeatable; "
        "relative to the working folder).",
        metavar="PATTERNS",
    ),
    Option(
        "--no-respect-gitignore",
        "no_respect_gitignore",
        FLAG,
        "Search folders without skipping what .gitignore, .ignore and .git/info/exclude ignore.",
    ),
    Option(
        "--fix",
        "fix",
        FLAG,
        "Apply safe fixes in place (with -: print the fixed text), then report what remains.",
    ),
    Option(
        "--unsafe-fixes",
        "unsafe_fixes",
        FLAG,
        "With --fix or --diff: apply unsafe fixes too (they change behaviour or guess intent).",
    ),
    Option(
        "--diff",
        "diff",
        FLAG,
        "Print the unified diff that --fix would apply and change nothing (exit 1 if any).",
    ),
    Option(
        "--inventory",
        "inventory",
        MULTIPLE,
        "Check bindings against this saved inventory of the account's VPC services or "
        "tunnels (repeatable; replaces the config's `inventory`).",
        metavar="FILE",
    ),
    Option(
        "--output-file",
        "output_file",
        VALUE,
        "Write the report to this file instead of standard output.",
        metavar="PATH",
    ),
    Option(
        "--color",
        "color",
        VALUE,
        "Colour the full format: auto (on a terminal, unless NO_COLOR), always, never.",
        choices=("auto", "always", "never"),
        default="auto",
    ),
    Option(
        "--statistics",
        "statistics",
        FLAG,
        "Print how many findings each rule has, instead of the findings (json: a list).",
    ),
    Option(
        "--show-files",
        "show_files",
        FLAG,
        "Print the files that would be linted, with their kind and config file; lint nothing.",
    ),
    Option(
        "--show-settings",
        "show_settings",
        FLAG,
        "Print the settings resolved for each path (rules, severities, globs); lint nothing.",
    ),
    Option(
        "--quiet",
        "quiet",
        FLAG,
        "Print the findings only: no summary line, no notes.",
        aliases=("-q",),
    ),
    Option(
        "--verbose",
        "verbose",
        FLAG,
        "Also say on stderr which files are linted, as what, with which config file.",
        aliases=("-v",),
    ),
    Option(
        "--jobs",
        "jobs",
        VALUE,
        "Lint in N worker processes (for many files; same output). Default: `jobs` in the "
        "config file, else 1.",
        metavar="N",
        aliases=("-j",),
    ),
    Option("--version", "version", FLAG, "Print the version and exit."),
    Option("--debug", "debug", FLAG, "Show a traceback for an internal fault."),
)
BY_FLAG = {flag: option for option in OPTIONS for flag in option.flags}


def defaults() -> dict:
    values = {"paths": []}
    for option in OPTIONS:
        if option.kind == FLAG:
            values[option.dest] = False
        elif option.kind == MULTIPLE:
            values[option.dest] = []
        else:
            values[option.dest] = option.default
    return values


def from_environment(values: dict, given: set[str]) -> dict | None:
    """Options not given on the command line taken from their environment variables, as
    click does; None when a variable's value is not a valid choice (click says why)."""
    import os

    for option in OPTIONS:
        if option.envvar is None or option.dest in given:
            continue
        value = os.environ.get(option.envvar)
        if not value:
            continue
        if option.choices is not None and value not in option.choices:
            return None
        values[option.dest] = value
    return values


def parse(args: list[str], subcommands) -> dict | None:
    """The lint command's option values, or None when click should read ``args``."""
    if args and args[0] in subcommands:
        return None
    values = defaults()
    given: set[str] = set()
    index = 0
    only_paths = False
    while index < len(args):
        arg = args[index]
        index += 1
        if only_paths or arg == "-" or not arg.startswith("-"):
            values["paths"].append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        flag, equals, inline = arg.partition("=")
        option = BY_FLAG.get(flag)
        if option is None:
            return None
        given.add(option.dest)
        if option.kind == FLAG:
            if equals:
                return None
            values[option.dest] = True
            continue
        if equals:
            value = inline
        elif index < len(args):
            value = args[index]
            index += 1
        else:
            return None
        if option.choices is not None and value not in option.choices:
            return None
        if option.kind == MULTIPLE:
            values[option.dest].append(value)
        else:
            values[option.dest] = value
    return from_environment(values, given)
