"""The bundled JSON Schemas (the source of truth for entry shapes) and their validators.

The schema files live in ``schemas/`` at the top of the repository and ship inside
the wheel as ``vpclint/schemas/``. ``jsonschema`` is imported only when
:mod:`vpclint.fastschema` cannot read a schema, because importing it costs more than
linting a file.
"""

from __future__ import annotations

import json
import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from typing import Any


SCHEMA_FILES = {
    "wrangler": "wrangler-vpc.schema.json",
    "payload": "vpc-service.schema.json",
}


def schema_dir() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "schemas"),
        os.path.join(os.path.dirname(here), "schemas"),
    ):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError("the bundled schemas/ folder is missing from the installation")


def schema_text(kind: str) -> str:
    with open(os.path.join(schema_dir(), SCHEMA_FILES[kind]), encoding="utf-8") as handle:
        return handle.read()


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


@cache
def validator(kind: str):
    """A Draft 2020-12 validator with format checking on and full-match patterns.

    Python's ``re.search`` with ``^...$`` accepts a trailing newline; JSON Schema
    patterns here are meant to match the whole string, so ``pattern`` uses
    ``re.fullmatch``. ``$ref`` is never resolved over the network.
    """
    import re

    import jsonschema
    from jsonschema import Draft202012Validator

    def full_pattern(validator, pattern, instance, schema):
        if isinstance(instance, str) and re.fullmatch(pattern, instance) is None:
            yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")

    cls = jsonschema.validators.extend(Draft202012Validator, {"pattern": full_pattern})
    return cls(load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


def iter_errors(kind: str, value: Any):
    """Every schema error for ``value``.

    :mod:`vpclint.fastschema` and :mod:`vpclint.schemaerrors` read the same schema and
    give the errors jsonschema would give (the attributes the rules read), so ``jsonschema`` is imported only for a schema
    keyword it does not implement."""
    from vpclint.fastschema import is_valid

    schema = load_schema(kind)
    if is_valid(schema, value) is True:
        return iter(())
    from vpclint.schemaerrors import iter_errors as fast_errors

    errors = fast_errors(schema, value)
    return iter(errors) if errors is not None else validator(kind).iter_errors(value)
