"""What the payload rule modules share: how a rule registers, the docs' example payload,
the payloads of a file, and :class:`PayloadContext`, one payload and its findings."""

from __future__ import annotations

import re

from vpclint.diagnostics import Diagnostic, Edit
from vpclint.rules.payload.known_keys import KNOWN_KEYS, nearest_key
from vpclint.rules.registry import Rule, register
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # vpclint.document imports the rule registry, which imports this module
    from typing import Any

    from vpclint.document import Anchor, Document


T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def payload_rule(code: str, name: str, severity: str, **docs: str) -> None:
    register(
        Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=("payload",),
            example_lang="json",
            **docs,
        )
    )


# Where the advice starts in a problem text ("what is wrong: what to write instead").
ADVICE_START = re.compile(
    r"(?:^|[:;] )(?=(?:write|remove|put|use|replace|list|rename|add|move|keep|give|omit|"
    r"set|make|drop) )"
)


def split_advice(problem: str) -> tuple[str, str | None]:
    """(what is wrong, what to do) of a problem text written "what: do", "what; do" or
    "do"; the first part is empty for advice alone, the second None for none."""
    found = ADVICE_START.search(problem)
    if found is None:
        return problem, None
    return problem[: found.start()], problem[found.end() :]


def ip_host(*extra: str, host: str | None = None) -> str:
    """A small pretty-printed payload for the examples."""
    lines = ["{", '  "name": "web-server",', '  "type": "http",', *extra]
    lines.append(host or f'  "host": {{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}')
    return "\n".join(lines) + "\n}\n"


HOST = ("host",)


NETWORK = ("host", "network")


RESOLVER_NETWORK = ("host", "resolver_network")


TLS = ("tls_settings",)


NETWORK_EXAMPLE = '`"network": {"tunnel_id": "<tunnel UUID>"}`'


RESOLVER_NETWORK_EXAMPLE = '`"resolver_network": {"tunnel_id": "<tunnel UUID>"}`'


EXAMPLE_PORTS = {"postgresql": 5432, "mysql": 3306}


TUNNEL_SOURCE = "`cloudflared tunnel list` shows the ids"


MODE_LIST = '"verify_full" (the default), "verify_ca" or "disabled"'


def payload_entries(doc: Document) -> list[tuple[Path, Any]]:
    """Each payload of a file with its path: the root, or every element of a root array."""
    if isinstance(doc.value, list):
        return [((index,), element) for index, element in enumerate(doc.value)]
    return [((), doc.value)]


class PayloadContext:
    """One payload object at ``prefix`` in ``doc``, and the findings of its checks so far
    (``claimed``: keys an error already explains; ``service_type``: `type` when valid)."""

    def __init__(self, doc: Document, prefix: Path, payload: dict[str, Any]):
        self.doc = doc
        self.prefix = prefix
        self.payload = payload
        self.findings: list[Diagnostic] = []
        self.claimed: set[Path] = set()
        self.service_type: str | None = None

    def get(self, path: Path, default: Any = None) -> Any:
        return self.doc.get(self.prefix + path, default)

    def has(self, path: Path) -> bool:
        parent = self.get(path[:-1])
        return isinstance(parent, dict) and path[-1] in parent

    def report(
        self,
        code: str,
        path: Path,
        message: str,
        at: Anchor = "value",
        severity: str | None = None,
        unless: tuple[tuple[str, Path], ...] = (),
        applicability: str | None = None,
        edits: tuple[Edit, ...] = (),
        fix: str | None = None,
    ) -> None:
        """A finding at ``path`` (relative to the payload), with ``fix`` saying in a few
        words what to write instead; a mechanical fix passes its ``applicability`` and
        ``edits`` (offsets on the whole file, see :meth:`at`)."""
        where = self.prefix + path
        unless = tuple((other, self.prefix + other_path) for other, other_path in unless)
        self.findings.append(
            self.doc.diagnostic(
                code,
                where,
                message,
                at=at,
                severity=severity,
                unless=unless,
                applicability=applicability,
                edits=edits,
                fix=fix,
            )
        )

    def at(self, path: Path) -> Path:
        """The path in the file of ``path`` in this payload (for the edit helpers)."""
        return self.prefix + path

    def typo_for(self, container: Path, level: str, key: str) -> Path | None:
        """An unknown key of ``container`` that is most likely a misspelling of ``key``."""
        found = self.get(container)
        if not isinstance(found, dict):
            return None
        for written in found:
            if written not in KNOWN_KEYS[level] and nearest_key(written, level) == key:
                return (*container, written)
        return None

    def missing(
        self,
        code: str,
        where: tuple[Path, str],
        key: str,
        need: str,
        advice: str,
        elsewhere: tuple[Path, ...] = (),
    ) -> None:
        """Report a missing required ``key`` of the object at ``where`` (path, level):
        at its misspelling, at a misplaced copy, or else at the `{` of the object.

        The message is ``need``; the fix says what to do there (``advice`` at the `{`).
        """
        container, level = where
        typo = self.typo_for(container, level, key)
        if typo is not None:
            self.claimed.add(typo)
            self.report_misspelt(code, typo, key, need)
            return
        for path in elsewhere:
            if self.has(path):
                self.claimed.add(path)
                if path[:-1] == container and path[-1] != "tunnel_id":
                    self.report_misspelt(code, path, key, need)
                else:
                    target = ".".join(str(part) for part in (*container, key))
                    self.report(
                        code,
                        path,
                        f"{need}; this `{path[-1]}` is outside it",
                        at="key",
                        fix=f"move this `{path[-1]}` into `{target}`",
                    )
                return
        self.report(code, container, need, at="head", fix=advice)

    def report_misspelt(self, code: str, path: Path, key: str, need: str) -> None:
        """A required ``key`` written under another name, at that key."""
        self.report(
            code,
            path,
            f"{need} (`{path[-1]}` is written instead)",
            at="key",
            fix=f"rename `{path[-1]}` to `{key}`",
        )
