"""Hostile inputs through the real command line (``python -m vpclint`` in a subprocess).

Every input has a defined outcome: a finding (exit 1) or a one-line error (exit 2),
never a traceback and never a hang (each run has a timeout). The limits are those of
the README's "Security" section: files up to 16 MiB (MAX_FILE_BYTES), JSON nesting up
to 1,000 levels, TOML arrays and inline tables nested up to about 400 levels (tomli's
limit) and keys of up to sys.getrecursionlimit() dotted parts.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from vpclint import __version__
from vpclint.runner import MAX_FILE_BYTES, Target, lint, lint_text

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
ENTRY = f'[[vpc_services]]\nbinding = "{{name}}"\nservice_id = "{UUID}"\nremote = true\n'
TIMEOUT = 120  # seconds; a guard against a hang, not a speed assertion

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def vpclint(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real executable; stderr must never hold a traceback."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("GITHUB_ACTIONS", None)
    completed = subprocess.run(
        [sys.executable, "-m", "vpclint", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
    )
    assert b"Traceback" not in completed.stderr, completed.stderr.decode(errors="replace")
    return completed


def findings(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[int, list[dict]]:
    """Exit status and the findings of ``vpclint --format json ARGS``."""
    completed = vpclint("--isolated", "--format", "json", *args, cwd=cwd, stdin=stdin)
    assert completed.stderr == b"", completed.stderr
    return completed.returncode, json.loads(completed.stdout)["diagnostics"]


def one_finding(*args: str, cwd: Path, stdin: bytes | None = None) -> dict:
    status, diagnostics = findings(*args, cwd=cwd, stdin=stdin)
    assert status == 1, diagnostics
    [diagnostic] = diagnostics
    return diagnostic


def at(diagnostic: dict) -> tuple[str, int, int]:
    return diagnostic["code"], diagnostic["start"]["line"], diagnostic["start"]["column"]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------- nesting


def test_200000_levels_of_json_arrays_are_refused_at_level_1001(tmp_path):
    write(tmp_path / "wrangler.json", "[" * 200_000 + "]" * 200_000)
    diagnostic = one_finding("wrangler.json", cwd=tmp_path)
    assert at(diagnostic) == ("VPC001", 1, 1001)
    assert "nesting deeper than 1000 levels" in diagnostic["message"]


def test_200000_levels_of_json_objects_are_refused_at_level_1001(tmp_path):
    write(tmp_path / "wrangler.jsonc", '{"a":' * 200_000 + "1" + "}" * 200_000)
    diagnostic = one_finding("wrangler.jsonc", cwd=tmp_path)
    assert at(diagnostic) == ("VPC001", 1, 5 * 1000 + 1)  # the 1,001st `{`
    assert "nesting deeper than 1000 levels" in diagnostic["message"]


def test_json_nesting_up_to_the_limit_is_read():
    assert lint_text('{"a": ' + "[" * 999 + "]" * 999 + "}", "wrangler.json") == []
    [diagnostic] = lint_text('{"a": ' + "[" * 1000 + "]" * 1000 + "}", "wrangler.json")
    assert diagnostic.code == "VPC001"
    assert "nesting deeper than 1000 levels" in diagnostic.message


def test_100000_levels_of_toml_arrays_are_refused(tmp_path):
    write(tmp_path / "wrangler.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert diagnostic["code"] == "VPC001"
    assert diagnostic["start"]["line"] == 1
    assert "nesting too deep" in diagnostic["message"]
    assert "400 levels" in diagnostic["message"]


def test_100000_levels_of_toml_inline_tables_are_refused(tmp_path):
    write(tmp_path / "wrangler.toml", "a = " + "{b = " * 100_000 + "1" + "}" * 100_000 + "\n")
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert diagnostic["code"] == "VPC001"
    assert "nesting too deep" in diagnostic["message"]


def test_toml_keys_of_100000_dotted_parts_are_refused(tmp_path):
    write(tmp_path / "wrangler.toml", "a" + ".a" * 100_000 + " = 1\n")
    write(tmp_path / "header" / "wrangler.toml", "[a" + ".a" * 100_000 + "]\n")
    status, diagnostics = findings("wrangler.toml", "header/wrangler.toml", cwd=tmp_path)
    assert status == 1
    assert [d["code"] for d in diagnostics] == ["VPC001", "VPC001"]
    assert all("dotted parts" in d["message"] for d in diagnostics)


def test_toml_nesting_of_400_levels_is_read():
    assert lint_text("a = " + "[" * 400 + "]" * 400, "wrangler.toml") == []


# ---------------------------------------------------------------------------- size


def test_a_30_mb_file_is_over_the_size_limit(tmp_path):
    write(tmp_path / "wrangler.json", '{"name": "' + "x" * 30_000_000 + '"}')
    diagnostic = one_finding("wrangler.json", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert diagnostic["message"] == (
        "the file is 30,000,012 bytes, over vpclint's limit of 16 MiB for a config file"
    )


def test_a_string_just_under_the_size_limit_is_read(tmp_path):
    text = '{"name": "' + "x" * (MAX_FILE_BYTES - 12) + '"}'
    assert len(text) == MAX_FILE_BYTES
    write(tmp_path / "wrangler.json", text)
    assert findings("wrangler.json", cwd=tmp_path) == (0, [])


def test_standard_input_over_the_size_limit_is_vpc002(tmp_path):
    data = b'{"name": "' + b"x" * MAX_FILE_BYTES + b'"}'
    diagnostic = one_finding("--stdin-filename", "wrangler.json", "-", cwd=tmp_path, stdin=data)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert "size limit" in diagnostic["message"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_standard_input_is_vpc002(tmp_path):
    resource = pytest.importorskip("resource")
    limit = 512 * 1024 * 1024  # address space: an unbounded read fails fast, 16 MiB fits

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    options = ["--isolated", "--format", "json", "--stdin-filename", "wrangler.json", "-"]
    with open("/dev/zero", "rb") as endless:
        completed = subprocess.run(
            [sys.executable, "-m", "vpclint", *options],
            cwd=tmp_path,
            stdin=endless,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            preexec_fn=cap_memory,
        )
    assert completed.returncode == 1, completed.stderr
    [diagnostic] = json.loads(completed.stdout)["diagnostics"]
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert "size limit" in diagnostic["message"]


def test_20000_bindings_are_all_checked(tmp_path):
    names = [f"API_{number}" for number in range(20_000)]
    names.append("API_7")  # one duplicate, in the last entry
    write(tmp_path / "wrangler.toml", "\n".join(ENTRY.format(name=name) for name in names))
    entries = [{"binding": name, "service_id": UUID, "remote": True} for name in names]
    write(tmp_path / "wrangler.jsonc", json.dumps({"vpc_services": entries}))
    status, diagnostics = findings("wrangler.toml", "wrangler.jsonc", cwd=tmp_path)
    assert status == 1
    assert [(d["path"], d["code"]) for d in diagnostics] == [
        ("wrangler.jsonc", "VPC201"),
        ("wrangler.toml", "VPC201"),
    ]
    assert diagnostics[1]["start"]["line"] == 20_000 * 5 + 2  # `binding` of the last entry
    assert diagnostics[1]["related"][0]["start"]["line"] == 7 * 5 + 2


# ---------------------------------------------------------------------------- bytes


@pytest.mark.parametrize("name", ["wrangler.toml", "wrangler.json", "wrangler.jsonc"])
def test_random_bytes_are_one_finding(tmp_path, name):
    data = random.Random(name).randbytes(4096)
    write(tmp_path / name, data)
    diagnostic = one_finding(name, cwd=tmp_path)
    assert diagnostic["code"] in ("VPC001", "VPC002")


def test_invalid_utf8_is_vpc002_at_the_bad_byte(tmp_path):
    write(tmp_path / "wrangler.toml", b'name = "w"\nmain = "caf\xe9.js"\n')
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 2, 12)
    assert diagnostic["message"] == (
        "the file is not valid UTF-8 (byte 0xe9 at byte offset 22, line 2); save it as UTF-8"
    )


def test_utf16_with_a_byte_order_mark_is_vpc002(tmp_path):
    write(tmp_path / "wrangler.toml", 'name = "w"\n'.encode("utf-16"))
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert "UTF-16 LE byte order mark; save it as UTF-8" in diagnostic["message"]


def test_utf16_without_a_byte_order_mark_is_vpc002(tmp_path):
    write(tmp_path / "wrangler.json", '{"name": "w"}'.encode("utf-16-be"))
    diagnostic = one_finding("wrangler.json", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert "NUL byte" in diagnostic["message"]


def test_a_nul_byte_is_vpc002_at_the_nul(tmp_path):
    write(tmp_path / "wrangler.toml", b'name = "w"\nmain = "a\x00b"\n')
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 2, 10)
    assert diagnostic["message"] == (
        "the file contains a NUL byte, so it is binary, not a config file"
    )


def test_decode_errors_after_a_bom_are_placed_in_the_text_without_the_bom():
    [bad_byte] = lint_text(b"\xef\xbb\xbfname = 1\n\xa0x = 2\n", "wrangler.toml")
    [nul] = lint_text(b"\xef\xbb\xbfname = 1\n\x00\n", "wrangler.toml")
    for diagnostic in (bad_byte, nul):
        assert (diagnostic.code, diagnostic.start.line, diagnostic.start.column) == (
            "VPC002",
            2,
            1,
        )


def test_an_empty_toml_file_is_valid_and_an_empty_json_file_is_not(tmp_path):
    write(tmp_path / "toml" / "wrangler.toml", "")
    write(tmp_path / "json" / "wrangler.json", "")
    write(tmp_path / "blank" / "wrangler.jsonc", " \n\t\r\n")
    status, diagnostics = findings(
        "toml/wrangler.toml", "json/wrangler.json", "blank/wrangler.jsonc", cwd=tmp_path
    )
    assert status == 1
    assert [(d["path"], *at(d)) for d in diagnostics] == [
        ("blank/wrangler.jsonc", "VPC002", 1, 1),
        ("json/wrangler.json", "VPC002", 1, 1),
    ]
    assert diagnostics[0]["message"].startswith("the JSON file is empty")


@pytest.mark.parametrize("text", ["[]", "[{}]", "[\n  // comment\n]\n"])
def test_a_top_level_array_is_no_config(tmp_path, text):
    # wrangler 4.164.0 (../shared/oracle/wrangler-check) reads `[]` as a config with no
    # settings, and `[1, 2]` with unexpected fields "0", "1": an array is no config, and
    # vpclint reports it as it reports a top-level string (VPC001).
    write(tmp_path / "wrangler.json", text)
    status, diagnostics = findings("wrangler.json", cwd=tmp_path)
    assert status == 1
    assert [at(diagnostic) for diagnostic in diagnostics] == [("VPC001", 1, 1)]


# ---------------------------------------------------------------------------- paths


def a_tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write(root / "app" / "wrangler.toml", ENTRY.format(name="API"))
    return root


@needs_fifo
def test_fifos_in_a_folder_walk_are_skipped(tmp_path):
    root = a_tree(tmp_path)
    os.mkfifo(root / "app" / "wrangler.json")
    (root / "other").mkdir()
    os.mkfifo(root / "other" / "service.json")  # a payload candidate by suffix
    completed = vpclint("--isolated", "repo", cwd=tmp_path)
    assert completed.returncode == 0
    assert completed.stdout.decode().strip() == "no problems in 1 file"


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_vpc002(tmp_path):
    os.mkfifo(tmp_path / "wrangler.json")
    os.mkfifo(tmp_path / "payload.json")
    status, diagnostics = findings("wrangler.json", cwd=tmp_path)
    assert status == 1
    assert [d["message"] for d in diagnostics] == [
        "not a regular file (a FIFO, socket or device); vpclint reads only regular files"
    ]
    [diagnostic] = findings("--kind", "payload", "payload.json", cwd=tmp_path)[1]
    assert diagnostic["code"] == "VPC002"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_never_read(tmp_path):
    (tmp_path / "wrangler.json").symlink_to("/dev/zero")
    status, diagnostics = findings("wrangler.json", cwd=tmp_path)
    assert status == 1
    assert [at(d) for d in diagnostics] == [("VPC002", 1, 1)]
    assert "not a regular file" in diagnostics[0]["message"]
    [diagnostic] = findings("--kind", "wrangler", "/dev/zero", cwd=tmp_path)[1]
    assert diagnostic["code"] == "VPC002"


def test_symlink_loops_in_a_folder_walk_end(tmp_path):
    root = a_tree(tmp_path)
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to("..")
    (root / "loop" / "self").symlink_to("../loop")
    (root / "loop" / "wrangler.toml").symlink_to("wrangler.toml")  # a link to itself
    completed = vpclint("--isolated", "repo", cwd=tmp_path)
    assert completed.returncode == 0
    assert completed.stdout.decode().strip() == "no problems in 1 file"


def test_a_folder_search_never_reads_a_symlinked_file(tmp_path):
    # A pull request can add a symlink to a secret; a syntax error would print its line.
    write(tmp_path / "secret.env", "API_TOKEN=abc123\n")
    root = a_tree(tmp_path)
    write(root / ".env", "API_TOKEN=abc123\n")
    (root / "wrangler.toml").symlink_to(tmp_path / "secret.env")
    (root / "app" / "wrangler.json").symlink_to("../.env")
    (root / "leak.json").symlink_to(tmp_path / "secret.env")
    completed = vpclint("--isolated", "repo", cwd=tmp_path)
    assert completed.returncode == 0
    assert completed.stdout.decode().strip() == "no problems in 1 file"
    named = vpclint("--isolated", "--format", "concise", "repo/wrangler.toml", cwd=tmp_path)
    assert named.returncode == 1  # named on the command line: read, as asked
    assert named.stdout.decode().startswith("repo/wrangler.toml:1:")


def test_a_symlink_loop_named_on_the_command_line_is_vpc002(tmp_path):
    (tmp_path / "wrangler.toml").symlink_to("wrangler.toml")
    diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert diagnostic["message"].startswith("cannot read the file: ")


def test_a_path_that_does_not_exist_is_vpc002(tmp_path):
    status, diagnostics = findings("missing/wrangler.toml", "missing-folder", cwd=tmp_path)
    assert status == 1
    assert [(d["path"], *at(d), d["message"]) for d in diagnostics] == [
        ("missing-folder", "VPC002", 1, 1, "no such file"),
        ("missing/wrangler.toml", "VPC002", 1, 1, "no such file"),
    ]


def test_a_path_through_a_file_cannot_be_read(tmp_path):
    write(tmp_path / "a", "not a folder\n")
    diagnostic = one_finding("a/wrangler.toml", cwd=tmp_path)
    assert at(diagnostic) == ("VPC002", 1, 1)
    assert diagnostic["message"] == "cannot read the file: Not a directory"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever the mode"
)
def test_a_file_without_read_permission_is_vpc002(tmp_path):
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    config.chmod(0)
    try:
        diagnostic = one_finding("wrangler.toml", cwd=tmp_path)
    finally:
        config.chmod(0o644)
    assert diagnostic["message"] == "cannot read the file: Permission denied"


def test_a_folder_where_a_file_is_expected_is_vpc002(tmp_path):
    (tmp_path / "wrangler.toml").mkdir()
    target = Target(str(tmp_path / "wrangler.toml"), "wrangler", "toml")
    [diagnostic] = lint([target]).diagnostics
    assert (diagnostic.code, diagnostic.message) == ("VPC002", "this is a folder, not a file")


def test_a_folder_named_like_a_config_is_unreadable_not_searched(tmp_path):
    write(tmp_path / "wrangler.toml" / "app" / "wrangler.toml", ENTRY.format(name="API"))
    completed = vpclint("--isolated", "--format", "concise", "wrangler.toml", cwd=tmp_path)
    assert completed.returncode == 1
    assert (
        completed.stdout.decode()
        == "wrangler.toml:1:1: VPC002 [error] this is a folder, not a file\n"
    )


# ---------------------------------------------------------------------------- internal faults

FAULT = "boom\x1b[2J\nsecond line"  # an exception message that is hostile itself
PLANT_FAULT = f"""
import sys
import vpclint.runner

def broken_check(result, inventory=None):
    raise RuntimeError({FAULT!r})

vpclint.runner.run_document_checks = broken_check
from vpclint.cli import main
main(sys.argv[1:])
"""


def assert_one_line_fault_report(stderr: str) -> None:
    assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr
    assert stderr.startswith("vpclint: internal error (RuntimeError: boom\\x1b[2J\\nsecond line)")
    assert f"this is a bug in vpclint {__version__}: please report it to" in stderr
    assert "http" not in stderr  # the project publishes no address: none is invented
    assert "--debug" in stderr
    assert "Traceback" not in stderr


def test_an_internal_fault_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    import vpclint.runner
    from vpclint.cli import main

    def broken_check(result, inventory=None):
        raise RuntimeError(FAULT)

    monkeypatch.setattr(vpclint.runner, "run_document_checks", broken_check)
    config = write(tmp_path / "wrangler.toml", ENTRY.format(name="API"))
    with pytest.raises(SystemExit) as ended:
        main(["--isolated", str(config)])
    out, err = capsys.readouterr()
    assert ended.value.code == 2
    assert out == ""
    assert_one_line_fault_report(err)
    with pytest.raises(RuntimeError, match="boom"):  # --debug lets it through
        main(["--isolated", "--debug", str(config)])


def test_an_internal_fault_in_the_real_executable(tmp_path):
    write(tmp_path / "wrangler.toml", ENTRY.format(name="API"))
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", PLANT_FAULT, "--isolated", "wrangler.toml"]
    plain = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=TIMEOUT, env=env)
    assert plain.returncode == 2
    assert plain.stdout == b""
    assert_one_line_fault_report(plain.stderr.decode("utf-8"))
    debug = subprocess.run(
        [*command, "--debug"], cwd=tmp_path, capture_output=True, timeout=TIMEOUT, env=env
    )
    assert debug.returncode != 0
    stderr = debug.stderr.decode("utf-8")
    assert stderr.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in stderr
