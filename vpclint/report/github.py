"""``--format github``: GitHub Actions workflow commands, one line per finding::

    ::error file=wrangler.toml,line=3,col=14,endLine=3,endColumn=17,title=VPC206::message

``error``/``warning``/``notice`` follow the severity. Columns count code points, as in
every other format; ``endColumn`` is exclusive. File content can never forge a command:
control characters (line breaks included) are first written as visible escapes, then
``%``, CR and LF are percent-encoded in the message, and ``%``, CR, LF, ``:`` and ``,``
in property values (the runner's own escaping rules), so every finding is exactly one
line and a property value cannot end early.
"""

from __future__ import annotations

from vpclint.report.escape import escape_text

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic) -> str:
    properties = {
        "file": diagnostic.path,
        "line": diagnostic.start.line,
        "col": diagnostic.start.column,
        "endLine": diagnostic.end.line,
        "endColumn": diagnostic.end.column,
        "title": diagnostic.code,
    }
    written = ",".join(
        f"{name}={escape_property(escape_text(str(value)))}" for name, value in properties.items()
    )
    message = escape_data(escape_text(diagnostic.message))
    return f"::{COMMANDS[diagnostic.severity]} {written}::{message}"


def render(result, *, color: bool = False) -> str:
    return "".join(annotation(diagnostic) + "\n" for diagnostic in result.diagnostics)
