"""VPC317: two payloads of one run share a `name` (names are unique per account)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from vpclint.diagnostics import Diagnostic
from vpclint.rules.payload.common import T, payload_entries, payload_rule
from vpclint.rules.payload.values import quote
from vpclint.rules.registry import run_check
from vpclint.source.model import Path

payload_rule(
    "VPC317",
    "duplicate-service-name",
    "error",
    summary="Two payloads of one run share a `name`.",
    what=(
        "Compares the `name` of every payload linted together (all files of the run, and "
        "every element of an array file). The later one is reported; the first is named in "
        "the message, with its file when it is another one."
    ),
    why=('Names are unique per account: the API refuses the second create with "already exists".'),
    example=(
        '[\n  {"name": "api", "type": "http", "host": {"ipv4": "10.0.0.1", "network": '
        f'{{"tunnel_id": "{T}"}}}}}},\n  {{"name": "api", "type": "http", "host": {{"ipv4": '
        f'"10.0.0.2", "network": {{"tunnel_id": "{T}"}}}}}}\n]\n'
    ),
    use_instead=(
        '[\n  {"name": "api-a", "type": "http", "host": {"ipv4": "10.0.0.1", "network": '
        f'{{"tunnel_id": "{T}"}}}}}},\n  {{"name": "api-b", "type": "http", "host": {{"ipv4": '
        f'"10.0.0.2", "network": {{"tunnel_id": "{T}"}}}}}}\n]\n'
    ),
)


TYPE_CHECKING = False
if TYPE_CHECKING:  # vpclint.document imports the rule registry, which imports this module
    from vpclint.document import Document


def named_payloads(doc: Document) -> Iterator[tuple[str, Path]]:
    """Each usable payload name of a file, with the path of its `name` value."""
    for prefix, payload in payload_entries(doc):
        if not isinstance(payload, dict):
            continue
        name = payload.get("name")
        if isinstance(name, str) and name.strip():
            yield name, (*prefix, "name")


@run_check("payload", "VPC317")
def check_duplicate_names(documents: Iterable[Document]) -> Iterator[Diagnostic]:
    """Report every payload whose name an earlier payload of the run already uses.

    Files come in the order of the run; within an array file, in array order. The
    finding is at the later `name`; the first is named in the message (with its file
    when it is another one) and, in the same file, given as a related location.
    """
    first_use: dict[str, tuple[Document, Path]] = {}
    for doc in documents:
        if doc.kind != "payload":
            continue
        for name, path in named_payloads(doc):
            if name not in first_use:
                first_use[name] = (doc, path)
                continue
            first_doc, first_path = first_use[name]
            line = first_doc.line_of(first_path, at="value")
            if first_doc is doc:
                where = f"by the payload on line {line}"
                related = (doc.related(first_path, "first used here", at="value"),)
            else:
                where = f"in {first_doc.path} (line {line})"
                related = ()
            yield doc.diagnostic(
                "VPC317",
                path,
                f"the name {quote(name)} is already used {where}: names are unique per "
                'account, so the API refuses the second service ("already exists")',
                related=related,
                fix="give each VPC Service its own name",
            )
