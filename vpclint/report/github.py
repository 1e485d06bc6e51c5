"""``--format github``: GitHub Actions workflow commands, one line per finding::

    ::error file=apps/api/wrangler.toml,line=3,col=14,endLine=3,endColumn=17,title=VPC206::apps/api/wrangler.toml:3:14: VPC206 message

``error``/``warning``/``notice`` follow the severity. The message starts with
``path:line:col: CODE`` so that the raw log says where each finding is, and paths are
relative to the repository root (see :mod:`vpclint.report.location`), which is what the
runner needs to attach an annotation to the file, even when vpclint ran in a subfolder.
Columns count code points, as in every other format; ``endColumn`` is exclusive.

File content can never forge a command: control characters (line breaks included) are
first written as visible escapes, then ``%``, CR and LF are percent-encoded in the
message, and ``%``, CR, LF, ``:`` and ``,`` in property values (the runner's own escaping
rules), so every finding is exactly one line and a property value cannot end early.
"""

from __future__ import annotations

from vpclint.report.escape import escape_text
from vpclint.report.location import from_root, repository_root

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic, path: str) -> str:
    start, end = diagnostic.start, diagnostic.end
    properties = {
        "file": path,
        "line": start.line,
        "col": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "title": diagnostic.code,
    }
    written = ",".join(
        f"{name}={escape_property(escape_text(str(value)))}" for name, value in properties.items()
    )
    where = f"{path}:{start.line}:{start.column}: {diagnostic.code} "
    message = escape_data(escape_text(where + diagnostic.message))
    return f"::{COMMANDS[diagnostic.severity]} {written}::{message}"


def render(result, *, color: bool = False) -> str:
    root = repository_root()
    return "".join(
        annotation(diagnostic, from_root(diagnostic.path, root)) + "\n"
        for diagnostic in result.diagnostics
    )
