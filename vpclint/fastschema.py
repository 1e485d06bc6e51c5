"""Checks of an instance against one of vpclint's own schemas, without jsonschema.

Importing ``jsonschema`` costs several times linting a file. This module interprets the
same schema files (so they stay the single source of truth), for the keyword subset the
bundled schemas use: :func:`is_valid` answers "valid or not", and
:func:`vpclint.schemaerrors.iter_errors` gives the errors jsonschema would give (imported
only for a document that has one). When it meets a keyword it does not know, the caller
runs ``jsonschema``. Tests check both against ``jsonschema`` on every fixture and on
generated documents.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from collections.abc import Callable
    from typing import Any


IGNORED = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "markdownDescription",
        "then",  # read together with "if"
        "else",
    }
)


class Unsupported(Exception):
    """The schema uses something this checker does not implement: use jsonschema."""


def is_json_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "number":
        return isinstance(value, int | float)
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    raise Unsupported(f"type {name!r}")


def json_equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema means it: ``true`` is not ``1``; ``1`` is ``1.0``."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(json_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(json_equal(v, two[k]) for k, v in one.items())
    if type(one) in (list, dict) or type(two) in (list, dict):
        return False
    return one == two


def format_ok(name: str, value: Any) -> bool:
    """The same answers as jsonschema's format checker for the formats we use."""
    if not isinstance(value, str):
        return True
    import ipaddress
    import uuid

    try:
        if name == "uuid":
            uuid.UUID(value)
            return all(value[i] == "-" for i in (8, 13, 18, 23))
        if name == "ipv4":
            ipaddress.IPv4Address(value)
            return True
        if name == "ipv6":
            return not getattr(ipaddress.IPv6Address(value), "scope_id", "")
    except (ValueError, IndexError):
        return False
    raise Unsupported(f"format {name!r}")


class Checker:
    def __init__(self, root: dict[str, Any]):
        self.root = root
        self.patterns: dict[str, re.Pattern] = {}
        self.resolved: dict[str, Any] = {}
        self.compiler: Compiler | None = None
        # per subschema (by id: they live as long as root): its keywords' tests, in order
        self.plans: dict[int, list[tuple[Callable | None, str, Any]]] = {}

    def resolve(self, ref: str) -> Any:
        if ref in self.resolved:
            return self.resolved[ref]
        if not ref.startswith("#/"):
            raise Unsupported(f"$ref {ref!r}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        self.resolved[ref] = node
        return node

    def compiled(self, schema: Any) -> Callable[[Any], bool]:
        """The compiled yes/no check of a subschema of this checker's root."""
        if self.compiler is None:
            self.compiler = Compiler(self)
        return self.compiler.compile(schema)

    def plan(self, schema: dict[str, Any]) -> list[tuple[Callable | None, str, Any]]:
        """(test, keyword, argument) for each keyword of ``schema``; test None: unknown."""
        plan = self.plans.get(id(schema))
        if plan is None:
            plan = [
                (KEYWORDS.get(keyword), keyword, argument)
                for keyword, argument in schema.items()
                if keyword not in IGNORED
            ]
            self.plans[id(schema)] = plan
        return plan

    def pattern(self, source: str) -> re.Pattern:
        if source not in self.patterns:
            self.patterns[source] = re.compile(source)
        return self.patterns[source]

    def valid(self, schema: Any, value: Any) -> bool:
        if schema is True:
            return True
        if schema is False:
            return False
        for test, keyword, argument in self.plan(schema):
            if test is None:
                raise Unsupported(keyword)
            if not test(self, argument, value, schema):
                return False
        return True


def _type(c, arg, value, schema):
    names = arg if isinstance(arg, list) else [arg]
    return any(is_json_type(value, name) for name in names)


def _properties(c, arg, value, schema):
    if not isinstance(value, dict):
        return True
    return all(c.valid(sub, value[key]) for key, sub in arg.items() if key in value)


def _pattern_properties(c, arg, value, schema):
    if not isinstance(value, dict):
        return True
    for source, sub in arg.items():
        for key, item in value.items():
            if c.pattern(source).search(key) and not c.valid(sub, item):
                return False
    return True


def _additional_properties(c, arg, value, schema):
    if not isinstance(value, dict):
        return True
    known = schema.get("properties", {})
    patterns = [c.pattern(p) for p in schema.get("patternProperties", {})]
    for key, item in value.items():
        if key in known or any(p.search(key) for p in patterns):
            continue
        if not c.valid(arg, item):
            return False
    return True


def _required(c, arg, value, schema):
    return not isinstance(value, dict) or all(key in value for key in arg)


def _property_names(c, arg, value, schema):
    return not isinstance(value, dict) or all(c.valid(arg, key) for key in value)


def _min_properties(c, arg, value, schema):
    return not isinstance(value, dict) or len(value) >= arg


def _max_properties(c, arg, value, schema):
    return not isinstance(value, dict) or len(value) <= arg


def _dependent_required(c, arg, value, schema):
    if not isinstance(value, dict):
        return True
    return all(all(need in value for need in needs) for key, needs in arg.items() if key in value)


def _items(c, arg, value, schema):
    if not isinstance(value, list):
        return True
    start = len(schema.get("prefixItems", ()))
    return all(c.valid(arg, item) for item in value[start:])


def _prefix_items(c, arg, value, schema):
    if not isinstance(value, list):
        return True
    return all(c.valid(sub, item) for sub, item in zip(arg, value, strict=False))


def _min_items(c, arg, value, schema):
    return not isinstance(value, list) or len(value) >= arg


def _max_items(c, arg, value, schema):
    return not isinstance(value, list) or len(value) <= arg


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _minimum(c, arg, value, schema):
    return not _number(value) or value >= arg


def _maximum(c, arg, value, schema):
    return not _number(value) or value <= arg


def _exclusive_minimum(c, arg, value, schema):
    return not _number(value) or value > arg


def _exclusive_maximum(c, arg, value, schema):
    return not _number(value) or value < arg


def _multiple_of(c, arg, value, schema):
    if not _number(value):
        return True
    if isinstance(arg, float) or isinstance(value, float):
        raise Unsupported("multipleOf with floats")
    return value % arg == 0


def _min_length(c, arg, value, schema):
    return not isinstance(value, str) or len(value) >= arg


def _max_length(c, arg, value, schema):
    return not isinstance(value, str) or len(value) <= arg


def _pattern(c, arg, value, schema):
    # vpclint's validator gives `pattern` full-match semantics (see vpclint.schemas)
    return not isinstance(value, str) or c.pattern(arg).fullmatch(value) is not None


def _format(c, arg, value, schema):
    return format_ok(arg, value)


def _enum(c, arg, value, schema):
    return any(json_equal(value, option) for option in arg)


def _const(c, arg, value, schema):
    return json_equal(value, arg)


def _all_of(c, arg, value, schema):
    return all(c.valid(sub, value) for sub in arg)


def _any_of(c, arg, value, schema):
    return any(c.valid(sub, value) for sub in arg)


def _one_of(c, arg, value, schema):
    return sum(1 for sub in arg if c.valid(sub, value)) == 1


def _not(c, arg, value, schema):
    return not c.valid(arg, value)


def _if(c, arg, value, schema):
    if c.valid(arg, value):
        return c.valid(schema.get("then", True), value)
    return c.valid(schema.get("else", True), value)


def _ref(c, arg, value, schema):
    return c.valid(c.resolve(arg), value)


def _contains(c, arg, value, schema):
    return not isinstance(value, list) or any(c.valid(arg, item) for item in value)


KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
    "required": _required,
    "propertyNames": _property_names,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "dependentRequired": _dependent_required,
    "items": _items,
    "prefixItems": _prefix_items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "contains": _contains,
    "minimum": _minimum,
    "maximum": _maximum,
    "exclusiveMinimum": _exclusive_minimum,
    "exclusiveMaximum": _exclusive_maximum,
    "multipleOf": _multiple_of,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "format": _format,
    "enum": _enum,
    "const": _const,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
    "$ref": _ref,
}


def is_valid(schema: dict[str, Any], value: Any) -> bool | None:
    """True or False; None when the schema needs something only jsonschema can do."""
    try:
        return compiled_for(schema)(value)
    except (Unsupported, RecursionError):
        return None


_checkers: dict[int, tuple[dict, Checker]] = {}
_compiled: dict[int, tuple[dict, Callable[[Any], bool]]] = {}


def compiled_for(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The yes/no check of one schema object, compiled on first use."""
    known = _compiled.get(id(schema))
    if known is None or known[0] is not schema:
        known = _compiled[id(schema)] = (schema, checker_for(schema).compiled(schema))
    return known[1]


def checker_for(schema: dict[str, Any]) -> Checker:
    """One checker per schema object (it keeps the compiled patterns)."""
    known = _checkers.get(id(schema))
    if known is None or known[0] is not schema:
        known = _checkers[id(schema)] = (schema, Checker(schema))
    return known[1]


# ---------------------------------------------------------------------------- compiled


class Compiler:
    """The yes/no check compiled once into Python closures, one per subschema (the
    interpreter above reads the schema dicts again for every value)."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.compiled: dict[int, Callable[[Any], bool]] = {}

    def compile(self, schema: Any) -> Callable[[Any], bool]:
        if schema is True:
            return _always
        if schema is False:
            return _never
        known = self.compiled.get(id(schema))
        if known is not None:
            return known
        tests = []
        for keyword, argument in schema.items():
            if keyword in IGNORED:
                continue
            build = COMPILERS.get(keyword)
            if build is None:
                raise Unsupported(keyword)
            tests.append(build(self, argument, schema))
        test = _all_tests(tests)
        self.compiled[id(schema)] = test
        return test


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _all_tests(tests: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]

    def test(value):
        for one in tests:  # noqa: SIM110 (a loop: faster than all() of a generator)
            if not one(value):
                return False
        return True

    return test


def _compile_generic(keyword: str):
    """A keyword compiled as a call of its interpreter test (the less common ones)."""

    def build(compiler: Compiler, argument: Any, schema: dict) -> Callable[[Any], bool]:
        checker, interpret = compiler.checker, KEYWORDS[keyword]
        return lambda value: interpret(checker, argument, value, schema)

    return build


def _compile_type(compiler, argument, schema):
    names = argument if isinstance(argument, list) else [argument]
    for name in names:
        is_json_type(None, name)  # an unknown type name is Unsupported now, not later
    if names == ["object"]:
        return lambda value: isinstance(value, dict)
    if names == ["array"]:
        return lambda value: isinstance(value, list)
    if names == ["string"]:
        return lambda value: isinstance(value, str)
    if names == ["boolean"]:
        return lambda value: isinstance(value, bool)
    return lambda value: any(is_json_type(value, name) for name in names)


def _compile_properties(compiler, argument, schema):
    members = [(key, compiler.compile(sub)) for key, sub in argument.items()]

    def test(value):
        if isinstance(value, dict):
            for key, sub in members:
                if key in value and not sub(value[key]):
                    return False
        return True

    return test


def _compile_additional_properties(compiler, argument, schema):
    known = schema.get("properties", {})
    if schema.get("patternProperties"):
        return _compile_generic("additionalProperties")(compiler, argument, schema)
    sub = compiler.compile(argument)

    def test(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in known and not sub(item):
                    return False
        return True

    return test


def _compile_required(compiler, argument, schema):
    def test(value):
        if isinstance(value, dict):
            for key in argument:
                if key not in value:
                    return False
        return True

    return test


def _compile_items(compiler, argument, schema):
    start = len(schema.get("prefixItems", ()))
    sub = compiler.compile(argument)

    def test(value):
        if isinstance(value, list):
            for item in value[start:] if start else value:
                if not sub(item):
                    return False
        return True

    return test


def _compile_min_length(compiler, argument, schema):
    return lambda value: not isinstance(value, str) or len(value) >= argument


def _compile_one_of(compiler, argument, schema):
    subs = [compiler.compile(sub) for sub in argument]
    return lambda value: sum(1 for sub in subs if sub(value)) == 1


def _compile_ref(compiler, argument, schema):
    resolved: list[Callable[[Any], bool]] = []

    def test(value):
        if not resolved:  # on first use: a schema may refer to itself
            resolved.append(compiler.compile(compiler.checker.resolve(argument)))
        return resolved[0](value)

    return test


COMPILERS = {keyword: _compile_generic(keyword) for keyword in KEYWORDS}
COMPILERS.update(
    {
        "type": _compile_type,
        "properties": _compile_properties,
        "additionalProperties": _compile_additional_properties,
        "required": _compile_required,
        "items": _compile_items,
        "minLength": _compile_min_length,
        "oneOf": _compile_one_of,
        "$ref": _compile_ref,
    }
)
