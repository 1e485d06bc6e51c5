"""The real wrangler configs in ../shared/corpus/real/ (wrangler's verdicts in MANIFEST.tsv).

Where wrangler 4.164.0 accepts a file, vpclint must not report a syntax or shape error,
and any error it reports must come from a rule that checks what wrangler does not (listed
below with the reason). Every VPC finding on the corpus was inspected by hand; the exact
list is pinned so that a change in what vpclint finds there is noticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vpclint.runner import lint_text

# Error rules that report what wrangler's config reader accepts (it is not their domain).
VPCLINT_ONLY_ERRORS = {
    "VPC202": "`wrangler dev` refuses remote = false; readConfig accepts it",
    "VPC206": "wrangler does not check the service_id format; placeholders fail at deploy",
    "VPC207": "wrangler does not check the tunnel_id format; the API rejects it at deploy",
    "VPC209": "Pages commands refuse VPC bindings; readConfig does not run that check",
}

# Every finding on the corpus (file, code, line), each checked by hand:
# placeholders that must be replaced before deploy, and entries without `remote`.
EXPECTED_FINDINGS = {
    ("008__0xRampey__amazon-browser-mcp__wrangler.example.jsonc", "VPC203", 30),
    ("008__0xRampey__amazon-browser-mcp__wrangler.example.jsonc", "VPC206", 32),
    ("009__calculment0r__SHOWRUNNER_TOOLS__porte-wrangler.jsonc", "VPC203", 59),
    ("010__calculment0r__SHOWRUNNER_TOOLS__porte-wrangler.studio.jsonc", "VPC203", 27),
    ("010__calculment0r__SHOWRUNNER_TOOLS__porte-wrangler.studio.jsonc", "VPC206", 27),
    ("014__tsunheimat__cloudflare-newapi-page__wrangler.toml", "VPC203", 47),
    ("014__tsunheimat__cloudflare-newapi-page__wrangler.toml", "VPC203", 73),
    ("015__skyphusion-labs__vivijure-cf__modules-finish-upscale-wrangler.toml", "VPC206", 62),
    ("016__skyphusion-labs__vivijure-cf__wrangler.toml.example.toml", "VPC206", 159),
    ("016__skyphusion-labs__vivijure-cf__wrangler.toml.example.toml", "VPC206", 164),
    ("016__skyphusion-labs__vivijure-cf__wrangler.toml.example.toml", "VPC206", 169),
    ("016__skyphusion-labs__vivijure-cf__wrangler.toml.example.toml", "VPC206", 175),
    # wrangler rejects this file too: a table defined twice.
    ("039__1712n__dn-institute__worker-wrangler.toml", "VPC001", 11),
}


def manifest(shared_dir: Path) -> list[dict[str, str]]:
    folder = shared_dir / "corpus" / "real"
    lines = [
        line
        for line in (folder / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def lint_corpus_file(shared_dir: Path, name: str):
    path = shared_dir / "corpus" / "real" / name
    return lint_text(path.read_bytes(), name, kind="wrangler")


def test_no_unexpected_error_where_wrangler_accepts(shared_dir: Path):
    rows = manifest(shared_dir)
    assert len(rows) >= 60
    for row in rows:
        if row["wrangler_verdict"].startswith("error"):
            continue
        for finding in lint_corpus_file(shared_dir, row["file"]):
            assert not finding.code.startswith(("VPC0", "VPC1")), (row["file"], finding)
            if finding.severity == "error":
                assert finding.code in VPCLINT_ONLY_ERRORS, (row["file"], finding)


def test_findings_on_the_corpus_are_the_inspected_ones(shared_dir: Path):
    found = set()
    for row in manifest(shared_dir):
        for finding in lint_corpus_file(shared_dir, row["file"]):
            found.add((row["file"], finding.code, finding.start.line))
    assert found == EXPECTED_FINDINGS


def test_invalid_toml_in_the_corpus_is_a_syntax_error(shared_dir: Path):
    for row in manifest(shared_dir):
        if "invalid TOML" in row["wrangler_verdict"]:
            codes = [finding.code for finding in lint_corpus_file(shared_dir, row["file"])]
            assert codes == ["VPC001"], row["file"]


@pytest.mark.parametrize("code", sorted(VPCLINT_ONLY_ERRORS))
def test_vpclint_only_rules_are_error_rules(code: str):
    from vpclint.rules.registry import RULES, load_every_rule

    load_every_rule()
    assert RULES[code].severity == "error"
