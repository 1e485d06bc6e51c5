"""The 35 payload examples of the VPC Service research (§12), with their verdicts.

VALID: no error and no warning. WARN: warnings, no error. INVALID: an error with
the expected code. The examples are written out here (compact, as the research
writes them), with `T` standing for a real tunnel UUID; example 33 is two host
fragments, tested inside a full payload, and 34 also covers a whitespace-only name.
"""

from __future__ import annotations

import pytest

from vpclint.runner import lint_text
from vpclint.settings import Settings

T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"
IP_HOST = '"host":{"ipv4":"10.0.0.1","network":{"tunnel_id":"T"}}'

# (id, verdict, expected error code or None, payload)
EXAMPLES = [
    (
        "01-docs-http-dual-stack",
        "VALID",
        None,
        '{"type":"http","name":"human-readable-name","http_port":80,"https_port":443,'
        '"host":{"ipv4":"10.0.0.1","ipv6":"fe80::","network":{"tunnel_id":"T"}}}',
    ),
    (
        "02-docs-http-hostname-resolver",
        "VALID",
        None,
        '{"type":"http","name":"human-readable-name","http_port":80,"https_port":443,'
        '"host":{"hostname":"example.com","resolver_network":{"tunnel_id":"T",'
        '"resolver_ips":["10.0.0.1"]}}}',
    ),
    (
        "03-minimal-http-hostname",
        "VALID",
        None,
        '{"type":"http","name":"web-server","host":{"hostname":"api.example.com",'
        '"resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "04-http-ipv4-custom-ports",
        "VALID",
        None,
        '{"type":"http","name":"web-server","http_port":8080,"https_port":8443,' + IP_HOST + "}",
    ),
    (
        "05-http-ipv6-only",
        "VALID",
        None,
        '{"type":"http","name":"v6-api","host":{"ipv6":"2001:db8::10","network":{"tunnel_id":"T"}}}',
    ),
    (
        "06-tcp-postgresql-ipv4",
        "VALID",
        None,
        '{"type":"tcp","name":"my-postgres-db","tcp_port":5432,"app_protocol":"postgresql",'
        '"host":{"ipv4":"10.0.0.5","network":{"tunnel_id":"T"}}}',
    ),
    (
        "07-tcp-mysql-hostname-tls",
        "VALID",
        None,
        '{"type":"tcp","name":"mysql-primary","tcp_port":3306,"app_protocol":"mysql",'
        '"host":{"hostname":"db.internal","resolver_network":{"tunnel_id":"T",'
        '"resolver_ips":["10.0.0.53","fd00::53"]}},'
        '"tls_settings":{"cert_verification_mode":"verify_ca"}}',
    ),
    (
        "08-https-only-info",
        "VALID",
        None,
        '{"type":"http","name":"secure-only","https_port":443,'
        '"host":{"ipv4":"10.0.1.50","network":{"tunnel_id":"T"}}}',
    ),
    (
        "09-explicit-nulls",
        "VALID",
        None,
        '{"type":"http","name":"nulls-ok","http_port":null,"tls_settings":null,'
        '"host":{"hostname":"svc.local","resolver_network":{"tunnel_id":"T","resolver_ips":null}}}',
    ),
    (
        "10-empty-resolver-list",
        "WARN",
        "VPC316",
        '{"type":"http","name":"a","host":{"hostname":"svc.local",'
        '"resolver_network":{"tunnel_id":"T","resolver_ips":[]}}}',
    ),
    (
        "11-read-only-fields",
        "WARN",
        "VPC314",
        '{"type":"http","name":"a","service_id":"550e8400-e29b-41d4-a716-446655440000",'
        '"created_at":"2024-01-15T09:30:00Z",' + IP_HOST + "}",
    ),
    ("12-missing-type", "INVALID", "VPC301", '{"name":"a",' + IP_HOST + "}"),
    ("13-type-wrong-case", "INVALID", "VPC302", '{"type":"HTTP","name":"a",' + IP_HOST + "}"),
    ("14-type-unknown", "INVALID", "VPC302", '{"type":"udp","name":"a",' + IP_HOST + "}"),
    (
        "15-hostname-with-network",
        "INVALID",
        "VPC304",
        '{"type":"http","name":"a","host":{"hostname":"example.com","network":{"tunnel_id":"T"}}}',
    ),
    (
        "16-ip-with-resolver-network",
        "INVALID",
        "VPC305",
        '{"type":"http","name":"a","host":{"ipv4":"10.0.0.1","resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "17-ip-and-hostname",
        "INVALID",
        "VPC303",
        '{"type":"http","name":"a","host":{"ipv4":"10.0.0.1","hostname":"example.com",'
        '"network":{"tunnel_id":"T"},"resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "18-no-address",
        "INVALID",
        "VPC303",
        '{"type":"http","name":"a","host":{"network":{"tunnel_id":"T"}}}',
    ),
    (
        "19-tunnel-id-not-uuid",
        "INVALID",
        "VPC308",
        '{"type":"http","name":"a","host":{"ipv4":"10.0.0.1","network":{"tunnel_id":"my-tunnel"}}}',
    ),
    (
        "20-port-zero",
        "INVALID",
        "VPC309",
        '{"type":"http","name":"a","http_port":0,' + IP_HOST + "}",
    ),
    (
        "21-port-string",
        "INVALID",
        "VPC309",
        '{"type":"http","name":"a","https_port":"443",' + IP_HOST + "}",
    ),
    (
        "22-port-above-range",
        "INVALID",
        "VPC309",
        '{"type":"http","name":"a","http_port":70000,' + IP_HOST + "}",
    ),
    (
        "23-tcp-without-port",
        "INVALID",
        "VPC311",
        '{"type":"tcp","name":"pg","app_protocol":"postgresql",'
        '"host":{"ipv4":"10.0.0.5","network":{"tunnel_id":"T"}}}',
    ),
    (
        "24-unknown-app-protocol",
        "INVALID",
        "VPC312",
        '{"type":"tcp","name":"cache","tcp_port":6379,"app_protocol":"redis",'
        '"host":{"ipv4":"10.0.0.9","network":{"tunnel_id":"T"}}}',
    ),
    (
        "25-tcp-fields-on-http",
        "INVALID",
        "VPC310",
        '{"type":"http","name":"a","tcp_port":5432,"app_protocol":"postgresql",' + IP_HOST + "}",
    ),
    (
        "26-http-port-on-tcp",
        "INVALID",
        "VPC310",
        '{"type":"tcp","name":"pg","tcp_port":5432,"http_port":80,'
        '"host":{"ipv4":"10.0.0.5","network":{"tunnel_id":"T"}}}',
    ),
    (
        "27-empty-tls-settings",
        "INVALID",
        "VPC313",
        '{"type":"tcp","name":"pg","tcp_port":5432,"tls_settings":{},'
        '"host":{"ipv4":"10.0.0.5","network":{"tunnel_id":"T"}}}',
    ),
    (
        "28-bad-verification-mode",
        "INVALID",
        "VPC313",
        '{"type":"http","name":"a","tls_settings":{"cert_verification_mode":"strict"},'
        + IP_HOST
        + "}",
    ),
    (
        "29-hostname-with-scheme-and-path",
        "INVALID",
        "VPC307",
        '{"type":"http","name":"a","host":{"hostname":"https://api.example.com/v1",'
        '"resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "30-hostname-is-ip",
        "INVALID",
        "VPC307",
        '{"type":"http","name":"a","host":{"hostname":"10.0.0.5","resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "31-hostname-with-port",
        "INVALID",
        "VPC307",
        '{"type":"tcp","name":"pg","host":{"hostname":"db.internal:5432",'
        '"resolver_network":{"tunnel_id":"T"}}}',
    ),
    (
        "32-resolver-not-ip",
        "INVALID",
        "VPC306",
        '{"type":"http","name":"a","host":{"hostname":"svc.local",'
        '"resolver_network":{"tunnel_id":"T","resolver_ips":["dns.internal"]}}}',
    ),
    (
        "33a-ipv4-octet-out-of-range",
        "INVALID",
        "VPC306",
        '{"type":"http","name":"a","host":{"ipv4":"10.0.0.256","network":{"tunnel_id":"T"}}}',
    ),
    (
        "33b-ipv4-text-in-ipv6",
        "INVALID",
        "VPC306",
        '{"type":"http","name":"a","host":{"ipv6":"10.0.0.1","network":{"tunnel_id":"T"}}}',
    ),
    ("34a-missing-name", "INVALID", "VPC301", '{"type":"http",' + IP_HOST + "}"),
    ("34b-whitespace-name", "INVALID", "VPC301", '{"type":"http","name":"  ",' + IP_HOST + "}"),
    (
        "35-ca-with-verification-disabled",
        "INVALID",
        "VPC313",
        '{"type":"http","name":"a","tls_settings":{"cert_verification_mode":"disabled",'
        '"certificate_authority":"f174e90a-fafe-4643-bbbc-4a0ed4fc8415"},' + IP_HOST + "}",
    ),
]


def example_text(compact: str) -> str:
    return compact.replace('"T"', f'"{T}"')


def test_every_research_example_is_here():
    numbers = {case_id[:2] for case_id, *_ in EXAMPLES}
    assert numbers == {f"{n:02d}" for n in range(1, 36)}


@pytest.mark.parametrize(
    ("verdict", "code", "compact"),
    [case[1:] for case in EXAMPLES],
    ids=[case[0] for case in EXAMPLES],
)
def test_research_example_verdict(verdict, code, compact):
    diagnostics = lint_text(example_text(compact), "service.json", kind="payload")
    errors = [d.code for d in diagnostics if d.severity == "error"]
    warnings = [d.code for d in diagnostics if d.severity == "warning"]
    if verdict == "VALID":
        assert diagnostics == []
    elif verdict == "WARN":
        assert errors == []
        assert code in warnings
    else:
        assert code in errors
        # one root cause, one finding: no other error beside the expected ones
        assert set(errors) == {code}


def test_https_only_example_is_an_info_when_selected():
    compact = next(text for case_id, _, _, text in EXAMPLES if case_id.startswith("08"))
    diagnostics = lint_text(
        example_text(compact), "service.json", kind="payload", settings=Settings(select=("VPC3",))
    )
    assert [(d.code, d.severity) for d in diagnostics] == [("VPC318", "info")]
