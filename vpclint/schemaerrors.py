"""The errors of an instance against one of vpclint's own schemas, as jsonschema gives them.

:mod:`vpclint.fastschema` answers "valid or not" for every document; only a document
that is not valid needs its errors, so they live here, imported on first use. They carry
the attributes of a ``jsonschema.ValidationError`` that vpclint reads (keyword, its value,
instance, subschema, path), in jsonschema's order.
"""

from __future__ import annotations

from vpclint.fastschema import IGNORED, KEYWORDS, Checker, Unsupported, checker_for

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from collections.abc import Iterator
    from typing import Any


class SchemaError:
    """One schema error, with the attributes of a ``jsonschema.ValidationError`` that
    vpclint reads: the failing keyword, its value, the instance, the (sub)schema holding
    the keyword and the instance's path from the document's root."""

    __slots__ = ("absolute_path", "instance", "schema", "validator", "validator_value")

    def __init__(self, validator, validator_value, instance, schema, absolute_path):
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.schema = schema
        self.absolute_path = absolute_path

    def __repr__(self) -> str:
        return f"<SchemaError {self.validator} at {list(self.absolute_path)}>"


def _errors(c: Checker, schema: Any, value: Any, path: tuple) -> Iterator[SchemaError]:
    """The errors jsonschema's ``iter_errors`` yields, in its order: keywords in the
    schema's order, applicators descending (``$ref``, ``allOf``, ``if``, ``properties``,
    ``items`` ...), every other keyword one error when its test fails."""
    if schema is True:
        return
    if schema is False:
        yield SchemaError(None, None, value, schema, path)
        return
    if c.compiled(schema)(value):  # valid: no errors below (the walk reads only the rest)
        return
    for keyword, argument in schema.items():
        if keyword in IGNORED:
            continue
        descend = DESCENDING.get(keyword)
        if descend is not None:
            yield from descend(c, argument, value, schema, path)
            continue
        test = KEYWORDS.get(keyword)
        if test is None:
            raise Unsupported(keyword)
        if not test(c, argument, value, schema):
            yield SchemaError(keyword, argument, value, schema, path)


def _properties_errors(c, arg, value, schema, path):
    if isinstance(value, dict):
        for key, sub in arg.items():
            if key in value:
                yield from _errors(c, sub, value[key], (*path, key))


def _pattern_properties_errors(c, arg, value, schema, path):
    if isinstance(value, dict):
        for source, sub in arg.items():
            for key, item in value.items():
                if c.pattern(source).search(key):
                    yield from _errors(c, sub, item, (*path, key))


def _additional_properties_errors(c, arg, value, schema, path):
    if not isinstance(value, dict):
        return
    known = schema.get("properties", {})
    patterns = [c.pattern(p) for p in schema.get("patternProperties", {})]
    extras = [key for key in value if key not in known and not any(p.search(key) for p in patterns)]
    if isinstance(arg, dict):
        for key in extras:
            yield from _errors(c, arg, value[key], (*path, key))
    elif arg is False and extras:
        yield SchemaError("additionalProperties", arg, value, schema, path)


def _required_errors(c, arg, value, schema, path):
    if isinstance(value, dict):
        for key in arg:
            if key not in value:
                yield SchemaError("required", arg, value, schema, path)


def _dependent_required_errors(c, arg, value, schema, path):
    if isinstance(value, dict):
        for key, needs in arg.items():
            if key in value:
                for need in needs:
                    if need not in value:
                        yield SchemaError("dependentRequired", arg, value, schema, path)


def _property_names_errors(c, arg, value, schema, path):
    if isinstance(value, dict):
        for key in value:
            yield from _errors(c, arg, key, path)


def _items_errors(c, arg, value, schema, path):
    if not isinstance(value, list):
        return
    start = len(schema.get("prefixItems", ()))
    if arg is False:
        if len(value) > start:
            yield SchemaError("items", arg, value, schema, path)
        return
    for index in range(start, len(value)):
        yield from _errors(c, arg, value[index], (*path, index))


def _prefix_items_errors(c, arg, value, schema, path):
    if isinstance(value, list):
        for index, (sub, item) in enumerate(zip(arg, value, strict=False)):
            yield from _errors(c, sub, item, (*path, index))


def _all_of_errors(c, arg, value, schema, path):
    for sub in arg:
        yield from _errors(c, sub, value, path)


def _if_errors(c, arg, value, schema, path):
    if c.valid(arg, value):
        if "then" in schema:
            yield from _errors(c, schema["then"], value, path)
    elif "else" in schema:
        yield from _errors(c, schema["else"], value, path)


def _ref_errors(c, arg, value, schema, path):
    yield from _errors(c, c.resolve(arg), value, path)


DESCENDING = {
    "properties": _properties_errors,
    "patternProperties": _pattern_properties_errors,
    "additionalProperties": _additional_properties_errors,
    "required": _required_errors,
    "dependentRequired": _dependent_required_errors,
    "propertyNames": _property_names_errors,
    "items": _items_errors,
    "prefixItems": _prefix_items_errors,
    "allOf": _all_of_errors,
    "if": _if_errors,
    "$ref": _ref_errors,
}


def iter_errors(schema: dict[str, Any], value: Any) -> list[SchemaError] | None:
    """Every error jsonschema reports for ``value`` (the attributes vpclint reads), in
    jsonschema's order; None when the schema needs something only jsonschema can do."""
    try:
        return list(_errors(checker_for(schema), schema, value, ()))
    except (Unsupported, RecursionError):
        return None
