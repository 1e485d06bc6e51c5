"""Wrangler config rules (VPC1xx, VPC2xx): their metadata and docs.

Importing this module registers every wrangler rule and its checks:

* :mod:`vpclint.rules.wrangler_shape` applies ``schemas/wrangler-vpc.schema.json`` and
  translates its errors into VPC101-VPC107;
* :mod:`vpclint.rules.wrangler_semantics` holds VPC201-VPC211;
* :mod:`vpclint.rules.wrangler_placement` holds VPC212-VPC213 (keys written where
  wrangler does not read them), with the key sets of :mod:`vpclint.rules.wrangler_keys`;
* :mod:`vpclint.rules.bindings` is the table of every binding kind (VPC201);
* :mod:`vpclint.rules.wrangler_scopes` walks the top level, every ``env.<name>`` and
  ``previews``.
"""

from vpclint.rules import wrangler_placement, wrangler_semantics, wrangler_shape
from vpclint.rules.registry import Rule, register

# The checks register themselves when their modules are imported.
CHECK_MODULES = (wrangler_shape, wrangler_semantics, wrangler_placement)

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef"
GOOD_SERVICE = f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n'
KINDS = ("wrangler",)


def wrangler_rule(**fields) -> Rule:
    return register(Rule(kinds=KINDS, **fields))


# --- VPC1xx: shape ---------------------------------------------------------------------

wrangler_rule(
    code="VPC101",
    name="binding-list-not-array",
    severity="error",
    summary="`vpc_services` or `vpc_networks` is not an array.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` value that is not an array, at the top "
        "level, in any `env.<name>` or in `previews`. In TOML the usual cause is a single "
        "`[vpc_services]` table header instead of one `[[vpc_services]]` (double brackets) "
        "per binding."
    ),
    why=(
        'wrangler refuses the config ("should be an array"); the Worker cannot be started '
        "or deployed."
    ),
    example=f'[vpc_services]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC102",
    name="binding-entry-not-object",
    severity="error",
    summary="An element of `vpc_services` / `vpc_networks` is not a table/object.",
    what=(
        "Reports an element of a VPC binding list that is a string, number, array or null "
        "instead of a table (TOML) or object (JSON) with `binding` and `service_id` (or "
        "`tunnel_id` / `network_id`). Nothing else is reported for that element."
    ),
    why='wrangler refuses the config ("bindings should be objects").',
    example='vpc_services = ["BILLING_API"]\n',
    use_instead=(
        f'vpc_services = [{{ binding = "BILLING_API", service_id = "{UUID}", remote = true }}]\n'
    ),
)

wrangler_rule(
    code="VPC103",
    name="missing-binding",
    severity="error",
    summary="A VPC binding has no `binding`, or it is not a string, or it is empty.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` entry without a `binding` (at the entry), "
        "or whose `binding` is not a string or is empty (at the value). When an unknown key "
        "looks like a misspelt `binding` (`name`, `Binding`), the message names it."
    ),
    why=(
        "`binding` is the name the Worker uses (`env.NAME`). wrangler refuses an entry "
        "without a string `binding`; an empty name passes wrangler's check but cannot be "
        "used, and `wrangler types` fails on it."
    ),
    example=f'[[vpc_services]]\nname = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC104",
    name="missing-service-id",
    severity="error",
    summary="A `vpc_services` entry has no `service_id`, or it is not a string, or empty.",
    what=(
        "Reports a `vpc_services` entry without `service_id` (at the entry), or whose "
        "`service_id` is not a string or is empty (at the value). A misspelt key "
        "(`service_ID`, `serviceId`) or an attempt to bind by name (`service`) is named in "
        "the message."
    ),
    why=(
        "A VPC Service binding is resolved by the service's id; wrangler refuses an entry "
        "without one, and binding by name is not supported."
    ),
    example='[[vpc_services]]\nbinding = "BILLING_API"\nservice = "billing"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC105",
    name="unknown-binding-field",
    severity="warning",
    summary="A VPC binding entry has a key wrangler does not know.",
    what=(
        "Reports every key of a `vpc_services` entry other than `binding`, `service_id`, "
        "`remote` (for `vpc_networks`: `binding`, `tunnel_id`, `network_id`, `remote`), at "
        "the key, with the nearest valid key (`service_ID` -> `service_id`). `service` gets "
        "its own message: binding a VPC service by name is not supported. Settings of the "
        "VPC service itself (`host`, `port`, ...) are pointed out as such."
    ),
    why=(
        "wrangler only warns and then ignores the key, so the setting you meant is lost, "
        "and a misspelt required key also makes the entry invalid."
    ),
    example=(f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_ID = "{UUID}"\nremote = true\n'),
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC106",
    name="remote-not-boolean",
    severity="error",
    summary="`remote` on a VPC binding is not `true` or `false`.",
    what="Reports a `remote` value that is not a boolean: a string, a number or `null`.",
    why=(
        'wrangler never checks `remote` on VPC bindings and silently treats `"yes"`, `1` or '
        "`null` as remote, while its JSON Schema rejects them: the config means something "
        "other than what it says, and editors flag it."
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = "yes"\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC107",
    name="vpc-network-target",
    severity="error",
    summary="A `vpc_networks` entry needs exactly one string `tunnel_id` or `network_id`.",
    what=(
        "Reports a `vpc_networks` entry that has both `tunnel_id` and `network_id`, or "
        "neither (at the entry), or whose one id is not a non-empty string (at the value). "
        "One finding per entry, whatever else is wrong with the ids."
    ),
    why=(
        "A VPC Network binding routes through exactly one Cloudflare Tunnel or one network; "
        "wrangler refuses an entry with both, neither, or a non-string id."
    ),
    example=(
        f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\n'
        'network_id = "cf1:network"\nremote = true\n'
    ),
    use_instead=f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\nremote = true\n',
)

# --- VPC2xx: wrangler semantics --------------------------------------------------------

wrangler_rule(
    code="VPC201",
    name="duplicate-binding-name",
    severity="error",
    summary="Two bindings of one Worker share a name.",
    what=(
        "Reports a binding name used twice by one Worker: within `vpc_services`, or across "
        "every binding kind (`kv_namespaces`, `d1_databases`, `services`, `vars` keys, "
        "`durable_objects.bindings[].name`, `queues.producers`, `send_email` and "
        "`ratelimits` `name`, `secrets.required`, ...). Checked for the top level, each "
        "`env.<name>` (with what it inherits: `assets`, `logfwdr`, and the top-level-only "
        "`wasm_modules`, `text_blobs`, `data_blobs`) and `previews`, whichever environment "
        "you deploy (an environment's `null` inherits, as in wrangler). Names are compared "
        "case-sensitively (`api` and `API` do not clash). Reported at the second use, with "
        "the first as a related location. It also reports the clashes of the names "
        "wrangler's own check reads from the shape of a value, whatever its key: the "
        '`name`s of a `bindings` list (`vars = { bindings = [{ name = "API" }] }`), the '
        "`binding` of every entry of a list, the value of a table's `binding` key "
        "(`vars.binding`, even a number), and otherwise a table's keys (`assets` without "
        "`binding`, `unsafe.metadata`); the message says why such a name counts. Also "
        "reports a name wrangler's check cannot hold at all: "
        "`constructor`, `toString`, `valueOf`, `__proto__` and the other properties every "
        'JavaScript object has (wrangler stops with "push is not a function").'
    ),
    why=(
        'Each binding becomes a property of `env`; wrangler refuses the config ("Bindings '
        'must have unique names"). wrangler only checks the environment being deployed, '
        "misses `send_email`/`ratelimits` names and skips a whole list when one entry is "
        "malformed; vpclint checks all of them."
    ),
    example=(
        '[[kv_namespaces]]\nbinding = "API"\nid = "0f2ac74b498b48028cb68387c421e279"\n\n'
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
    ),
    use_instead=(
        '[[kv_namespaces]]\nbinding = "CACHE"\nid = "0f2ac74b498b48028cb68387c421e279"\n\n'
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
    ),
)

wrangler_rule(
    code="VPC202",
    name="remote-false",
    severity="error",
    summary="`remote = false` on a VPC binding: `wrangler dev` refuses to start.",
    what=(
        "Reports `remote = false` on a `vpc_services` or `vpc_networks` entry (top level and "
        "every environment; `previews` are not used by `wrangler dev`)."
    ),
    why=(
        "VPC bindings have no local simulator. Since wrangler 4.95.0, `wrangler dev` fails "
        'with "VPC Service bindings do not support local development".'
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = false\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC203",
    name="remote-unset",
    severity="warning",
    summary="A VPC binding does not set `remote`.",
    what=(
        "Reports a `vpc_services` or `vpc_networks` entry without `remote`, at the entry "
        "(top level and every environment)."
    ),
    why=(
        "`wrangler dev` reaches the real service anyway, and prints a warning that it may "
        "incur usage charges; `remote = true` says what happens and silences the warning."
    ),
    example=f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC204",
    name="env-missing-vpc-list",
    severity="warning",
    summary="The top level has VPC bindings and an environment has none.",
    what=(
        "Reports an `env.<name>` without `vpc_services` (or `vpc_networks`) when the top "
        "level has a non-empty list of them, at the environment's key."
    ),
    why=(
        "VPC bindings are not inherited: `wrangler deploy --env <name>` deploys that "
        "environment without any of them (wrangler warns only when that environment is "
        "selected)."
    ),
    example=(f'{GOOD_SERVICE}\n[env.staging]\nname = "api-staging"\n'),
    use_instead=(
        f'{GOOD_SERVICE}\n[env.staging]\nname = "api-staging"\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n'
    ),
)

wrangler_rule(
    code="VPC205",
    name="env-missing-binding",
    severity="warning",
    summary="An environment's VPC list lacks a binding name the top level has.",
    what=(
        "Reports, once per missing name, an `env.<name>.vpc_services` (or `vpc_networks`) "
        "list that lacks a `binding` the top-level list has. Only names are compared: a "
        "different `service_id` per environment is fine."
    ),
    why=(
        "The Worker code uses the same `env.NAME` in every environment; where the binding "
        "is missing it is `undefined` at run time."
    ),
    example=(
        f'{GOOD_SERVICE}\n[[vpc_services]]\nbinding = "AUDIT_API"\n'
        f'service_id = "{TUNNEL}"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n'
    ),
    use_instead=(
        f'{GOOD_SERVICE}\n[[vpc_services]]\nbinding = "AUDIT_API"\n'
        f'service_id = "{TUNNEL}"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "BILLING_API"\n'
        'service_id = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"\nremote = true\n\n'
        '[[env.staging.vpc_services]]\nbinding = "AUDIT_API"\n'
        'service_id = "7c1e4b2a-9d3f-4e5a-8b6c-1d2e3f4a5b6c"\nremote = true\n'
    ),
)

wrangler_rule(
    code="VPC206",
    name="invalid-service-id",
    severity="error",
    summary="`service_id` is not a UUID.",
    what=(
        "Reports a `service_id` that is not a UUID (8-4-4-4-12 hex digits). A placeholder "
        "(`REPLACE_ME`, `<service-id>`, `${VPC_ID}`, `xxxx`) is named as one: it must be "
        "replaced before deploying. 32 hex digits without hyphens get the hyphenated form "
        "as the fix."
    ),
    why=(
        "wrangler does not check the format, so the mistake only shows at deploy time, "
        "when the API rejects the binding. wrangler does not substitute environment "
        "variables in its config either."
    ),
    example='[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "REPLACE_ME"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC207",
    name="invalid-tunnel-id",
    severity="error",
    summary="A `vpc_networks` `tunnel_id` is not a UUID.",
    what=(
        "Reports a `tunnel_id` that is not a UUID (8-4-4-4-12 hex digits), naming "
        "placeholders as such. (`network_id` has no fixed format: `cf1:network`.)"
    ),
    why="wrangler does not check the format; the deploy fails at the API instead.",
    example='[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "my-tunnel"\nremote = true\n',
    use_instead=f'[[vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\nremote = true\n',
)

wrangler_rule(
    code="VPC208",
    name="binding-not-identifier",
    severity="warning",
    summary="A VPC `binding` is not a valid JavaScript identifier.",
    what=(
        "Reports a `binding` of a VPC entry that is not a JavaScript identifier (letters, "
        "digits, `_`, `$`, not starting with a digit), with an UPPER_SNAKE_CASE suggestion."
    ),
    why=(
        "The Worker reads the binding as `env.NAME`; a name such as `billing-api` can only "
        'be reached as `env["billing-api"]`, and `wrangler types` emits awkward types.'
    ),
    example=f'[[vpc_services]]\nbinding = "billing-api"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC209",
    name="pages-unsupported",
    severity="error",
    summary="VPC bindings in a Pages config (`pages_build_output_dir` is set).",
    what=(
        "Reports a non-empty `vpc_services` or `vpc_networks` list (in any scope) in a "
        "config that sets `pages_build_output_dir`, i.e. a Pages project's config."
    ),
    why=(
        "Pages projects do not support VPC bindings: Pages commands refuse the config "
        '("Configuration file for Pages projects does not support `vpc_services`").'
    ),
    example=f'pages_build_output_dir = "./dist"\n\n{GOOD_SERVICE}',
    use_instead=f'main = "src/index.ts"\n\n{GOOD_SERVICE}',
)

wrangler_rule(
    code="VPC210",
    name="previews-vpc-networks-ignored",
    severity="warning",
    summary="`previews.vpc_networks` is not supported by wrangler's config validation.",
    what="Reports a `vpc_networks` key inside `previews` (or `env.<name>.previews`).",
    why=(
        "wrangler's JSON Schema allows it, but its config validation warns "
        '"Unexpected fields found in previews field" and never checks the entries. '
        "vpclint reports the key once and does not check its entries either."
    ),
    example=(f'[[previews.vpc_networks]]\nbinding = "OFFICE"\ntunnel_id = "{TUNNEL}"\n'),
    use_instead="# no vpc_networks under previews\n",
)

wrangler_rule(
    code="VPC211",
    name="binding-name-style",
    severity="info",
    default_enabled=False,
    summary="A VPC binding name is not UPPER_SNAKE_CASE (off by default).",
    what=(
        "Reports a VPC `binding` that is a valid identifier but not UPPER_SNAKE_CASE, with "
        "the suggested name. Off by default; select it with `--select VPC211`."
    ),
    why=(
        "Bindings are constants provided by the platform; UPPER_SNAKE_CASE is the "
        "convention in Cloudflare's docs and templates and keeps them apart from variables."
    ),
    example=f'[[vpc_services]]\nbinding = "billingApi"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC212",
    name="unknown-vpc-list-key",
    severity="error",
    summary="A misspelt `vpc_services` / `vpc_networks` key: the Worker gets none of its bindings.",
    what=(
        "Reports a key of the top level, an `env.<name>` or `previews` that wrangler does "
        "not know and that is a near-miss of `vpc_services` or `vpc_networks`: "
        "`vpc_service`, `vpcServices`, `vpc-services`, `VPC_SERVICES`, `vpc_servcies`, "
        "`vpc_network`. Case, `-`/`_`, camelCase and a missing or extra plural `s` are "
        "ignored, then up to two typing mistakes are allowed; a key wrangler knows is never "
        "reported. Reported at the key, naming the right one. In an environment it replaces "
        "VPC204 for that list."
    ),
    why=(
        'wrangler only warns "Unexpected fields found in top-level field" and drops the '
        "key: the config looks right, deploys, and the Worker has none of those bindings."
    ),
    example=f'[[vpc_service]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n',
    use_instead=GOOD_SERVICE,
)

wrangler_rule(
    code="VPC213",
    name="key-after-table-header",
    severity="warning",
    summary="A config key written after a `[[vpc_services]]` header belongs to that binding.",
    what=(
        "Reports, in TOML, a key of a `[[vpc_services]]` or `[[vpc_networks]]` entry (top "
        "level or `[[env.<name>.vpc_services]]`) that wrangler knows at the config or "
        "environment level: `main`, `name`, `compatibility_date`, `routes`, `workers_dev`, "
        "... (every key of wrangler's config schema). It names the header that captured "
        "the key; the fix is to move the key above the first table header (or into the "
        "`[env.<name>]` table). It replaces VPC105 for that key."
    ),
    why=(
        "In TOML every key after a table header belongs to that table until the next "
        "header, so `main` written at the end of the file is a field of the last binding: "
        "wrangler ignores it there with a warning, and the Worker goes without its entry "
        "point, name or routes."
    ),
    example=f'{GOOD_SERVICE}main = "src/index.ts"\n',
    use_instead=f'main = "src/index.ts"\n\n{GOOD_SERVICE}',
)

wrangler_rule(
    code="VPC214",
    name="reserved-binding-name",
    severity="error",
    summary="`ASSETS` names a binding in a Pages config.",
    what=(
        "Reports a binding of any kind named `ASSETS` (a VPC service, a KV namespace, a "
        "variable, ...) in a config that has `pages_build_output_dir`, whatever its value, "
        "at the top level and in every `env.<name>`. Names that only wrangler's own "
        "duplicate check makes up (the value of `vars.binding`, the keys of `assets`) count "
        "too, as they do for wrangler."
    ),
    why=(
        "Pages serves the project's static files through a binding called `ASSETS`; "
        "wrangler refuses the config (\"The name 'ASSETS' is reserved in Pages projects\")."
    ),
    example=(
        'pages_build_output_dir = "./dist"\n\n'
        '[[kv_namespaces]]\nbinding = "ASSETS"\nid = "0f2ac74b498b48028cb68387c421e279"\n'
    ),
    use_instead=(
        'pages_build_output_dir = "./dist"\n\n'
        '[[kv_namespaces]]\nbinding = "STATIC_FILES"\nid = "0f2ac74b498b48028cb68387c421e279"\n'
    ),
)
