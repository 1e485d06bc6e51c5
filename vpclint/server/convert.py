"""vpclint's findings, edits and configuration problems as LSP objects."""

from __future__ import annotations

from lsprotocol import types

from vpclint.server.positions import LineMap

SOURCE = "vpclint"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(lines: LineMap, start, end) -> types.Range:
    start_line, start_character = lines.lsp(start)
    end_line, end_character = lines.lsp(end)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def lsp_diagnostic(diagnostic, uri: str, lines: LineMap) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lsp_range(lines, r.start, r.end)),
            message=r.message,
        )
        for r in diagnostic.related
    ]
    return types.Diagnostic(
        range=lsp_range(lines, diagnostic.start, diagnostic.end),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        related_information=related or None,
    )


def config_diagnostic(problem, lines: LineMap | None) -> types.Diagnostic:
    """The one diagnostic of an invalid configuration file (no rule code: it is not a
    finding of a rule, it is why the file's settings are not used)."""
    if problem.span is None or lines is None:
        where = types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        )
    else:
        where = lsp_range(lines, *problem.span)
    return types.Diagnostic(
        range=where,
        message=f"invalid vpclint configuration: {problem.message} "
        "(files it applies to are linted with the default settings until this is fixed)",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def workspace_edit(uri: str, lines: LineMap, edits) -> types.WorkspaceEdit:
    """Edits (:class:`Edit`, or a fix's edits of the same shape) on one document."""
    return types.WorkspaceEdit(
        changes={
            uri: [
                types.TextEdit(range=lsp_range(lines, edit.start, edit.end), new_text=edit.content)
                for edit in edits
            ]
        }
    )
