"""Wrangler config rules (VPC1xx, VPC2xx): one module per group of related rules, each
holding its rules' metadata and docs beside their checks.

Importing this package registers every wrangler rule and its checks. The helpers:
:mod:`.scopes` walks the top level, every ``env.<name>`` and ``previews``; :mod:`.bindings`
is the table of every binding kind; :mod:`.keys` the keys wrangler reads in each scope;
:mod:`.common` what the rule modules share.
"""

from vpclint.rules.wrangler import envs, ids, names, pages, placement, remote, shape, values

RULE_MODULES = (shape, names, remote, envs, ids, pages, placement, values)
