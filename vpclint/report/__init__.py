"""Output formats. Each module renders a RunResult; none of them decides anything."""

FORMATS = ("full", "concise", "json", "sarif", "github")


def render(format_name: str, result, *, color: bool = False, summary: bool = True) -> str:
    """The report in ``format_name``; ``summary=False`` (``--quiet``) leaves out the full
    format's summary line, the only line of any format that is not a finding."""
    if format_name == "full":
        from vpclint.report import full

        return full.render(result, color=color, summary=summary)
    if format_name == "json":
        from vpclint.report import jsonout as module
    elif format_name == "concise":
        from vpclint.report import concise as module
    elif format_name == "sarif":
        from vpclint.report import sarif as module
    elif format_name == "github":
        from vpclint.report import github as module
    else:
        raise ValueError(f"unknown format {format_name!r}")
    return module.render(result, color=color)
