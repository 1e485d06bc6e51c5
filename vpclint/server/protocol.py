"""The language server: LSP over standard input/output with pygls.

Documents are synchronised whole (``TextDocumentSyncKind.Full``): a config file is small,
and vpclint's own line table (``\\n``, ``\\r\\n``, lone ``\\r``, as LSP defines lines)
then maps every position, never pygls's ``str.splitlines``, which also splits at form
feeds and U+2028.
"""

from __future__ import annotations

import asyncio
import os
import traceback

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from vpclint import __version__
from vpclint.entry import report_to
from vpclint.server import actions
from vpclint.server.convert import config_diagnostic, lsp_diagnostic, lsp_range, workspace_edit
from vpclint.server.hover import hover_markdown
from vpclint.server.positions import LineMap, editor_source
from vpclint.server.session import CONFIG_NAMES, OpenDocument, Session

DEBOUNCE_SECONDS = 0.25  # a pause in typing before the unsaved text is linted
WATCHED = ("**/.vpclint.toml", "**/vpclint.toml", "**/pyproject.toml", "**/*.json")


def report() -> str:
    return f"this is a bug in vpclint {__version__}: please report it {report_to()} with the file"


class VpclintServer(LanguageServer):
    def __init__(self):
        super().__init__(
            "vpclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.session = Session()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, list] = {}  # uri -> the diagnostics last sent
        self.config_uris: set[str] = set()  # configuration files with a diagnostic
        self.shown_problems: set[tuple] = set()
        self.encoding = "utf-16"
        self.disabled_actions = False  # whether the client shows a disabled code action

    # ------------------------------------------------------------ reporting

    def log(self, message: str, level=types.MessageType.Error) -> None:
        self.window_log_message(types.LogMessageParams(type=level, message=message))

    def report_server_error(self, error, source) -> None:
        """A fault in a handler is logged to the client; the server goes on."""
        self.log(f"vpclint: internal error ({type(error).__name__}: {error}); {report()}")

    def lines_for(self, outcome) -> LineMap:
        result = outcome.result
        parsed_source, has_bom = editor_source(outcome.text)
        source = result.source if result is not None and result.source else parsed_source
        return LineMap(source, has_bom, self.encoding)

    def publish(self, uri: str, diagnostics: list, version: int | None, force: bool) -> None:
        if not force and self.published.get(uri, []) == diagnostics:
            return
        self.published[uri] = diagnostics
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # ------------------------------------------------------------ lint passes

    def run_pass(self, dirty: set[str], settings_changed: bool = False) -> None:
        """Lint, then publish what changed (always for the ``dirty`` documents)."""
        for uri in dirty:
            handle = self.pending.pop(uri, None)
            if handle is not None:
                handle.cancel()
        try:
            if settings_changed:
                self.session.settings_changed()
                dirty = dirty | set(self.session.documents)
            outcomes = self.session.lint_pass(dirty)
        except Exception:
            self.log(f"vpclint: internal error; {report()}:\n{traceback.format_exc()}")
            return
        if self.session.walk_note:
            self.log(self.session.walk_note, types.MessageType.Warning)
            self.session.walk_note = None
        for display, trace in self.session.faults:
            self.log(f"vpclint: internal error while linting {display}; {report()}:\n{trace}")
        for uri, outcome in outcomes.items():
            if self.session.is_config(uri):
                continue  # its one diagnostic, if any, comes from publish_config_problems
            document = self.session.documents[uri]
            diagnostics = self.diagnostics_of(uri, outcome)
            force = uri in dirty and outcome.result is not None
            self.publish(uri, diagnostics, document.version, force)
        self.publish_config_problems()

    def diagnostics_of(self, uri: str, outcome) -> list:
        if outcome.result is None:
            return []
        lines = self.lines_for(outcome)
        return [lsp_diagnostic(d, uri, lines) for d in outcome.result.diagnostics]

    def publish_config_problems(self) -> None:
        problems = self.session.config_problems
        shown_now = set()
        uris = set()
        for problem in problems.values():
            shown_now.add(problem.key())
            if problem.key() not in self.shown_problems:
                self.window_show_message(
                    types.ShowMessageParams(
                        type=types.MessageType.Error,
                        message=f"vpclint: invalid configuration: {problem.where()}; "
                        "the files it applies to are linted with the default settings until "
                        "it is fixed",
                    )
                )
            if not problem.path:
                continue
            uris.add(problem.uri)
            self.publish(
                problem.uri,
                [config_diagnostic(problem, self.config_lines(problem))],
                None,
                force=False,
            )
        for uri in self.config_uris - uris:
            self.publish(uri, [], None, force=False)
        self.config_uris = uris
        self.shown_problems = shown_now

    def config_lines(self, problem) -> LineMap | None:
        data = self.session.unsaved(problem.path)
        if data is None:
            from vpclint.discover import read_small

            data = read_small(problem.path)
        if data is None:
            return None
        source, has_bom = editor_source(data.decode("utf-8", "replace"))
        return LineMap(source, has_bom, self.encoding)

    def schedule(self, uri: str, settings_changed: bool = False) -> None:
        """Lint after a pause in typing (one pass for a burst of changes)."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(
            DEBOUNCE_SECONDS, self.run_pass, {uri}, settings_changed
        )

    def fresh_outcome(self, uri: str):
        """The document's outcome for its current text (linting it now if it is stale)."""
        document = self.session.documents.get(uri)
        if document is None:
            return None
        outcome = self.session.outcomes.get(uri)
        if outcome is None or outcome.text != document.text:
            self.run_pass({uri})
            outcome = self.session.outcomes.get(uri)
        return outcome


server = VpclintServer()


def folders_of(params: types.InitializeParams) -> list[str]:
    uris = [folder.uri for folder in params.workspace_folders or []]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    paths = [to_fs_path(uri) for uri in uris if uri.startswith("file:")]
    if not uris and params.root_path:
        paths = [params.root_path]
    return [os.path.abspath(path) for path in paths if path]


@server.feature(types.INITIALIZE)
def initialize(ls: VpclintServer, params: types.InitializeParams) -> None:
    ls.session.folders = folders_of(params)
    ls.encoding = str(ls.workspace.position_encoding or "utf-16")
    code_action = (
        params.capabilities.text_document and params.capabilities.text_document.code_action
    )
    ls.disabled_actions = bool(code_action and code_action.disabled_support)


@server.feature(types.INITIALIZED)
def initialized(ls: VpclintServer, params: types.InitializedParams) -> None:
    workspace = ls.client_capabilities.workspace
    watched = workspace and workspace.did_change_watched_files
    if not (watched and watched.dynamic_registration):
        return  # settings are then read again when an open config file changes or is saved
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
    )
    ls.client_register_capability(
        types.RegistrationParams(
            registrations=[
                types.Registration(
                    id="vpclint-watched-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=options,
                )
            ]
        )
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: VpclintServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    ls.session.documents[item.uri] = OpenDocument(
        item.uri, item.text, item.version, item.language_id
    )
    ls.run_pass({item.uri}, settings_changed=ls.session.is_config(item.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: VpclintServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.session.documents.get(params.text_document.uri)
    if document is None:
        return
    for change in params.content_changes:  # whole-document sync: the last one is the text
        document.text = change.text
    document.version = params.text_document.version
    ls.schedule(document.uri, settings_changed=ls.session.is_config(document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: VpclintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.session.files_changed()  # the saved file may be a payload of the workspace
    if uri in ls.session.documents:
        ls.run_pass({uri}, settings_changed=ls.session.is_config(uri))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: VpclintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    handle = ls.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    if ls.session.documents.pop(uri, None) is None:
        return
    ls.session.files_changed()
    ls.run_pass({uri}, settings_changed=ls.session.is_config(uri))  # its duplicates, if any
    ls.session.outcomes.pop(uri, None)
    ls.published.pop(uri, None)
    ls.publish(uri, [], None, force=True)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: VpclintServer, params: types.DidChangeWatchedFilesParams):
    names = {os.path.basename(to_fs_path(change.uri) or "") for change in params.changes}
    if names & set(CONFIG_NAMES):
        ls.run_pass(set(), settings_changed=True)
        return
    ls.session.files_changed()
    payloads = {uri for uri, o in ls.session.outcomes.items() if o.kind == "payload"}
    if payloads:
        ls.run_pass(payloads)


def findings_at(ls: VpclintServer, uri: str, where: types.Range):
    """The document's outcome for its current text, its line map, and the findings whose
    range touches ``where``; None when the document is not linted."""
    outcome = ls.fresh_outcome(uri)
    if outcome is None or outcome.result is None:
        return None
    lines = ls.lines_for(outcome)
    found = [
        diagnostic
        for diagnostic in outcome.result.diagnostics
        if overlaps(lsp_range(lines, diagnostic.start, diagnostic.end), where)
    ]
    return outcome, lines, found


def overlaps(first: types.Range, second: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(first.start) <= key(second.end) and key(second.start) <= key(first.end)


FIX_ALL = "source.fixAll.vpclint"


def wanted_kind(kind: str, only) -> bool:
    """Whether the client's ``only`` filter admits ``kind`` (kinds are dotted hierarchies:
    asking for ``source.fixAll`` or ``source`` admits ``source.fixAll.vpclint``)."""
    return not only or any(kind == want or kind.startswith(want + ".") for want in only)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_action(ls: VpclintServer, params: types.CodeActionParams):
    uri = params.text_document.uri
    at = findings_at(ls, uri, params.range)
    if at is None:
        return None
    outcome, lines, findings = at
    only = params.context.only or []
    found = []
    if wanted_kind(types.CodeActionKind.QuickFix, only):
        found += quick_fixes(ls, uri, outcome, lines, findings)
    if wanted_kind(FIX_ALL, only):
        action = fix_all_action(outcome, lines, uri)
        if action is not None:
            found.append(action)
    return found or None


def quick_fixes(ls: VpclintServer, uri: str, outcome, lines, findings) -> list:
    """Each finding's own fix (safe ones preferred), then "Ignore VPCnnn on this line"."""
    found = [fix_action(uri, lines, d) for d in findings if d.edits]
    offered = set()
    for diagnostic in findings:
        if (diagnostic.code, diagnostic.start.line) in offered:
            continue
        offered.add((diagnostic.code, diagnostic.start.line))
        action = ignore_action(ls, uri, outcome, lines, diagnostic)
        if action is not None:
            found.append(action)
    return found


def fix_action(uri: str, lines, diagnostic) -> types.CodeAction:
    """A finding's fix as a quick fix carrying its edits; unsafe ones say so in the title
    and are never preferred (an editor applies a preferred fix on a single key press)."""
    title = diagnostic.fix or f"Fix {diagnostic.code}"
    safe = diagnostic.applicability == "safe"
    return types.CodeAction(
        title=f"{title} ({diagnostic.code})" if safe else f"{title} ({diagnostic.code}, unsafe)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(diagnostic, uri, lines)],
        is_preferred=safe,
        edit=workspace_edit(uri, lines, diagnostic.edits),
    )


def fix_all_action(outcome, lines, uri: str):
    """ "Fix all vpclint problems": every safe fix, applied as ``vpclint --fix`` applies
    them, as one edit that replaces the whole document (as ruff's server does); None when
    no safe fix applies."""
    from vpclint.diagnostics import Edit
    from vpclint.fixes import fix_target
    from vpclint.runner import Target

    result = outcome.result
    if not any(d.fixable() for d in result.diagnostics):
        return None
    target = result.target
    data = outcome.text.encode("utf-8", "surrogatepass")
    fixed = fix_target(Target(target.display, target.kind, target.syntax, target.settings, data))
    if not fixed.changed:
        return None
    source = lines.source
    whole = Edit(source.position(0), source.position(len(source.text)), "")
    new_text = fixed.after.decode("utf-8", "surrogatepass")
    edit = workspace_edit(uri, lines, [whole._replace(content=new_text)])
    edit.changes[uri][0].range.start = types.Position(line=0, character=0)  # before a BOM too
    return types.CodeAction(title="Fix all vpclint problems", kind=FIX_ALL, edit=edit)


def ignore_action(ls: VpclintServer, uri: str, outcome, lines, diagnostic):
    """ "Ignore VPCnnn on this line", or None where no comment can say it."""
    title = f"Ignore {diagnostic.code} on this line"
    result = outcome.result
    if not actions.can_suppress(result, diagnostic.code):
        return None
    lsp = lsp_diagnostic(diagnostic, uri, lines)
    if result.target.kind == "payload":
        if not ls.disabled_actions:
            return None
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[lsp],
            disabled=types.CodeActionDisabled(reason=actions.PAYLOAD_REASON),
        )
    edits = actions.suppression_edits(result, diagnostic.start.line, diagnostic.code)
    if edits is None:
        return None
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp],
        edit=workspace_edit(uri, lines, edits),
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: VpclintServer, params: types.HoverParams):
    at = findings_at(
        ls, params.text_document.uri, types.Range(start=params.position, end=params.position)
    )
    if at is None or not at[2]:
        return None
    _outcome, lines, under = at
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(under)),
        range=lsp_range(lines, under[0].start, under[0].end),
    )


def serve() -> int:
    server.start_io()
    return 0
