"""The formats CI services read, run as a subprocess on files on disk: `github` (where each
finding is, paths from the repository root), `sarif` (fingerprints that survive moved
lines, URIs for every file and for stdin), and `concise` through the problem matcher."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
BROKEN = (
    'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "REPLACE_ME"\nremote = false\n'
)


def vpclint(*args: str, cwd: Path, env: dict | None = None, input: str | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VPCLINT_"))}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "vpclint", "--isolated", *args], cwd=cwd, env=environment,
        input=input, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git repository with a broken config two folders down."""
    root = tmp_path / "repo"
    (root / "apps" / "api").mkdir(parents=True)
    (root / "apps" / "api" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=60)
    return root


# ---------------------------------------------------------------------------- github


def test_github_messages_start_with_the_place_relative_to_the_repository(repository):
    result = vpclint("--format", "github", "wrangler.toml", cwd=repository / "apps" / "api")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=apps/api/wrangler.toml,line=5,col=14,endLine=5,endColumn=26,title=VPC206::"
        'apps/api/wrangler.toml:5:14: VPC206 `service_id` "REPLACE_ME" is a placeholder'
    )
    assert lines[1].startswith(
        "::error file=apps/api/wrangler.toml,line=6,col=10,endLine=6,endColumn=15,title=VPC202::"
        "apps/api/wrangler.toml:6:10: VPC202 `remote` is false"
    )


def test_github_workspace_is_the_root_when_set(tmp_path):
    workspace = tmp_path / "checkout"  # no .git: the runner's word is enough
    (workspace / "infra").mkdir(parents=True)
    (workspace / "infra" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace)}
    result = vpclint(".", cwd=workspace / "infra", env=env)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=infra/wrangler.toml,line=5,col=14,")
    assert "::infra/wrangler.toml:5:14: VPC206 " in result.stdout.splitlines()[0]


def test_github_outside_any_repository_keeps_paths_as_given(tmp_path):
    (tmp_path / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    result = vpclint("--format", "github", "./wrangler.toml", cwd=tmp_path)
    assert result.stdout.splitlines()[0].startswith(
        "::error file=./wrangler.toml,line=5,col=14,endLine=5,endColumn=26,title=VPC206::"
        "./wrangler.toml:5:14: VPC206 "
    )


# ---------------------------------------------------------------------------- sarif


def sarif(*args: str, cwd: Path, input: str | None = None) -> dict:
    result = vpclint("--format", "sarif", *args, cwd=cwd, input=input)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["runs"][0]


def fingerprints(run_: dict) -> dict[str, tuple[str, int]]:
    return {
        result["partialFingerprints"]["vpclint/v1"]: (
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for result in run_["results"]
    }


def test_sarif_fingerprints_survive_moved_lines(repository):
    config = repository / "apps" / "api" / "wrangler.toml"
    before = fingerprints(sarif(".", cwd=repository))
    assert sorted(before.values()) == [("VPC202", 6), ("VPC206", 5)]
    config.write_text("# a comment\n# and another\n\n" + BROKEN, encoding="utf-8")
    after = fingerprints(sarif(".", cwd=repository))
    assert set(after) == set(before)  # same alerts...
    assert sorted(after.values()) == [("VPC202", 9), ("VPC206", 8)]  # ...three lines down
    second = f'\n[[vpc_services]]\nbinding = "B"\nservice_id = "{UUID}"\nremote = false\n'
    config.write_text(BROKEN + second, encoding="utf-8")
    grown = fingerprints(sarif(".", cwd=repository))
    assert set(before) < set(grown)  # the old alerts stay; the new entry's is new
    assert sorted(grown.values()) == [("VPC202", 6), ("VPC202", 11), ("VPC206", 5)]


def test_sarif_uris_are_relative_to_the_repository_root(repository):
    run_ = sarif("wrangler.toml", cwd=repository / "apps" / "api")
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repository.as_uri() + "/"
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "apps/api/wrangler.toml", "uriBaseId": "%SRCROOT%"}


def test_sarif_file_outside_the_base_is_an_absolute_file_uri(tmp_path):
    (tmp_path / "here").mkdir()
    (tmp_path / "else where").mkdir()
    config = tmp_path / "else where" / "wrangler.toml"
    config.write_text(BROKEN, encoding="utf-8")
    run_ = sarif("../else where/wrangler.toml", cwd=tmp_path / "here")
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "here").as_uri() + "/"
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert set(location) == {"uri"}
    uri = urlparse(location["uri"])
    assert uri.scheme == "file" and " " not in location["uri"]
    assert Path(unquote(uri.path)) == config


def test_sarif_stdin_has_a_valid_uri(repository):
    text = BROKEN
    named = sarif("--stdin-filename", "apps/api/wrangler.toml", "-", cwd=repository, input=text)
    location = named["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "apps/api/wrangler.toml", "uriBaseId": "%SRCROOT%"}
    unnamed = sarif("-", cwd=repository, input=text)
    location = unnamed["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "-", "description": {"text": "standard input"}}


# ---------------------------------------------------------------------------- problem matcher


def test_problem_matcher_reads_real_concise_output(repository):
    matcher = json.loads((REPO / ".github" / "vpclint-matcher.json").read_text(encoding="utf-8"))
    [problem] = matcher["problemMatcher"]
    assert problem["owner"] == "vpclint" and problem["severity"] == "warning"
    [pattern] = problem["pattern"]
    regex = re.compile(pattern["regexp"])
    config = repository / "apps" / "api" / "wrangler.toml"
    config.write_text(BROKEN.replace('"API"', '"api"'), encoding="utf-8")
    (repository / "vpc-services").mkdir()
    (repository / "vpc-services" / "db.json").write_text(
        '{"name": "db", "type": "tcp", "host": {"hostname": "db.internal", '
        f'"resolver_network": {{"tunnel_id": "{UUID}"}}}}, "tcp_port": 5432, "x": 1}}',
        encoding="utf-8",
    )
    args = ("--extend-select", "VPC211", ".")
    concise = vpclint("--format", "concise", *args, cwd=repository).stdout.splitlines()
    expected = json.loads(vpclint("--format", "json", *args, cwd=repository).stdout)
    diagnostics = expected["diagnostics"]
    assert {d["severity"] for d in diagnostics} == {"error", "warning", "info"}
    assert len(concise) == len(diagnostics)
    for line, diagnostic in zip(concise, diagnostics, strict=True):
        match = regex.fullmatch(line)
        assert match, line
        seen = {name: match.group(pattern[name]) for name in pattern if name != "regexp"}
        assert seen == {
            "file": diagnostic["path"],
            "line": str(diagnostic["start"]["line"]),
            "column": str(diagnostic["start"]["column"]),
            "code": diagnostic["code"],
            # info has no severity of its own in a matcher: the default (warning) applies
            "severity": None if diagnostic["severity"] == "info" else diagnostic["severity"],
            "message": diagnostic["message"],
        }


def test_sarif_for_stdin_and_outside_files_is_valid_sarif(tmp_path, shared_dir):
    import jsonschema

    schema_file = shared_dir / "conformance" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_file.exists():
        pytest.skip("SARIF schema not present")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    (tmp_path / "there" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    for args, text in ((["-"], BROKEN), (["../there/wrangler.toml"], None)):
        result = vpclint("--format", "sarif", *args, cwd=tmp_path / "here", input=text)
        log = json.loads(result.stdout)
        assert len(log["runs"][0]["results"]) == 2
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == []
