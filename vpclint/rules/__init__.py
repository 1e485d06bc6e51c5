"""Rule modules: :mod:`.parsing` (VPC0xx), the packages :mod:`.wrangler` (VPC1xx,
VPC2xx) and :mod:`.payload` (VPC3xx). Each rule's metadata and docs sit beside its check.

Importing this package registers every rule and its check; a run only runs the checks
for the kinds of file it lints (see :func:`vpclint.rules.registry.load_checks`).
"""

from vpclint.rules import parsing, payload, wrangler

ALL_RULE_MODULES = (parsing, wrangler, payload)
