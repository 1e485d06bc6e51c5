"""Rule modules: :mod:`.parsing` (VPC0xx), the packages :mod:`.wrangler` (VPC1xx,
VPC2xx) and :mod:`.payload` (VPC3xx), and :mod:`.inventory` (checks against an account's
inventory). Each rule's metadata and docs sit beside its check.

Importing this package imports none of them: a run imports only the modules for the kinds
of file it lints, and what needs every rule imports them all
(:data:`vpclint.rules.registry.RULE_MODULES`).
"""
