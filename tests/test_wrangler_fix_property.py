"""The wrangler fixes on generated configs (seeded, so a failure repeats).

Each config is written the many ways users write them (TOML tables, inline tables,
JSONC objects over one or several lines, tabs, CRLF, comments between keys, trailing
commas, no trailing newline, environments) and mutated the ways users get them wrong
(`remote` unset, false or a string, a misspelt key, an id without its hyphens, one binding
written as a table instead of a list, a misspelt list key, an environment without the
top-level lists). After
`--fix`, and after `--fix --unsafe-fixes`, the file parses, no new error code appears
(nor any new code, but for a warning of bindings a fix on trial made wrangler read),
and the parsed values differ only inside the entries (or keys) the fixes named.
"""

from __future__ import annotations

import random

import pytest

from vpclint.document import Document
from vpclint.fixes import fix_target
from vpclint.rules.wrangler.keys import misspelt_lists
from vpclint.runner import Target, lint, parse

IDS = [
    "0199295b-b3ac-7760-8246-bca40877b3e9",
    "6ff42ae2-765d-4adf-8112-31c55c1551ef",
    "0199295b-b3ac-7760-8246-bca40877b3e8",
]
REMOTES = [None, "true", "false", '"true"', '"TRUE"', '"yes"', "1", '"false"', "null", '"on"']
MISSPELT = {"binding": ["Binding", "bindng"], "service_id": ["service_ID", "serviceid"]}
MISSPELT["remote"] = ["remot", "Remote"]
MISSPELT["tunnel_id"] = ["tunnelid", "tunnel_ID"]


def entry_fields(rng: random.Random, list_key: str, index: int) -> list[tuple[str, str]]:
    """(key, value text) pairs of one entry, mutated (or, now and then, right: a list
    wrangler would read whole, for the fixes that make it read one); values as JSON/TOML
    literals."""
    target = "service_id" if list_key == "vpc_services" else "tunnel_id"
    uuid = rng.choice(IDS)
    name = f'"{list_key[4:7].upper()}_{index}"'  # SER_0, NET_0: one name per binding
    if rng.random() < 0.5:
        return [("binding", name), (target, f'"{uuid}"'), ("remote", "true")]
    id_text = rng.choice(
        [uuid, uuid.replace("-", ""), uuid.upper().replace("-", ""), f"{{{uuid}}}", f" {uuid} "]
    )
    fields = [("binding", name), (target, f'"{id_text}"')]
    remote = rng.choice(REMOTES)
    if remote is not None:
        fields.append(("remote", remote))
    rng.shuffle(fields)
    if rng.random() < 0.3:
        spot = rng.randrange(len(fields))
        key, value = fields[spot]
        fields[spot] = (rng.choice(MISSPELT[key]), value)
    return fields


def toml_key(rng: random.Random, key: str) -> str:
    return rng.choice([key, key, f'"{key}"', f"'{key}'"])


# Misspelt list keys (VPC212): the Worker gets none of the bindings written under them.
MISSPELT_LISTS = {
    "vpc_services": ["vpc_service", "vpcServices", "vpc-services", "vpc_servcies"],
    "vpc_networks": ["vpc_network", "vpcNetworks", "vpc_netwroks"],
}


def list_key_written(rng: random.Random, list_key: str) -> str:
    """The list key as written: now and then misspelt (VPC212)."""
    return rng.choice(MISSPELT_LISTS[list_key]) if rng.random() < 0.15 else list_key


def single_table(rng: random.Random, entries: list) -> bool:
    """Whether one entry is written as a table / object instead of a list (VPC101)."""
    return len(entries) == 1 and rng.random() < 0.3


def toml_table(rng, header: str, fields, indent: str, nl: str, brackets: int = 2) -> str:
    lines = ["[" * brackets + header + "]" * brackets]
    for key, value in fields:
        if value == "null":
            continue
        if rng.random() < 0.2:
            lines.append(f"{indent}# about {key}")
        comment = "  # note" if rng.random() < 0.2 else ""
        lines.append(f"{indent}{toml_key(rng, key)} = {value}{comment}")
    if rng.random() < 0.3:
        lines.append("")
    return nl.join(lines) + nl


def toml_inline(rng, fields) -> str:
    return "{ " + ", ".join(f"{toml_key(rng, k)} = {v}" for k, v in fields if v != "null") + " }"


def toml_config(rng: random.Random) -> str:
    nl = rng.choice(["\n", "\r\n"])
    indent = rng.choice(["", "  ", "\t"])
    top, tables, env_lines = [f'name = "w"{nl}'], [], []
    scopes = ([], ["env", "staging"]) if rng.random() < 0.5 else ([],)
    for scope in scopes:
        for list_key in ("vpc_services", "vpc_networks"):
            entries = [entry_fields(rng, list_key, index) for index in range(rng.randrange(3))]
            if not entries:
                continue
            key = list_key_written(rng, list_key)
            single = single_table(rng, entries)
            if rng.random() < 0.3:
                inline = ", ".join(toml_inline(rng, e) for e in entries)
                line = f"{key} = {inline if single else f'[ {inline} ]'}{nl}"
                (env_lines if scope else top).append(line)
            else:
                header = ".".join([*scope, key])
                brackets = 1 if single else 2
                tables += [toml_table(rng, header, e, indent, nl, brackets) for e in entries]
    if env_lines or (len(scopes) > 1 and rng.random() < 0.5):
        tables.append(f'[env.staging]{nl}name = "w-staging"{nl}' + "".join(env_lines))
    text = "".join(top + tables)
    return text.rstrip("\r\n") if rng.random() < 0.2 else text


def json_entry(rng, fields, indent: str, depth: int, nl: str) -> str:
    trailing = "," if rng.random() < 0.3 else ""
    members = [f'"{key}": {value}' for key, value in fields]
    if rng.random() < 0.4:
        return "{" + ", ".join(members) + trailing + "}"
    pad = indent * (depth + 1)
    lines = []
    for position, member in enumerate(members):
        comma = "," if position < len(members) - 1 else trailing
        comment = " // note" if rng.random() < 0.2 else ""
        lines.append(f"{pad}{member}{comma}{comment}")
    if rng.random() < 0.2:
        lines.append(f"{pad}/* tail */")
    return "{" + nl + nl.join(lines) + nl + indent * depth + "}"


def json_config(rng: random.Random) -> str:
    nl = rng.choice(["\n", "\r\n"])
    indent = rng.choice(["  ", "\t", "    "])

    def lists(depth: int) -> list[str]:
        found = []
        for list_key in ("vpc_services", "vpc_networks"):
            entries = [
                json_entry(rng, entry_fields(rng, list_key, index), indent, depth + 1, nl)
                for index in range(rng.randrange(3))
            ]
            key = list_key_written(rng, list_key)
            if entries and single_table(rng, entries):
                found.append(f'"{key}": {entries[0]}')
            elif entries:
                joined = ("," + nl + indent * (depth + 1)).join(entries)
                found.append(f'"{key}": [{nl}{indent * (depth + 1)}{joined}{nl}{indent * depth}]')
        return found

    members = ['"name": "w"', *lists(1)]
    if rng.random() < 0.5:
        env = lists(3)
        staging = "{" + nl + indent * 3 + ("," + nl + indent * 3).join(env) + nl + indent * 2 + "}"
        members.append('"env": {' + nl + indent * 2 + '"staging": ' + staging + nl + indent + "}")
    return "{" + nl + indent + ("," + nl + indent).join(members) + nl + "}" + nl


def differences(before, after, path=()):
    """The paths at which two parsed values differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before.keys() | after.keys():
            if key not in before or key not in after:
                yield (*path, key)
            else:
                yield from differences(before[key], after[key], (*path, key))
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            yield from differences(old, new, (*path, index))
    elif before != after or type(before) is not type(after):
        yield path


ON_TRIAL = ("VPC101", "VPC204", "VPC212")


def fixed_place(path: tuple, code: str) -> tuple:
    """The part of the config a fix may change: the list it makes a list (VPC101), the
    environment it copies a list into (VPC204), else the entry (or scope) of the finding."""
    return path if code in ("VPC101", "VPC204") else path[:-1]


def value_at(root, path: tuple):
    node = root
    for part in path:
        if not isinstance(node, dict | list) or part not in (
            node if isinstance(node, dict) else range(len(node))
        ):
            return KeyError
        node = node[part]
    return node


def entries_written(value) -> list:
    """What each entry of a VPC list (or one table) holds, to compare lists a fix moved:
    the values but `remote`'s, ids folded, keys left out, since the entries may be fixed
    once wrangler reads them (a `remote` added, a misspelt key renamed, an id written as a
    UUID)."""
    entries = value if isinstance(value, list) else [value]
    return [
        sorted(
            str(item).strip().strip("{}").replace("-", "").lower()
            for key, item in entry.items()
            if not key.lower().startswith("remot")  # `remote` and its misspellings
        )
        if isinstance(entry, dict)
        else entry
        for entry in entries
    ]


def check_moved(diagnostic, path: tuple, before, after) -> None:
    """The bindings a fix that makes wrangler read them moves are the ones written:
    one table becomes a list of it (VPC101), a misspelt list keeps its entries under the
    right key (VPC212), an environment's copy is the top-level list (VPC204)."""
    if diagnostic.code == "VPC101":
        moved = value_at(after, path)
        assert moved == value_at(before, path) or (
            isinstance(moved, list)
            and entries_written(moved) == entries_written(value_at(before, path))
        ), diagnostic
    elif diagnostic.code == "VPC212" and value_at(after, path) is KeyError:
        meant = diagnostic.message.rsplit("`", 2)[-2]
        renamed = value_at(after, (*path[:-1], meant))
        assert entries_written(renamed) == entries_written(value_at(before, path)), diagnostic
    elif diagnostic.code == "VPC204":
        misspelt = misspelt_lists(value_at(before, path), path)  # renamed, not copied
        for list_key in ("vpc_services", "vpc_networks"):
            copied = value_at(after, (*path, list_key))
            if list_key in misspelt or value_at(before, (*path, list_key)) is not KeyError:
                continue
            if copied is not KeyError:
                top_level = value_at(after, (list_key,))
                assert entries_written(copied) == entries_written(top_level), diagnostic


def check_fixed(text: str, syntax: str, unsafe: bool) -> None:
    name = "wrangler.toml" if syntax == "toml" else "wrangler.jsonc"
    data = text.encode("utf-8")
    target = Target(name, "wrangler", syntax, data=data)
    before = lint([target]).diagnostics
    fixable = [d for d in before if d.fixable(unsafe)]
    outcome = fix_target(target, unsafe=unsafe)
    after_text = outcome.after.decode("utf-8")
    parsed_after = parse(after_text, syntax, "wrangler")  # raises if it broke the file
    after = lint([Target(name, "wrangler", syntax, data=outcome.after)]).diagnostics
    new = {d.code for d in after} - {d.code for d in before}
    assert not {d.code for d in after if d.severity == "error"} & new, (new, text, after_text)
    # a fix on trial may bring up a warning of the bindings wrangler then reads (an
    # unknown key in them, VPC105): never an error, and only when such a fix applied
    assert not new or any(d.code in ON_TRIAL for d in fixable), (new, text, after_text)
    assert (outcome.fixed > 0) == bool(fixable) or not fixable, text
    if not fixable:
        assert outcome.after == data
        return
    parsed_before = parse(text, syntax, "wrangler")
    doc = Document(name, "wrangler", syntax, None, parsed_before.value)
    # a fix on trial declined at first may apply once the others are made (VPC204 after
    # the top-level bindings it copies are fixed)
    may_fix = fixable + [d for d in before if d.code in ON_TRIAL and d not in fixable]
    allowed = [fixed_place(doc.path_of(d.pointer), d.code) for d in may_fix]
    if unsafe and any(
        d.code in ("VPC101", "VPC212") and d.pointer.count("/") == 1 for d in may_fix
    ):
        # a top-level list wrangler now reads may then be copied into an env (VPC204)
        envs = doc.value.get("env")
        allowed += [("env", name) for name in envs] if isinstance(envs, dict) else []
    for diagnostic in may_fix:
        check_moved(diagnostic, doc.path_of(diagnostic.pointer), doc.value, parsed_after.value)
    for changed in differences(parsed_before.value, parsed_after.value):
        assert any(changed[: len(prefix)] == prefix for prefix in allowed), (
            changed,
            text,
            after_text,
        )
    # what --fix leaves is stable: a second run changes nothing
    again = fix_target(Target(name, "wrangler", syntax, data=outcome.after), unsafe=unsafe)
    assert again.after == outcome.after, (text, after_text)


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("syntax", ["toml", "json"])
def test_fixes_keep_generated_configs_valid(seed, syntax):
    rng = random.Random(f"{syntax}-{seed}")
    text = toml_config(rng) if syntax == "toml" else json_config(rng)
    check_fixed(text, syntax, unsafe=False)
    check_fixed(text, syntax, unsafe=True)


def test_the_generated_configs_exercise_the_fixes_on_trial():
    """No silent skip: among the generated configs, VPC101, VPC204 and VPC212 each offer
    edits in TOML and in JSONC (and are declined in others)."""
    offered, declined = set(), set()
    for syntax in ("toml", "json"):
        name = "wrangler.toml" if syntax == "toml" else "wrangler.jsonc"
        for seed in range(60):
            rng = random.Random(f"{syntax}-{seed}")
            text = toml_config(rng) if syntax == "toml" else json_config(rng)
            for found in lint([Target(name, "wrangler", syntax, data=text.encode())]).diagnostics:
                if found.code in ON_TRIAL:
                    (offered if found.edits else declined).add((syntax, found.code))
    every = {(syntax, code) for syntax in ("toml", "json") for code in ON_TRIAL}
    assert offered == every and declined == every
