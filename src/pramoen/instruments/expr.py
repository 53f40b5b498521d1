"""A tiny whitelisted arithmetic language over form fields (never ``eval``).

Grammar (parsed with :mod:`ast`, then checked node by node): numbers, field ids, ``+ - * /``,
parentheses, unary minus, and the calls ``sum(table.column)``, ``count(table)``,
``min(a, b, …)``, ``max(a, b, …)``, ``abs(x)``. Any other syntax is refused at load/lint time.

A compiled expression is a closure ``fn(fields) -> Decimal | None``; a missing or non-numeric field
makes the whole value ``None`` (the caller reports it), so no exception escapes at scoring time.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from pramoen.thai.digits import to_arabic_digits

Fields = Mapping[str, Any]
Compiled = Callable[[Fields], Decimal | None]

FUNCTIONS = ("sum", "count", "min", "max", "abs")
MAX_LENGTH = 500


class ExpressionError(ValueError):
    """The expression uses syntax outside the whitelist."""


def to_decimal(value: Any) -> Decimal | None:
    """Coerce an answer value to Decimal (None when it is not a number)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # json.loads gives float("nan") / float("inf") for the bare literals NaN and Infinity
        result = Decimal(str(value))
        return result if result.is_finite() else None
    if isinstance(value, str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            try:  # Thai digits as typed by a Thai user
                result = Decimal(to_arabic_digits(value.strip()))
            except InvalidOperation:
                return None
        return result if result.is_finite() else None
    return None


def names(expression: str) -> set[str]:
    """Field ids an expression reads (table ids for sum/count)."""
    tree = _parse(expression)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            found.add(node.id)
    return found


def _parse(expression: str) -> ast.Expression:
    if len(expression) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {expression!r}: {exc.msg}") from None
    return tree


def compile_expression(expression: str) -> Compiled:
    """Parse and whitelist ``expression``; return a closure over an answers' fields mapping."""
    return _compile(_parse(expression).body, expression)


def _compile(node: ast.AST, source: str) -> Compiled:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool):
            raise ExpressionError(f"booleans are not numbers in {source!r}")
        constant = Decimal(str(node.value))
        return lambda _fields: constant
    if isinstance(node, ast.Name):
        name = node.id
        if name in FUNCTIONS:
            raise ExpressionError(f"{name} must be called in {source!r}")
        return lambda fields: to_decimal(fields.get(name))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _compile(node.operand, source)
        negate = isinstance(node.op, ast.USub)

        def unary(fields: Fields) -> Decimal | None:
            value = operand(fields)
            if value is None:
                return None
            return -value if negate else value

        return unary
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        left = _compile(node.left, source)
        right = _compile(node.right, source)
        op = type(node.op)

        def binary(fields: Fields) -> Decimal | None:
            a = left(fields)
            b = right(fields)
            if a is None or b is None:
                return None
            if op is ast.Add:
                return a + b
            if op is ast.Sub:
                return a - b
            if op is ast.Mult:
                return a * b
            try:
                return a / b
            except (DivisionByZero, InvalidOperation):
                return None

        return binary
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return _compile_call(node, source)
    raise ExpressionError(f"{type(node).__name__} is not allowed in {source!r}")


def _compile_call(node: ast.Call, source: str) -> Compiled:
    func = node.func.id  # type: ignore[attr-defined]
    if func in ("sum", "count"):
        if len(node.args) != 1:
            raise ExpressionError(f"{func}() takes one argument in {source!r}")
        arg = node.args[0]
        if func == "count" and isinstance(arg, ast.Name):
            table = arg.id

            def count(fields: Fields) -> Decimal | None:
                rows = fields.get(table)
                return Decimal(len(rows)) if isinstance(rows, list) else Decimal(0)

            return count
        if (
            func == "sum"
            and isinstance(arg, ast.Attribute)
            and isinstance(arg.value, ast.Name)
            and arg.value.id not in FUNCTIONS
        ):
            table, column = arg.value.id, arg.attr

            def total(fields: Fields) -> Decimal | None:
                rows = fields.get(table)
                if not isinstance(rows, list):
                    return Decimal(0)
                result = Decimal(0)
                for row in rows:
                    value = to_decimal(row.get(column)) if isinstance(row, dict) else None
                    if value is None:
                        return None
                    result += value
                return result

            return total
        raise ExpressionError(f"use sum(table.column) or count(table) in {source!r}")
    if func in ("min", "max", "abs"):
        args = [_compile(a, source) for a in node.args]
        if not args or (func == "abs" and len(args) != 1):
            raise ExpressionError(f"wrong number of arguments to {func}() in {source!r}")
        pick = {"min": min, "max": max, "abs": None}[func]

        def call(fields: Fields) -> Decimal | None:
            values = [a(fields) for a in args]
            if any(v is None for v in values):
                return None
            if pick is None:
                return abs(values[0])  # type: ignore[arg-type]
            return pick(values)  # type: ignore[type-var]

        return call
    raise ExpressionError(f"function {func!r} is not allowed in {source!r}")
