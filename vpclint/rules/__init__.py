"""Rule modules. Importing ALL_RULE_MODULES registers every rule and check."""

from vpclint.rules import parsing, payload, wrangler

ALL_RULE_MODULES = (parsing, wrangler, payload)
