"""A TOML config is scanned for positions only as far as its findings need.

tomli reads what a file means; the position scanner (vpclint.source.toml) runs when a
finding, a fix or a suppression comment asks where something is written. A check that
read a span of every file would make every run pay for a whole scan again, so these
tests lint through the runner and count what the scanner reads.
"""

from __future__ import annotations

import tomli

from vpclint.runner import lint_text
from vpclint.source import toml

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"


def scanned_headers(monkeypatch) -> list[int]:
    """Where each `[table]` / `[[array]]` header the scanner reads starts, as it reads them."""
    offsets: list[int] = []
    real_header = toml._Scanner.header

    def header(scanner):
        offsets.append(scanner.pos)
        return real_header(scanner)

    monkeypatch.setattr(toml._Scanner, "header", header)
    return offsets


def test_clean_configs_are_linted_without_a_scan(repo_dir, monkeypatch):
    paths = [repo_dir / "examples" / "wrangler.toml"]
    paths += sorted((repo_dir / "tests" / "cases" / "wrangler").glob("ok_*.toml"))
    headers = scanned_headers(monkeypatch)
    checked = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if toml._may_be_refused(text, tomli.loads(text)):
            continue  # scanned at once, for what wrangler refuses
        headers.clear()
        assert lint_text(text, "wrangler.toml") == [], path
        assert headers == [], path
        checked += 1
    assert checked >= 10


def test_a_finding_scans_the_file_only_as_far_as_the_finding(monkeypatch):
    entry = '[[env.e{n}.vpc_services]]\nbinding = "API"\nservice_id = "{uuid}"\nremote = true\n'
    clean = "".join(entry.format(n=n, uuid=UUID) for n in range(50))
    text = '[[vpc_services]]\nbinding = "API"\nremote = true\n\n' + clean  # no service_id
    headers = scanned_headers(monkeypatch)
    found = lint_text(text, "wrangler.toml")
    assert [(d.code, d.start.line) for d in found] == [("VPC104", 1)]
    assert headers and max(headers) < len(text) // 10  # the 50 clean entries are not read


def test_a_suppression_comment_is_found_in_a_clean_file(monkeypatch):
    text = f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true  # VPCLINT: ignore[VPC203]\n'
    found = lint_text(text, "wrangler.toml")
    assert [d.code for d in found] == ["VPC004"]  # the comment is read, and it suppresses nothing


def test_real_configs_without_findings_are_linted_without_a_scan(shared_dir, monkeypatch):
    headers = scanned_headers(monkeypatch)
    clean = 0
    for path in sorted((shared_dir / "corpus" / "real").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        try:
            if toml._may_be_refused(text, tomli.loads(text)):
                continue
        except tomli.TOMLDecodeError:
            continue
        headers.clear()
        if lint_text(text, "wrangler.toml") == []:
            assert headers == [], path
            clean += 1
    assert clean >= 20
