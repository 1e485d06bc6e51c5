"""``vpclint server``: the real server as a subprocess, driven over stdio as an editor
drives it (see ``lsp_client.py``). Every wait is for a notification or a response, with
a generous timeout; nothing sleeps."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import CAPABILITIES, LspClient, apply_edits, file_uri

from vpclint.rules.registry import RULES, load_every_rule

TUNNEL = "0199295b-b3ac-7760-8246-bca40877b3e9"
SERVICE = "0199295b-b3ac-7760-8246-bca40877b3e9"
PUBLISH = "textDocument/publishDiagnostics"


def payload(name: str, kind: str, ip: str) -> str:
    return (
        f'{{"name": "{name}", "type": "{kind}", "host": {{"ipv4": "{ip}", '
        f'"network": {{"tunnel_id": "{TUNNEL}"}}}}, "tcp_port": 5432}}\n'
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "payloads").mkdir()
    return tmp_path


@pytest.fixture
def client(workspace: Path):
    started = LspClient(cwd=workspace)
    yield started
    started.kill()


def where(diagnostic: dict) -> tuple[int, int, int, int]:
    r = diagnostic["range"]
    return r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"]


def codes(diagnostics: list[dict]) -> list[str]:
    return [d.get("code") for d in diagnostics]


def quick_fixes(client: LspClient, path: Path, diagnostic: dict) -> list[dict]:
    """The quick fixes offered for one finding (without the fix-all source action)."""
    return [a for a in code_actions(client, path, diagnostic) if a["kind"] == "quickfix"]


def code_actions(client: LspClient, path: Path, diagnostic: dict) -> list[dict]:
    return (
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": file_uri(path)},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            },
        )
        or []
    )


def edits_of(action: dict, path: Path) -> list[dict]:
    return action["edit"]["changes"][file_uri(path)]


def test_broken_files_and_payloads_get_exact_diagnostics(client, workspace):
    toml = workspace / "wrangler.toml"
    toml.write_text('[[vpc_services]]\nbinding = "API\nservice_id = "x"\n')
    jsonc = workspace / "wrangler.jsonc"
    jsonc.write_text(
        '{\n  // the API\n  "vpc_services": [\n    { "binding": "API", "remote": true,'
        f' "service_id": "{SERVICE}" }}\n  ]\n  "name": "w"\n}}\n'
    )
    api = workspace / "payloads" / "api.json"
    api.write_text(payload("🚀 api", "TCP", "10.0.0.1"))
    result = client.initialize(workspace)
    assert result["capabilities"]["positionEncoding"] == "utf-16"
    assert result["capabilities"]["textDocumentSync"]["change"] == 1  # whole documents

    client.open(toml, "toml")
    (syntax,) = client.diagnostics(file_uri(toml), 1)
    assert syntax["code"] == "VPC001" and syntax["source"] == "vpclint"
    assert syntax["severity"] == 1 and "codeDescription" not in syntax
    assert "string is not closed" in syntax["message"]
    assert where(syntax) == (1, 10, 1, 14)

    client.open(jsonc, "jsonc")
    (syntax,) = client.diagnostics(file_uri(jsonc), 1)
    assert syntax["code"] == "VPC001" and "a `,` is missing?" in syntax["message"]
    assert where(syntax) == (5, 2, 5, 8)

    client.open(api, "json")
    (lowercase,) = client.diagnostics(file_uri(api), 1)
    assert lowercase["code"] == "VPC302" and lowercase["severity"] == 1
    # `"TCP"` starts at code point 26 of the line; the rocket is two UTF-16 code units
    assert where(lowercase) == (0, 27, 0, 32)

    # edit the TOML: the syntax error is fixed, the rules now run on the unsaved text
    client.change(toml, '[[vpc_services]]\nbinding = "API"\nservice_id = "x"\n', 2)
    found = client.diagnostics(file_uri(toml), 2)
    assert codes(found) == ["VPC203", "VPC206"]
    assert where(found[0]) == (0, 0, 0, 16)
    assert where(found[1]) == (2, 13, 2, 16)
    assert found[0]["severity"] == 2  # warning
    assert toml.read_text().count('"API\n') == 1  # nothing written to disk

    assert client.shutdown() == 0


@pytest.mark.parametrize(
    ("encodings", "chosen", "end"),
    [([], "utf-16", 18), (["utf-8", "utf-16"], "utf-8", 20), (["utf-32"], "utf-32", 17)],
)
def test_crlf_tabs_and_astral_characters(client, workspace, encodings, chosen, end):
    toml = workspace / "wrangler.toml"
    text = '# 🚀🚀\r\n[[vpc_services]]\r\n\tbinding = "API"\r\n\tremote = true\r\n\tservice_id = "🚀"\r\n'
    toml.write_bytes(text.encode())
    capabilities = json.loads(json.dumps(CAPABILITIES))
    capabilities["general"]["positionEncodings"] = encodings
    result = client.initialize(workspace, capabilities)
    assert result["capabilities"]["positionEncoding"] == chosen
    client.open(toml, "toml", text=text)
    (placeholder,) = client.diagnostics(file_uri(toml), 1)
    assert placeholder["code"] == "VPC206"
    # after a tab (one unit) and `service_id = `; the rocket is 2 UTF-16 units, 4 bytes
    assert where(placeholder) == (4, 14, 4, end)
    assert client.shutdown() == 0


def test_a_byte_order_mark_in_the_editor_text(client, workspace):
    toml = workspace / "wrangler.toml"
    text = f'\ufeff[[vpc_services]]\nbinding = "API"\nservice_id = "{SERVICE}"\n'
    toml.write_text(text)
    client.initialize(workspace)
    client.open(toml, "toml", text=text)
    (unset,) = client.diagnostics(file_uri(toml), 1)
    assert unset["code"] == "VPC203" and where(unset) == (0, 1, 0, 17)
    fix, action = quick_fixes(client, toml, unset)
    assert fix["title"] == "add `remote = true` (VPC203)"
    assert apply_edits(text, edits_of(fix, toml)).startswith(
        f'\ufeff[[vpc_services]]\nbinding = "API"\nservice_id = "{SERVICE}"\nremote = true\n'
    )
    text = apply_edits(text, edits_of(action, toml))
    assert text.startswith("\ufeff[[vpc_services]]  # vpclint: ignore[VPC203]\n")


def test_related_information_and_cross_file_duplicate_names(client, workspace):
    toml = workspace / "wrangler.toml"
    toml.write_text(
        '[[kv_namespaces]]\nbinding = "DB"\nid = "abc"\n\n'
        f'[[vpc_services]]\nbinding = "DB"\nservice_id = "{SERVICE}"\nremote = true\n'
    )
    other = workspace / "payloads" / "other.json"
    other.write_text(payload("orders", "tcp", "10.0.0.2"))  # on disk, never opened
    api = workspace / "payloads" / "api.json"
    api.write_text(payload("billing", "tcp", "10.0.0.1"))
    client.initialize(workspace)

    client.open(toml, "toml")
    (clash,) = client.diagnostics(file_uri(toml), 1)
    assert clash["code"] == "VPC201" and where(clash) == (5, 10, 5, 14)
    (related,) = clash["relatedInformation"]
    assert related["message"] == "first used here"
    assert related["location"]["uri"] == file_uri(toml)
    assert where(related["location"]) == (1, 10, 1, 14)

    client.open(api, "json")
    assert client.diagnostics(file_uri(api), 1) == []
    client.change(api, payload("orders", "tcp", "10.0.0.1"), 2)
    found = client.diagnostics(file_uri(api), 2)
    duplicate = [d for d in found if d["code"] == "VPC317"]
    assert len(duplicate) == 1 and "already used" in duplicate[0]["message"]
    assert "other.json" in duplicate[0]["message"] or "api.json" in duplicate[0]["message"]
    assert client.shutdown() == 0


def test_code_actions_write_valid_suppressions(client, workspace):
    toml = workspace / "wrangler.toml"
    text = f'[[vpc_services]]\nbinding = "API"\nservice_id = "{SERVICE}"\n'
    toml.write_text(text)
    client.initialize(workspace)
    client.open(toml, "toml")
    (unset,) = client.diagnostics(file_uri(toml), 1)
    fix, action = quick_fixes(client, toml, unset)
    assert fix["isPreferred"] is True and fix["kind"] == "quickfix"
    assert action["title"] == "Ignore VPC203 on this line" and action["kind"] == "quickfix"
    assert "command" not in action  # the edit itself, nothing behind the client's back
    text = apply_edits(text, edits_of(action, toml))
    assert text.splitlines()[0] == "[[vpc_services]]  # vpclint: ignore[VPC203]"
    client.change(toml, text, 2)
    assert client.diagnostics(file_uri(toml), 2) == []

    # a second code on that line extends the comment instead of adding another
    text = (
        '[[vpc_services]]\nbinding = "API"\nremote = "yes"  # vpclint: ignore[VPC208] -- ok\n'
        f'service_id = "{SERVICE}"\n'
    )
    client.change(toml, text, 3)
    found = client.diagnostics(file_uri(toml), 3)
    by_code = {d["code"]: d for d in found}
    assert sorted(by_code) == ["VPC004", "VPC106"], found
    fix, action = quick_fixes(client, toml, by_code["VPC106"])
    assert fix["title"] == "write `remote = true` (VPC106, unsafe)"
    assert not fix.get("isPreferred")
    text = apply_edits(text, edits_of(action, toml))
    assert text.split("\n")[2] == 'remote = "yes"  # vpclint: ignore[VPC208, VPC106] -- ok'
    client.change(toml, text, 4)
    assert codes(client.diagnostics(file_uri(toml), 4)) == ["VPC004"]
    # VPC004 (an unused suppression) cannot be suppressed inline: its one action removes
    # the unused code
    (action,) = quick_fixes(client, toml, by_code["VPC004"])
    assert action["title"] == "remove VPC208 from the list (VPC004)"
    text = apply_edits(text, edits_of(action, toml))
    assert text.split("\n")[2] == 'remote = "yes"  # vpclint: ignore[VPC106] -- ok'
    client.change(toml, text, 5)
    assert client.diagnostics(file_uri(toml), 5) == []


def test_the_quick_fix_of_a_finding_removes_it(client, workspace):
    jsonc = workspace / "wrangler.jsonc"
    text = (
        '{\r\n  "vpc_services": [\r\n    {\r\n      "binding": "API", // the billing API\r\n'
        f'      "service_id": "{SERVICE}"\r\n    }}\r\n  ]\r\n}}\r\n'
    )
    jsonc.write_text(text, newline="")
    client.initialize(workspace)
    client.open(jsonc, "jsonc", text=text)
    (unset,) = client.diagnostics(file_uri(jsonc), 1)
    assert unset["code"] == "VPC203"
    fix, _ignore = quick_fixes(client, jsonc, unset)
    assert fix["title"] == 'add `"remote": true` (VPC203)' and fix["isPreferred"] is True
    assert fix["diagnostics"][0]["code"] == "VPC203"
    text = apply_edits(text, edits_of(fix, jsonc))
    assert f'"service_id": "{SERVICE}",\r\n      "remote": true\r\n    }}' in text
    client.change(jsonc, text, 2)
    assert client.diagnostics(file_uri(jsonc), 2) == []


def test_fix_all_applies_every_safe_fix(client, workspace):
    toml = workspace / "wrangler.toml"
    text = (
        '[[vpc_services]]\nbinding = "API"\nservice_id = "0199295BB3AC77608246BCA40877B3E9"\n'
        '\n[[vpc_services]]\nbinding = "DB"  # the database\n'
        f'service_id = "{SERVICE}"\nremote = false\n'
    )
    toml.write_text(text)
    client.initialize(workspace)
    client.open(toml, "toml")
    found = client.diagnostics(file_uri(toml), 1)
    assert sorted(codes(found)) == ["VPC202", "VPC203", "VPC206"]
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 0}}
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": file_uri(toml)},
            "range": whole,
            "context": {"diagnostics": found, "only": ["source.fixAll.vpclint"]},
        },
    )
    (fix_all,) = actions
    assert fix_all["title"] == "Fix all vpclint problems"
    assert fix_all["kind"] == "source.fixAll.vpclint"
    text = apply_edits(text, edits_of(fix_all, toml))
    assert text == (
        '[[vpc_services]]\nbinding = "API"\n'
        'service_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\nremote = true\n'
        '\n[[vpc_services]]\nbinding = "DB"  # the database\n'
        f'service_id = "{SERVICE}"\nremote = false\n'
    )
    client.change(toml, text, 2)
    assert codes(client.diagnostics(file_uri(toml), 2)) == ["VPC202"]  # unsafe: left


def test_code_action_jsonc_and_multiline_string(client, workspace):
    jsonc = workspace / "wrangler.jsonc"
    text = (
        '{\r\n  "vpc_services": [\r\n'
        '    { "binding": "API", "remote": true, "service_id": "REPLACE_ME" }\r\n  ]\r\n}\r\n'
    )
    jsonc.write_text(text, newline="")
    toml = workspace / "wrangler.toml"
    toml_text = (
        '[[vpc_services]]\nbinding = "API"\nremote = true\nservice_id = """REPLACE_ME\n"""\n'
    )
    toml.write_text(toml_text)
    client.initialize(workspace)

    client.open(jsonc, "jsonc", text=text)
    (placeholder,) = client.diagnostics(file_uri(jsonc), 1)
    (action,) = code_actions(client, jsonc, placeholder)
    text = apply_edits(text, edits_of(action, jsonc))
    assert '"REPLACE_ME" }  // vpclint: ignore[VPC206]\r\n' in text
    client.change(jsonc, text, 2)
    assert client.diagnostics(file_uri(jsonc), 2) == []

    # the line ends inside a multi-line string: the comment goes on its own line above
    client.open(toml, "toml")
    (placeholder,) = client.diagnostics(file_uri(toml), 1)
    assert placeholder["code"] == "VPC206"
    (action,) = code_actions(client, toml, placeholder)
    toml_text = apply_edits(toml_text, edits_of(action, toml))
    assert '# vpclint: ignore[VPC206]\nservice_id = """REPLACE_ME\n' in toml_text
    client.change(toml, toml_text, 2)
    assert client.diagnostics(file_uri(toml), 2) == []


def test_payloads_get_no_comment(client, workspace):
    api = workspace / "payloads" / "api.json"
    api.write_text(payload("api", "TCP", "10.0.0.1"))
    client.initialize(workspace)
    client.open(api, "json")
    (lowercase,) = client.diagnostics(file_uri(api), 1)
    fix, ignore = quick_fixes(client, api, lowercase)
    # the title is the finding's fix hint
    assert fix["title"] == 'write "tcp" (VPC302)' and fix["kind"] == "quickfix"
    assert apply_edits(api.read_text(), edits_of(fix, api)) == payload("api", "tcp", "10.0.0.1")
    assert "edit" not in ignore and "strict JSON" in ignore["disabled"]["reason"]


def test_hover_shows_the_rule_documentation(client, workspace):
    load_every_rule()
    toml = workspace / "wrangler.toml"
    toml.write_text(f'[[vpc_services]]\nbinding = "API"\nservice_id = "{SERVICE}"\n')
    client.initialize(workspace)
    client.open(toml, "toml")
    (unset,) = client.diagnostics(file_uri(toml), 1)
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": file_uri(toml)}, "position": {"line": 0, "character": 3}},
    )
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    rule = RULES["VPC203"]
    for part in (rule.what, rule.why, rule.example.strip(), rule.use_instead.strip()):
        assert part in value
    assert where(hover) == where(unset)
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": file_uri(toml)}, "position": {"line": 1, "character": 2}},
    )
    assert nothing is None


def placeholder_config(workspace: Path) -> Path:
    """A wrangler config whose one finding with the default settings is VPC206."""
    toml = workspace / "wrangler.toml"
    toml.write_text('[[vpc_services]]\nbinding = "API"\nremote = true\nservice_id = "x"\n')
    return toml


def test_settings_are_read_again_when_a_config_changes(client, workspace):
    config = workspace / "vpclint.toml"
    config.write_text('ignore = ["VPC206"]\n')
    toml = placeholder_config(workspace)
    client.initialize(workspace)
    client.open(toml, "toml")
    assert client.diagnostics(file_uri(toml), 1) == []

    # changed on disk: the client's file watcher tells the server
    config.write_text('ignore = ["VPC203"]\n')
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": file_uri(config), "type": 2}]}
    )
    assert codes(client.diagnostics(file_uri(toml), 1)) == ["VPC206"]

    # open in the editor: its unsaved text applies; a mistake is one diagnostic there
    client.open(config, "toml")
    assert codes(client.diagnostics(file_uri(toml), 1)) == ["VPC206"]
    client.change(config, 'ignore = ["VPC206"]\nfail-on = "never"\n', 2)
    (problem,) = client.diagnostics(file_uri(config))
    assert "fail-on" in problem["message"] and "must be one of" in problem["message"]
    assert where(problem) == (1, 0, 1, 7)
    shown = client.wait_for("window/showMessage")
    assert shown["type"] == 1 and "vpclint.toml" in shown["message"]
    assert codes(client.diagnostics(file_uri(toml), 1)) == ["VPC206"]  # the defaults meanwhile
    client.change(config, 'ignore = ["VPC206"]\n', 3)
    assert client.diagnostics(file_uri(config)) == []
    assert client.diagnostics(file_uri(toml), 1) == []
    assert client.shutdown() == 0


def test_invalid_toml_in_config_is_a_diagnostic_not_a_crash(client, workspace):
    config = workspace / ".vpclint.toml"
    config.write_text("ignore = [\n")
    toml = placeholder_config(workspace)
    client.initialize(workspace)
    client.open(toml, "toml")
    # the default settings apply meanwhile
    assert codes(client.diagnostics(file_uri(toml), 1)) == ["VPC206"]
    (problem,) = client.diagnostics(file_uri(config))
    assert "invalid TOML" in problem["message"] and problem["range"]["start"]["line"] == 1
    assert "invalid configuration" in client.wait_for("window/showMessage")["message"]
    # fixed and saved in the editor (a client without file watching)
    client.open(config, "toml")
    assert codes(client.diagnostics(file_uri(toml), 1)) == ["VPC206"]
    config.write_text('ignore = ["VPC206"]\n')
    client.change(config, 'ignore = ["VPC206"]\n', 2)
    client.notify("textDocument/didSave", {"textDocument": {"uri": file_uri(config)}})
    assert client.diagnostics(file_uri(config)) == []
    assert client.diagnostics(file_uri(toml), 1) == []
    assert client.shutdown() == 0


def test_an_unusable_inventory_is_a_config_problem_not_a_fault(client, workspace):
    config = workspace / "vpclint.toml"
    config.write_text('select = ["ALL"]\ninventory = ["account/services.json"]\n')
    toml = placeholder_config(workspace)
    client.initialize(workspace)
    client.open(toml, "toml")
    # linted without the inventory meanwhile: the placeholder is still reported
    assert "VPC206" in codes(client.diagnostics(file_uri(toml), 1))
    (problem,) = client.diagnostics(file_uri(config))
    assert "account/services.json" in problem["message"]
    assert "cannot read the inventory" in problem["message"]
    assert where(problem) == (1, 0, 1, 9)  # the `inventory` key
    assert client.shutdown() == 0


def test_pyproject_tool_table_applies(client, workspace):
    (workspace / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.vpclint]\nexclude = ["legacy"]\n\n'
        '[tool.vpclint.per-file-ignores]\n"wrangler.toml" = ["VPC206"]\n'
    )
    toml = placeholder_config(workspace)
    legacy = workspace / "legacy" / "wrangler.toml"
    legacy.parent.mkdir()
    legacy.write_text("[[vpc_services]]\n")
    client.initialize(workspace, {})  # a client that offers nothing optional
    client.open(legacy, "toml")  # excluded, as a folder search would skip it
    client.open(toml, "toml")
    assert client.diagnostics(file_uri(toml), 1) == []
    assert not [m for m in client.seen if m["params"].get("uri") == file_uri(legacy)]
    assert client.shutdown() == 0


def test_language_id_names_an_untitled_payload(client, workspace):
    client.initialize(workspace)
    uri = "untitled:Untitled-1"
    text = payload("api", "TCP", "10.0.0.1")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}},
    )
    assert codes(client.diagnostics(uri, 1)) == ["VPC302"]
    assert client.shutdown() == 0


def test_unreadable_text_and_close(client, workspace):
    empty = workspace / "wrangler.json"
    empty.write_text("")
    client.initialize(workspace)
    client.open(empty, "json")
    (problem,) = client.diagnostics(file_uri(empty), 1)
    assert problem["code"] == "VPC002" and "empty" in problem["message"]
    client.change(empty, '{"vpc_services": [\x00]}', 2)
    (problem,) = client.diagnostics(file_uri(empty), 2)
    assert problem["code"] == "VPC002" and "NUL" in problem["message"]
    assert where(problem) == (0, 18, 0, 18)
    client.notify("textDocument/didClose", {"textDocument": {"uri": file_uri(empty)}})
    assert client.diagnostics(file_uri(empty)) == []
    # a file that is neither a config nor a payload gets nothing
    readme = workspace / "notes.json"
    readme.write_text('{"hello": 1}')
    client.open(readme, "json")
    client.open(empty, "json", text="{}", version=5)
    assert client.diagnostics(file_uri(empty), 5) == []
    assert not [m for m in client.seen if m["params"].get("uri") == file_uri(readme)]
    assert client.shutdown() == 0


FAULTY_SERVER = textwrap.dedent(
    """
    import sys
    import vpclint.runner as runner

    original = runner.run_document_checks

    def faulty(result):
        if "BOOM" in result.document.source.text:
            raise RuntimeError("a rule failed")
        original(result)

    runner.run_document_checks = faulty
    from vpclint.server import main
    sys.exit(main())
    """
)


def test_an_internal_fault_is_logged_and_the_server_goes_on(workspace):
    client = LspClient([sys.executable, "-c", FAULTY_SERVER], cwd=workspace)
    try:
        bad = workspace / "wrangler.toml"
        bad.write_text('# BOOM\n[[vpc_services]]\nbinding = "API"\n')
        good = workspace / "sub" / "wrangler.toml"
        good.parent.mkdir()
        good.write_text('[[vpc_services]]\nbinding = "API"\nremote = true\n')
        client.initialize(workspace)
        client.open(bad, "toml")
        log = client.wait_for("window/logMessage", lambda p: "internal error" in p["message"])
        assert log["type"] == 1 and "a rule failed" in log["message"]
        client.open(good, "toml")
        assert codes(client.diagnostics(file_uri(good), 1)) == ["VPC104"]
        client.change(bad, '[[vpc_services]]\nbinding = "API"\n', 2)  # the fault is gone
        # (no VPC203: an entry without `service_id` gets no advice about `remote`)
        assert codes(client.diagnostics(file_uri(bad), 2)) == ["VPC104"]
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_server_without_its_dependencies_says_how_to_install(tmp_path):
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "pygls.py").write_text("raise ImportError('blocked for the test')\n")
    run = subprocess.run(
        [sys.executable, "-m", "vpclint", "server"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(blocker), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1
    assert "pip install './vpclint[server]'" in run.stderr and "Traceback" not in run.stderr


def test_the_lint_command_does_not_import_the_server(repo_dir):
    code = (
        "import sys\n"
        "from vpclint.entry import main\n"
        "try:\n"
        f"    main([{str(repo_dir / 'examples' / 'wrangler.toml')!r}])\n"
        "except SystemExit as stop:\n"
        "    print(json.dumps([stop.code, sorted(m for m in sys.modules\n"
        "        if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')\n"
        "        or m.startswith('vpclint.server'))]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(run.stdout.splitlines()[-1]) == [0, []]


CAPPED_SERVER = textwrap.dedent(
    """
    import sys
    import vpclint.server.session as session

    session.MAX_WALKED = 2
    from vpclint.server import main
    sys.exit(main())
    """
)


def test_the_workspace_search_for_payloads_is_bounded(workspace):
    for name in ("a", "b", "c"):
        (workspace / "payloads" / f"{name}.json").write_text(payload(name, "tcp", "10.0.0.1"))
    client = LspClient([sys.executable, "-c", CAPPED_SERVER], cwd=workspace)
    try:
        client.initialize(workspace)
        opened = workspace / "payloads" / "d.json"
        opened.write_text(payload("a", "tcp", "10.0.0.2"))
        client.open(opened, "json")
        note = client.wait_for("window/logMessage", lambda p: "stopped searching" in p["message"])
        assert note["type"] == 2 and "after 2 files" in note["message"]
        (duplicate,) = client.diagnostics(file_uri(opened), 1)
        assert duplicate["code"] == "VPC317" and "a.json" in duplicate["message"]
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_a_fix_on_trial_is_a_quick_fix_only_when_it_adds_no_error(client, workspace):
    """VPC101's fix makes wrangler read the table as a binding: offered when that binding
    raises no new error, not when its id is a placeholder (VPC206 would follow), as in the
    CLI."""
    toml = workspace / "wrangler.toml"
    text = f'[vpc_services]\nbinding = "API"\nservice_id = "{SERVICE}"\nremote = true\n'
    toml.write_text(text)
    client.initialize(workspace)
    client.open(toml, "toml")
    (table,) = client.diagnostics(file_uri(toml), 1)
    assert table["code"] == "VPC101"
    fix, _ignore = quick_fixes(client, toml, table)
    assert fix["title"].startswith("write `[[vpc_services]]`") and fix["isPreferred"] is True
    text = apply_edits(text, edits_of(fix, toml))
    assert text.startswith("[[vpc_services]]\n")
    client.change(toml, text, 2)
    assert client.diagnostics(file_uri(toml), 2) == []

    client.change(toml, '[vpc_services]\nbinding = "API"\nservice_id = "REPLACE_ME"\n', 3)
    (table,) = client.diagnostics(file_uri(toml), 3)
    (action,) = quick_fixes(client, toml, table)
    assert action["title"] == "Ignore VPC101 on this line"
