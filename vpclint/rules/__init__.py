"""Rule modules.

Importing this package registers the metadata of every rule (and the wrangler checks,
which nearly every run needs). The payload checks are imported only when a run has a
payload to lint: see :func:`vpclint.rules.registry.load_checks`.
"""

from vpclint.rules import parsing, payload_docs, wrangler

ALL_RULE_MODULES = (parsing, wrangler, payload_docs)
