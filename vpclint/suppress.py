"""Inline suppression comments (``# vpclint: ignore[VPC203]``). Filled in by the suppression work."""

from __future__ import annotations


def apply_suppressions(document, diagnostics, settings):
    return diagnostics
