"""Output formats. Each module renders a RunResult; none of them decides anything."""

FORMATS = ("full", "concise", "json", "sarif", "github")


def render(format_name: str, result, *, color: bool = False) -> str:
    if format_name == "full":
        from vpclint.report import full as module
    elif format_name == "json":
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
