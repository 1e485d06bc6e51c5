"""A small LSP client for the tests: starts ``vpclint server`` as a subprocess and talks
to it over stdio as an editor does (JSON-RPC with ``Content-Length`` headers).

A reader thread collects every message; tests wait for a response or a notification
with a generous timeout (a slow machine only makes them wait longer, never fail).
Requests from the server (``client/registerCapability``) get an empty result.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

TIMEOUT = 60.0


def file_uri(path: Path) -> str:
    return Path(path).resolve().as_uri()


class LspClient:
    def __init__(self, command: list[str] | None = None, cwd: Path | None = None):
        command = command or [sys.executable, "-m", "vpclint", "server"]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.ids = itertools.count(1)
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []  # notifications not yet consumed, in arrival order
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self.read_loop, daemon=True)
        self.reader.start()
        self.stderr_lines: list[bytes] = []
        threading.Thread(target=self.drain_stderr, daemon=True).start()

    # ------------------------------------------------------------ wire

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self.lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def read_loop(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            self.messages.put(message)

    def drain_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def next_message(self, timeout: float) -> dict:
        message = self.messages.get(timeout=timeout)
        if message is None:
            raise EOFError("the server closed its output")
        return message

    # ------------------------------------------------------------ protocol

    def request(self, method: str, params) -> object:
        number = next(self.ids)
        self.send({"id": number, "method": method, "params": params})
        while True:
            message = self.next_message(TIMEOUT)
            if message.get("id") == number and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")
            if "method" in message:
                self.seen.append(message)

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def wait_for(self, method: str, match=lambda params: True) -> dict:
        """The params of the first (not yet consumed) ``method`` notification matching."""
        for index, message in enumerate(self.seen):
            if message["method"] == method and match(message["params"]):
                del self.seen[index]
                return message["params"]
        while True:
            message = self.next_message(TIMEOUT)
            if "method" not in message:
                continue
            if message["method"] == method and match(message["params"]):
                return message["params"]
            self.seen.append(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        """The next publishDiagnostics for ``uri`` (for ``version``, when given)."""

        def match(params):
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return self.wait_for("textDocument/publishDiagnostics", match)["diagnostics"]

    def initialize(self, root: Path, capabilities: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": file_uri(root),
                "workspaceFolders": [{"uri": file_uri(root), "name": root.name}],
                "capabilities": capabilities if capabilities is not None else CAPABILITIES,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, language_id: str, text: str | None = None, version: int = 1):
        text = path.read_text(encoding="utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": file_uri(path),
                    "languageId": language_id,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, path: Path, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": file_uri(path), "version": version},
                "contentChanges": [{"text": text}],
            },
        )

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=TIMEOUT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)


CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
    "textDocument": {
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
        "codeAction": {
            "disabledSupport": True,
            "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
        },
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "synchronization": {"didSave": True},
    },
}


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text``, as an editor does."""
    lines = split_lines(text)

    def offset(position: dict) -> int:
        start = sum(len(line) for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position["character"]:
                return start + index
            units += 2 if ord(char) > 0xFFFF else 1
        return start + len(line.rstrip("\r\n"))

    ordered = sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"])
    )
    for edit in reversed(ordered):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
        lines = split_lines(text)
    return text


def split_lines(text: str) -> list[str]:
    """Lines with their breaks, split only at \\n, \\r\\n and \\r (as LSP does)."""
    lines, start, index = [], 0, 0
    while index < len(text):
        if text[index] == "\r":
            index += 2 if text.startswith("\r\n", index) else 1
            lines.append(text[start:index])
            start = index
        elif text[index] == "\n":
            index += 1
            lines.append(text[start:index])
            start = index
        else:
            index += 1
    lines.append(text[start:])
    return lines
