"""What a folder search finds and what a named path is, through the CLI as a subprocess:
ignore files (.gitignore, nested ones, .ignore, .git/info/exclude) in real git
repositories, the Vite plugin's dist/ output, environment-specific configs, payloads by
location and by content, and exclude / extend-exclude / per-file-ignores patterns.

The wrangler configs here are two: CLEAN (wrangler-check: ok) and BROKEN (wrangler-check:
ok too; `remote = false` makes `wrangler dev` refuse to start, VPC202), recorded from
``../shared/oracle/wrangler-check`` (``VPCLINT_ORACLE=1`` re-checks them, under the
environment-specific names too).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
CLEAN = (
    f'name = "w"\ncompatibility_date = "2025-01-01"\n\n'
    f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
)
BROKEN = CLEAN.replace("remote = true", "remote = false")  # VPC202 at 7:10
BROKEN_JSONC = (
    '{\n  "name": "w",\n  "compatibility_date": "2025-01-01",\n'
    f'  "vpc_services": [{{"binding": "API", "service_id": "{UUID}", "remote": false}}]\n}}\n'
)  # VPC202 at 4:103
CLEAN_PAYLOAD = (
    '{"name": "web", "type": "http", "host": {"ipv4": "10.0.0.5", '
    f'"network": {{"tunnel_id": "{UUID}"}}}}}}\n'
)
# A payload as the Cloudflare docs write one: `//` comments and trailing commas; and
# one real mistake (an http service with `tcp_port`, VPC310).
DOCS_PAYLOAD = f"""\
{{
  // The name shown in the dashboard
  "name": "web-server",
  "type": "http",
  "tcp_port": 8080,
  "host": {{
    "hostname": "web.internal", // resolved inside the tunnel
    "resolver_network": {{
      "tunnel_id": "{UUID}",
    }},
  }},
}}
"""


def strict_twin(text: str) -> str:
    """The same payload as strict JSON, every character in its place: comments and
    trailing commas replaced by spaces."""
    text = re.sub(r"//[^\n]*", lambda m: " " * len(m.group()), text)
    return re.sub(r",(\s*[}\]])", r" \1", text)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def vpclint(cwd: Path, *args: str) -> tuple[int, dict, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "vpclint", "--format", "json", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in completed.stderr, completed.stderr
    report = json.loads(completed.stdout) if completed.stdout.strip() else {}
    return completed.returncode, report, completed.stderr


def files_of(report: dict) -> list[str]:
    return [entry["path"] for entry in report["files"]]


def findings(report: dict) -> list[tuple[str, str, int, int]]:
    return [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"])
        for d in report["diagnostics"]
    ]


def git(folder: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-c", "user.name=vpclint tests", "-c", "user.email=tests@vpclint.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=folder, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return completed.stdout


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# ---------------------------------------------------------------------------- ignore files

IGNORED_TREE = {
    ".gitignore": "dist/\n*.draft.json\n!keep.draft.json\ntmp/\n",
    "wrangler.toml": CLEAN,
    # what the Cloudflare Vite plugin writes: nobody edits it
    "dist/my_worker/wrangler.json": BROKEN_JSONC,
    "apps/api/.gitignore": "generated/\n",
    "apps/api/wrangler.toml": CLEAN,
    "apps/api/generated/wrangler.toml": BROKEN,
    "apps/web/generated/wrangler.toml": BROKEN,  # apps/api's .gitignore does not reach here
    "vpc-services/web.draft.json": "{ not json",
    "vpc-services/keep.draft.json": CLEAN_PAYLOAD,  # re-included by `!keep.draft.json`
    "tmp/wrangler.toml": CLEAN,
    "private/wrangler.toml": BROKEN,  # in .git/info/exclude
}
NOT_IGNORED = [
    "apps/api/wrangler.toml",
    "apps/web/generated/wrangler.toml",
    "vpc-services/keep.draft.json",
    "wrangler.toml",
]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write(tmp_path, IGNORED_TREE)
    git(tmp_path, "init", "-q")
    with open(tmp_path / ".git" / "info" / "exclude", "a", encoding="utf-8") as handle:
        handle.write("private/\n")
    return tmp_path


def test_folder_search_skips_what_git_ignores(repository):
    status, report, _ = vpclint(repository)
    assert files_of(report) == NOT_IGNORED
    assert findings(report) == [("apps/web/generated/wrangler.toml", "VPC202", 7, 10)]
    assert status == 1


def test_folder_search_finds_what_git_lists(repository):
    """git itself is the reference: the candidate files it does not ignore."""
    listed = git(repository, "ls-files", "--others", "--exclude-standard").split()
    candidates = sorted(path for path in listed if path.endswith((".toml", ".json")))
    assert candidates == NOT_IGNORED


def test_dot_ignore_wins_over_gitignore(repository):
    write(repository, {".ignore": "scratch/\n!tmp/\n", "scratch/wrangler.toml": BROKEN})
    _, report, _ = vpclint(repository)
    assert files_of(report) == sorted([*NOT_IGNORED, "tmp/wrangler.toml"])  # not scratch/


def test_no_respect_gitignore_flag_and_config_key(repository):
    everything = sorted(name for name in IGNORED_TREE if not name.endswith(".gitignore"))
    status, report, _ = vpclint(repository, "--no-respect-gitignore")
    assert files_of(report) == everything
    assert status == 1
    assert ("dist/my_worker/wrangler.json", "VPC202", 4, 103) in findings(report)
    assert ("vpc-services/web.draft.json", "VPC001", 1, 3) in findings(report)
    write(repository, {"vpclint.toml": "respect-gitignore = false\n"})
    _, report, _ = vpclint(repository)
    assert files_of(report) == everything


def test_respect_gitignore_must_be_a_boolean(repository):
    write(repository, {"vpclint.toml": 'respect-gitignore = "no"\n'})
    status, _, stderr = vpclint(repository)
    assert status == 2
    assert "vpclint.toml:1:1: respect-gitignore: must be true or false" in stderr


def test_named_paths_are_linted_even_when_ignored(repository):
    status, report, _ = vpclint(repository, "dist/my_worker/wrangler.json")
    assert findings(report) == [("dist/my_worker/wrangler.json", "VPC202", 4, 103)]
    assert status == 1
    # --force-exclude applies `exclude`, not the ignore files
    _, report, _ = vpclint(repository, "--force-exclude", "dist/my_worker/wrangler.json")
    assert files_of(report) == ["dist/my_worker/wrangler.json"]
    # a named folder is searched, with the ignore files applying inside it
    _, report, _ = vpclint(repository, "dist")
    assert files_of(report) == ["dist/my_worker/wrangler.json"]
    _, report, _ = vpclint(repository, "apps/api")
    assert files_of(report) == ["apps/api/wrangler.toml"]


def test_ignore_files_above_the_searched_folder_apply(repository):
    write(repository, {"apps/web/tmp/wrangler.toml": CLEAN})
    _, report, _ = vpclint(repository / "apps", "web")
    assert files_of(report) == ["web/generated/wrangler.toml"]  # tmp/ is ignored from the root


def test_an_ignore_file_with_too_many_patterns_is_a_one_line_error(tmp_path):
    write(
        tmp_path, {"wrangler.toml": BROKEN, ".gitignore": "".join(f"p{i}\n" for i in range(5001))}
    )
    status, _, stderr = vpclint(tmp_path)
    assert status == 2
    assert stderr == (
        "vpclint: .gitignore: 5,001 patterns, over vpclint's limit of 5,000 for an ignore file "
        "(--no-respect-gitignore searches without the ignore files)\n"
    )
    status, report, _ = vpclint(tmp_path, "--no-respect-gitignore")
    assert findings(report) == [("wrangler.toml", "VPC202", 7, 10)] and status == 1


def test_gitignore_counts_without_a_repository(tmp_path):
    write(tmp_path, IGNORED_TREE)
    _, report, _ = vpclint(tmp_path)
    assert files_of(report) == [*NOT_IGNORED[:2], "private/wrangler.toml", *NOT_IGNORED[2:]]


@needs_git
def test_a_nested_repository_has_its_own_ignore_rules(repository):
    write(repository, {"vendor/lib/tmp/wrangler.toml": CLEAN, "vendor/lib/.gitignore": "old/\n"})
    write(repository, {"vendor/lib/old/wrangler.toml": BROKEN})
    git(repository / "vendor" / "lib", "init", "-q")
    _, report, _ = vpclint(repository, "vendor")
    assert files_of(report) == ["vendor/lib/tmp/wrangler.toml"]  # the outer `tmp/` stops


@needs_git
def test_a_worktree_uses_the_main_repositorys_info_exclude(repository):
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "tree")
    worktree = repository.parent / (repository.name + "-wt")
    git(repository, "worktree", "add", "-q", str(worktree))
    write(worktree, {"private/wrangler.toml": BROKEN})
    _, report, _ = vpclint(worktree)
    assert files_of(report) == [  # committed files only, and private/ is excluded
        "apps/api/wrangler.toml",
        "apps/web/generated/wrangler.toml",
        "vpc-services/keep.draft.json",
        "wrangler.toml",
    ]


# ---------------------------------------------------------------------------- configs


def test_environment_specific_configs_are_found_by_a_folder_search(tmp_path):
    write(
        tmp_path,
        {
            "wrangler.toml": CLEAN,
            "wrangler.staging.toml": BROKEN,
            "apps/web/wrangler.production.jsonc": BROKEN_JSONC,
            "wrangler.toml.bak": BROKEN,
            "wrangler-old.toml": BROKEN,
        },
    )
    status, report, _ = vpclint(tmp_path)
    assert report["files"] == [
        {"path": "apps/web/wrangler.production.jsonc", "kind": "wrangler"},
        {"path": "wrangler.staging.toml", "kind": "wrangler"},
        {"path": "wrangler.toml", "kind": "wrangler"},
    ]
    assert findings(report) == [
        ("apps/web/wrangler.production.jsonc", "VPC202", 4, 103),
        ("wrangler.staging.toml", "VPC202", 7, 10),
    ]
    assert status == 1
    _, named, _ = vpclint(tmp_path, "wrangler-old.toml")  # named: any wrangler*.toml
    assert findings(named) == [("wrangler-old.toml", "VPC202", 7, 10)]


# ---------------------------------------------------------------------------- payloads


def test_docs_style_payload_is_vpc005_plus_the_findings_of_its_strict_twin(tmp_path):
    write(
        tmp_path,
        {
            "commented/vpc-services/web.json": DOCS_PAYLOAD,
            "strict/web.json": strict_twin(DOCS_PAYLOAD),
        },
    )
    status, report, _ = vpclint(tmp_path / "commented")
    assert report["files"] == [{"path": "vpc-services/web.json", "kind": "payload"}]
    commented = [
        (d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in report["diagnostics"]
    ]
    assert status == 1
    status, strict_report, _ = vpclint(tmp_path / "strict")  # found by content
    assert strict_report["files"] == [{"path": "web.json", "kind": "payload"}]
    strict = [
        (d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in strict_report["diagnostics"]
    ]
    [non_strict] = [finding for finding in commented if finding[0] == "VPC005"]
    assert non_strict[1:3] == (2, 3)  # the first comment
    assert "2 comments and 3 trailing commas" in non_strict[3]
    assert "strict JSON" in non_strict[3]
    assert [finding for finding in commented if finding[0] != "VPC005"] == strict
    assert [finding[:3] for finding in strict] == [("VPC310", 5, 3)]
    assert status == 1
    # named, it is the same payload (it used to be "not a VPC Service payload", exit 2)
    status, named, _ = vpclint(tmp_path / "commented", "vpc-services/web.json")
    assert named["diagnostics"] == report["diagnostics"]
    assert status == 1


def test_trailing_comma_first_is_where_vpc005_points(tmp_path):
    text = CLEAN_PAYLOAD.replace("}}}", "},}} // last\n")
    write(tmp_path, {"vpc-service/db.jsonc": text})
    status, report, _ = vpclint(tmp_path)
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "VPC005"
    assert diagnostic["start"] == {"line": 1, "column": text.index(",}") + 1}
    assert "1 comment and 1 trailing comma" in diagnostic["message"]
    assert status == 1


def test_payload_location_files_are_never_skipped(tmp_path):
    write(
        tmp_path,
        {
            "infra/vpc-services/prod/broken.json": '{"name": "db", "type": "tcp",\n',
            "infra/vpc-services/empty.json": "",
            "infra/vpc-services/notes.json": '{"owner": "platform"}\n',
            "infra/vpc-services/README.md": "# payloads\n",
            "elsewhere/broken.json": '{"type": "tcp", "host": \n',
        },
    )
    status, report, _ = vpclint(tmp_path)
    assert report["files"] == [
        {"path": "infra/vpc-services/empty.json", "kind": "payload"},
        {"path": "infra/vpc-services/notes.json", "kind": "payload"},
        {"path": "infra/vpc-services/prod/broken.json", "kind": "payload"},
    ]
    assert findings(report) == [
        ("infra/vpc-services/empty.json", "VPC002", 1, 1),
        ("infra/vpc-services/notes.json", "VPC301", 1, 1),
        ("infra/vpc-services/notes.json", "VPC315", 1, 2),
        ("infra/vpc-services/prod/broken.json", "VPC001", 2, 1),
    ]
    empty = report["diagnostics"][0]
    assert "payload file is empty" in empty["message"]
    assert status == 1
    status, named, _ = vpclint(tmp_path, "infra/vpc-services/prod/broken.json")
    assert findings(named) == [("infra/vpc-services/prod/broken.json", "VPC001", 2, 1)]
    assert status == 1


def test_stdin_named_in_a_payload_location_is_a_payload(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "vpclint", "--format", "json", "--stdin-filename",
         "vpc-services/web.jsonc", "-"],
        cwd=tmp_path, input=DOCS_PAYLOAD, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    report = json.loads(completed.stdout)
    assert report["files"] == [{"path": "vpc-services/web.jsonc", "kind": "payload"}]
    assert [f[1:] for f in findings(report)] == [("VPC005", 2, 3), ("VPC310", 5, 3)]
    assert completed.returncode == 1


def test_payload_by_content_is_read_as_jsonc(tmp_path):
    commented = "// copied from the docs\n" + CLEAN_PAYLOAD
    write(tmp_path, {"notes/web.jsonc": commented, "notes/other.json": '{"hello": 1}\n'})
    status, report, _ = vpclint(tmp_path)
    assert report["files"] == [{"path": "notes/web.jsonc", "kind": "payload"}]
    assert findings(report) == [("notes/web.jsonc", "VPC005", 1, 1)]
    assert status == 1
    status, _, stderr = vpclint(tmp_path, "notes/other.json")
    assert status == 2
    assert "notes/other.json: not a wrangler config" in stderr


def test_payload_location_is_judged_from_the_repository_root(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write(tmp_path, {"infra/vpc-services/db.json": '{"name": "db"}\n'})
    git(tmp_path, "init", "-q")
    folder = tmp_path / "infra" / "vpc-services"
    status, report, _ = vpclint(folder)  # run inside the folder: still a payload location
    assert report["files"] == [{"path": "db.json", "kind": "payload"}]
    assert status == 1


def test_a_repository_named_vpc_services_does_not_make_every_json_a_payload(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "vpc-services"
    write(root, {"tsconfig.json": '{"compilerOptions": {}}\n', "wrangler.toml": CLEAN})
    git(root, "init", "-q")
    _, report, _ = vpclint(root)
    assert files_of(report) == ["wrangler.toml"]


def test_suppression_comments_in_a_payload_count_towards_vpc005(tmp_path):
    text = CLEAN_PAYLOAD.replace('"name": "web", ', '"name": "web", "extra": 1, ', 1)
    suppressed = text.rstrip("\n") + " // vpclint: ignore[VPC315]\n"
    write(tmp_path, {"vpc-services/web.json": suppressed})
    status, report, _ = vpclint(tmp_path)
    [diagnostic] = report["diagnostics"]  # VPC315 is suppressed; the comment is VPC005
    assert diagnostic["code"] == "VPC005"
    assert "a `vpclint: ignore` comment counts too" in diagnostic["fix"]
    assert status == 1
    both = text.rstrip("\n") + " // vpclint: ignore[VPC315, VPC005] -- stripped by deploy.sh\n"
    write(tmp_path, {"vpc-services/web.json": both})
    status, report, _ = vpclint(tmp_path)
    assert report["diagnostics"] == [] and status == 0
    write(
        tmp_path,
        {
            "vpc-services/web.json": suppressed,
            "vpclint.toml": '[per-file-ignores]\n"vpc-services/" = ["VPC005"]\n',
        },
    )
    status, report, _ = vpclint(tmp_path)
    assert report["diagnostics"] == [] and status == 0


# ---------------------------------------------------------------------------- exclude


EXCLUDE_TREE = {
    "vpclint.toml": (
        'exclude = ["fixtures", "build/", "/top-only", "apps/legacy", "wrangler.old.toml/"]\n'
    ),
    "fixtures/wrangler.toml": BROKEN,
    "apps/fixtures/wrangler.toml": BROKEN,
    "build/wrangler.toml": BROKEN,
    "top-only/wrangler.toml": BROKEN,
    "apps/top-only/wrangler.toml": BROKEN,
    "apps/legacy/wrangler.toml": BROKEN,
    "other/apps/legacy/wrangler.toml": BROKEN,
    "apps/wrangler.old.toml": BROKEN,  # `wrangler.old.toml/` names a folder only
    "wrangler.toml": CLEAN,
}


def test_exclude_patterns_have_gitignore_semantics_in_a_folder_search(tmp_path):
    write(tmp_path, EXCLUDE_TREE)
    status, report, _ = vpclint(tmp_path)
    assert files_of(report) == [
        "apps/top-only/wrangler.toml",
        "apps/wrangler.old.toml",
        "other/apps/legacy/wrangler.toml",
        "wrangler.toml",
    ]
    assert status == 1
    _, report, _ = vpclint(tmp_path / "apps")  # patterns stay relative to the config file
    assert files_of(report) == ["top-only/wrangler.toml", "wrangler.old.toml"]


def test_force_exclude_applies_bare_names_and_folders_to_named_paths(tmp_path):
    write(tmp_path, EXCLUDE_TREE)
    named = [
        "fixtures/wrangler.toml",
        "apps/fixtures/wrangler.toml",
        "build/wrangler.toml",
        "top-only/wrangler.toml",
        "apps/legacy/wrangler.toml",
        "apps/top-only/wrangler.toml",
        "wrangler.toml",
    ]
    status, report, _ = vpclint(tmp_path, "--force-exclude", *named)
    assert files_of(report) == ["apps/top-only/wrangler.toml", "wrangler.toml"]
    assert status == 1
    status, report, _ = vpclint(tmp_path, *named)  # without it, a named file is linted
    assert len(report["files"]) == len(named)
    _, report, _ = vpclint(tmp_path, "fixtures")  # a named folder is searched
    assert files_of(report) == ["fixtures/wrangler.toml"]
    status, report, _ = vpclint(tmp_path, "--force-exclude", "fixtures")
    assert report["files"] == [] and status == 0


def test_extend_exclude_key_and_flag(tmp_path):
    write(tmp_path, EXCLUDE_TREE)
    write(tmp_path, {"vpclint.toml": 'exclude = ["fixtures"]\nextend-exclude = ["build"]\n'})
    flags = ("--extend-exclude", "apps/legacy,other", "--extend-exclude=top-only")
    _, report, _ = vpclint(tmp_path, *flags)
    assert files_of(report) == ["apps/wrangler.old.toml", "wrangler.toml"]
    named = ("--force-exclude", "--extend-exclude", "apps", "apps/legacy/wrangler.toml")
    _, report, _ = vpclint(tmp_path, *named)
    assert report["files"] == []
    status, _, stderr = vpclint(tmp_path, "--extend-exclude", "!")
    assert status == 2
    assert stderr.startswith("vpclint: --extend-exclude: '!' is not a valid pattern")


def test_per_file_ignores_with_bare_names(tmp_path):
    write(tmp_path, EXCLUDE_TREE)
    write(
        tmp_path,
        {
            "vpclint.toml": (
                '[per-file-ignores]\n"fixtures" = ["VPC202"]\n"legacy/" = ["VPC2"]\n'
                '"!apps/**" = ["VPC203"]\n'
            )
        },
    )
    status, report, _ = vpclint(
        tmp_path, "fixtures/wrangler.toml", "apps/fixtures/wrangler.toml",
        "other/apps/legacy/wrangler.toml", "build/wrangler.toml",
    )  # fmt: skip
    assert findings(report) == [("build/wrangler.toml", "VPC202", 7, 10)]
    assert status == 1


def test_a_pattern_that_matches_nothing_is_a_config_error(tmp_path):
    write(tmp_path, {"vpclint.toml": 'exclude = ["dist", "# old"]\n', "wrangler.toml": CLEAN})
    status, _, stderr = vpclint(tmp_path)
    assert status == 2
    assert "vpclint.toml:1:20: exclude[1]: '# old' matches no path" in stderr


# ---------------------------------------------------------------------------- oracle


@pytest.mark.skipif(
    os.environ.get("VPCLINT_ORACLE") != "1", reason="set VPCLINT_ORACLE=1 to run wrangler"
)
def test_recorded_wrangler_verdicts(shared_dir, tmp_path):
    write(
        tmp_path,
        {
            "clean/wrangler.toml": CLEAN,
            "broken/wrangler.staging.toml": BROKEN,
            "jsonc/wrangler.production.jsonc": BROKEN_JSONC,
        },
    )
    files = sorted(str(path) for path in tmp_path.rglob("wrangler*"))
    command = [str(shared_dir / "oracle" / "wrangler-check"), *files]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    verdicts = [json.loads(line)["verdict"] for line in completed.stdout.splitlines()]
    assert verdicts == ["ok", "ok", "ok"]
