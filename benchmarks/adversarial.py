"""Adversarial inputs for every regular expression vpclint runs on file content.

Each case is a whole file whose one long value (or comment) repeats the piece that makes
a backtracking pattern rescan the rest of the value from every repetition: the
placeholder patterns of VPC206/VPC207 and VPC308 (`{{`, `<`, `${`), the suppression
comment pattern, the hostname and port splitting of VPC307, the check for a dotted key
that wrangler may refuse, and the JSONC and TOML scanners. vpclint must lint each in time linear in its size. `benchmarks/bench.py`
times them at 1 MiB; `tests/test_linear_time.py` checks the growth at smaller sizes.
"""

from __future__ import annotations

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
TUNNEL = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def _wrangler_toml(field: str, value: str) -> str:
    target = "service_id" if field == "service_id" else "tunnel_id"
    list_key = "vpc_services" if target == "service_id" else "vpc_networks"
    return f'[[{list_key}]]\nbinding = "API"\n{target} = "{value}"\nremote = true\n'


def _payload(host_key: str, value: str, tunnel: str = TUNNEL) -> str:
    if host_key == "hostname":
        host = f'"hostname": "{value}", "resolver_network": {{"tunnel_id": "{tunnel}"}}'
    else:
        host = f'"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{value}"}}'
    return f'{{"name": "api", "type": "tcp", "tcp_port": 5432, "host": {{{host}}}}}\n'


# name -> (file name, piece repeated, builder of the file text from the long value)
CASES = {
    "service_id of `{{`": ("wrangler.toml", "{{", lambda v: _wrangler_toml("service_id", v)),
    "service_id of `<`": ("wrangler.toml", "<", lambda v: _wrangler_toml("service_id", v)),
    "service_id of `${`": ("wrangler.toml", "${", lambda v: _wrangler_toml("service_id", v)),
    "service_id of `%a`": ("wrangler.toml", "%a", lambda v: _wrangler_toml("service_id", v)),
    "tunnel_id of `{{`": ("wrangler.toml", "{{", lambda v: _wrangler_toml("tunnel_id", v)),
    "payload tunnel_id of `{{`": ("vpc-service.json", "{{", lambda v: _payload("tunnel", v)),
    "payload tunnel_id of `<`": ("vpc-service.json", "<", lambda v: _payload("tunnel", v)),
    "payload tunnel_id of `${`": ("vpc-service.json", "${", lambda v: _payload("tunnel", v)),
    "payload hostname of `a:`": ("vpc-service.json", "a:", lambda v: _payload("hostname", v)),
    "payload hostname of `[`": ("vpc-service.json", "[", lambda v: _payload("hostname", v)),
    "suppression comment of `# vpclint: ignore[`": (
        "wrangler.toml",
        "# vpclint: ignore[",
        lambda v: f"{_wrangler_toml('service_id', UUID)}{v}\n",
    ),
    # every line of a TOML multi-line string is tried as a dotted key (wrangler refuses
    # some): a quoted key part that never closes, or a bare one with no dot after it
    'TOML string of lines like `"\\"`': (
        "wrangler.toml",
        '\n"\\"',
        lambda v: f"name = '''{v}'''\n",
    ),
    "TOML string of lines like `key `": (
        "wrangler.toml",
        "\nkey ",
        lambda v: f"name = '''{v}'''\n",
    ),
    "JSONC comment of `//` and `/*`": (
        "wrangler.jsonc",
        "/* // ",
        lambda v: f'{{"name": "w"}} // {v}\n',
    ),
}


def case_text(name: str, size: int) -> str:
    """The file of case ``name`` with a long value of about ``size`` bytes."""
    _, piece, build = CASES[name]
    return build(piece * (size // len(piece)))
