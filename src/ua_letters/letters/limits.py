"""Bounds on what any template (shipped or a user's) may cost: memory, time, files.

Jinja's sandbox stops a template reaching Python's internals; it does not stop
`'x'.center(3*10**9)` (3 GB), `'{:>3000000000}'.format('x')`, `lipsum(n=10**8)` or two
nested loops over `range(100000)`. Here every call, filter and operator a template makes
is checked for sizes a letter never needs, every loop step and output chunk for time,
and the loader never follows a link out of its folder.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import string
import time
from types import FunctionType

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.ext import Extension
from jinja2.lexer import Token
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT = 200_000  # characters: a letter is one page; no text or number needs more
MAX_SECONDS = 5.0  # a letter renders in milliseconds; a template running this long is stuck
_CHECK_EVERY = 256  # loop steps between looks at the clock

_DICT_ATTRIBUTES = frozenset(dir(dict))
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d+))?")


class TemplateLimit(SecurityError):
    """A template went past a bound: too large a value, or too long a run."""


class SizedConcat(CodeGenerator):
    """Compiles `a ~ b` as Jinja does, then has the sandbox check the size of the result
    (`BoundedSandbox.sized`): the sandbox sees operators and calls, not `~`, with which a
    template could double a text line after line, or in a loop through a namespace."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, plus size checks on every call, filter, operator and `~`, a clock,
    loops that look at the clock, and a `lipsum` that makes a few paragraphs at most."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = SizedConcat

    def __init__(self, *args, **kwargs):
        kwargs["extensions"] = [*kwargs.get("extensions", ()), LoopBudget]
        super().__init__(*args, **kwargs)
        self.deadline = float("inf")
        self.globals["lipsum"] = _short_lipsum(self.globals["lipsum"])
        self.filters = {name: _checked_filter(self, name, f) for name, f in self.filters.items()}
        self.filters["_loop_budget"] = self.loop_budget  # see LoopBudget

    def make_globals(self, d):
        """A template's globals as one plain dict, where Jinja makes a ChainMap over the
        environment's: the context of every letter is made from them, and a ChainMap is
        read key by key in Python, a third of the cost of making it. Whatever the
        environment's globals are, they are set before any template is loaded."""
        return {**self.globals, **(d or {})}

    def getattr(self, obj, attribute):
        """`writer.name` on a dict, as every value a letter is built from is: the key at once,
        unless dicts have an attribute of that name. Jinja tries the attribute first and
        catches the error, some fifty times a letter; the result is the same."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"it ran for more than {MAX_SECONDS:g} s; "
                                "check its loops")

    def loop_budget(self, iterable):
        """What every `{% for %}` iterates: the same items, with a look at the clock."""
        for step, item in enumerate(iterable):
            if step % _CHECK_EVERY == 0:
                self.check_clock()
            yield item

    def call(__self, __context, __obj, *args, **kwargs):
        __self.check_clock()
        if type(__obj) is FunctionType and __obj.__dict__.get("safe_for_templates") is True:
            # a function of ours handed to every letter (`pick`), returning one of the values
            # it is given: nothing to check, twenty times a letter. Jinja adds the loop's and
            # block's variables for functions that ask for the context; this one does not.
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        if args or kwargs:
            args, kwargs = _check_arguments(__obj, args, kwargs)
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def sized(self, text: str) -> str:
        """`text`, made by `~` (see SizedConcat), unless it is too long for a letter."""
        if len(text) > MAX_OUTPUT:
            _check_size(len(text))
        return text

    def call_binop(self, context, operator, left, right):
        self.check_clock()
        if operator == "**" and isinstance(right, int) and abs(right) > 100:
            raise TemplateLimit(f"the power {right} is too large for a letter")
        if operator == "*":
            size = (len(left) * right if isinstance(left, str | list | tuple)
                    and isinstance(right, int) else
                    len(right) * left if isinstance(right, str | list | tuple)
                    and isinstance(left, int) else 0)
            if size > MAX_OUTPUT:
                raise TemplateLimit("the repeated text or list would be too long for a letter")
        if operator == "%" and isinstance(left, str):
            _check_percent_format(left)
            _check_numbers(right if isinstance(right, tuple | list) else (right,), {})
        return _sized(super().call_binop(context, operator, left, right))


def _short_lipsum(lipsum):
    """Jinja's placeholder text, at most 20 paragraphs of at most 200 words."""

    @functools.wraps(lipsum)
    def short(n=5, html=True, min=20, max=100):
        _check_numbers((n, min, max), {})
        if n > 20 or max > 200 or min > 200:
            raise TemplateLimit("lipsum: at most 20 paragraphs of 200 words in a letter")
        return lipsum(n, html, min, max)

    return short


def _checked_filter(env: BoundedSandbox, name: str, function):
    """A filter that checks its arguments and result size like a call does."""

    @functools.wraps(function)
    def checked(*args, **kwargs):
        env.check_clock()
        values = [a for a in args if not _is_jinja_object(a)]
        if name == "join" and values:
            first = next(i for i, a in enumerate(args) if not _is_jinja_object(a))
            items = list(values[0])
            separator = values[1] if len(values) > 1 else kwargs.get("d", "")
            _check_size(len(str(separator)) * max(0, len(items) - 1)
                        + sum(len(str(i)) for i in items))
            args = (*args[:first], items, *args[first + 1:])
        if name == "format" and values and isinstance(values[0], str):
            _check_percent_format(values[0])
        if name == "indent" and values and isinstance(values[0], str):
            width = next((v for v in (*values[1:2], kwargs.get("width")) if isinstance(v, int)),
                         0)
            _check_size((values[0].count("\n") + 1) * width)
        if name == "replace" and values and isinstance(values[0], str):
            _check_arguments(values[0].replace, tuple(values[1:]), kwargs)
        _check_numbers(values[1:], kwargs)
        return _sized(function(*args, **kwargs))

    return checked


def _is_jinja_object(value) -> bool:
    """The environment or context Jinja passes to some filters before the value."""
    return isinstance(value, Environment | EvalContext | Context)


def _check_arguments(obj, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    """Refuse numbers and format widths no letter needs, and calls of `str` methods whose
    result would be too large, before they run; returns the arguments (an iterable given
    to `join` made a list, so that it can be measured).

    Only a method of a value (`'x'.center(n)`, `(5).to_bytes(n)`) can turn a number into
    that much memory: a function or macro the template has (`pick`, `block`, `lipsum`,
    the sandbox's `range`, its own macros) passes its arguments on to code that is
    checked in turn, so its arguments are not looked at here, in the hot path of every
    letter."""
    target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(target, "__self__", None)
    if owner is None:
        return args, kwargs
    _check_numbers(args, kwargs)
    if not isinstance(owner, str):
        return args, kwargs
    method = getattr(target, "__name__", "")
    if method in ("format", "format_map"):
        _check_format(owner)
    elif method == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        count = owner.count(old) if old else len(owner) + 1
        _check_size(len(owner) + count * max(0, len(new) - len(old)))
    elif method == "join" and args:
        items = list(args[0])
        _check_size(len(owner) * max(0, len(items) - 1)
                    + sum(len(i) for i in items if isinstance(i, str)))
        args = (items, *args[1:])
    elif method == "expandtabs":
        size = next((a for a in (*args, *kwargs.values()) if isinstance(a, int)), 8)
        _check_size(len(owner) + owner.count("\t") * size)
    return args, kwargs


def _check_numbers(args, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        inner = value if isinstance(value, tuple | list) and len(value) < 100 else (value,)
        for item in inner:
            if isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_OUTPUT:
                raise TemplateLimit(f"the number {item} is too large for a letter")


def _check_format(text: str) -> None:
    """Widths and precisions in a `str.format` string, nested ones included."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # Python reports the malformed format string itself
    for _, _, spec, _ in fields:
        for number in re.findall(r"\d+", spec or ""):
            if int(number) > MAX_OUTPUT:
                raise TemplateLimit(f"the width {number} is too large for a letter")
        if spec and "{" in spec:
            _check_format(spec)


def _check_percent_format(text: str) -> None:
    for width, precision in _PERCENT_SPEC.findall(text):
        for number in (width, precision):
            if number and int(number) > MAX_OUTPUT:
                raise TemplateLimit(f"the width {number} is too large for a letter")


def _check_size(size: int) -> None:
    if size > MAX_OUTPUT:
        raise TemplateLimit(f"the text would be {size} characters long, more than a letter "
                            f"needs ({MAX_OUTPUT})")


def _sized(result):
    if isinstance(result, str | list | tuple) and len(result) > MAX_OUTPUT:
        _check_size(len(result))
    return result


class LoopBudget(Extension):
    """Make every `{% for x in ITEMS %}` iterate `(ITEMS)|_loop_budget`, which looks at the
    clock: nested loops call nothing else the sandbox could stop. A filter, not a global
    function, so that a loop costs no call through the sandbox."""

    _OPEN = ("lparen", "lbracket", "lbrace")
    _CLOSE = ("rparen", "rbracket", "rbrace")

    def filter_stream(self, stream):
        tokens = iter(stream)
        for token in tokens:
            yield token
            if token.type != "block_begin":
                continue
            keyword = next(tokens, None)
            if keyword is None:
                return
            yield keyword
            if keyword.type == "name" and keyword.value == "for":
                yield from self._wrap_items(tokens)

    def _wrap_items(self, tokens):
        for token in tokens:  # the loop target, up to `in`
            yield token
            if token.type == "name" and token.value == "in":
                yield Token(token.lineno, "lparen", "(")
                break
            if token.type == "block_end":
                return
        else:
            return
        depth = 0
        for token in tokens:
            if token.type in self._OPEN:
                depth += 1
            elif token.type in self._CLOSE:
                depth -= 1
            ends = token.type == "block_end" or (
                token.type == "name" and token.value in ("if", "recursive"))
            if depth == 0 and ends:
                line = token.lineno
                yield from (Token(line, "rparen", ")"), Token(line, "pipe", "|"),
                            Token(line, "name", "_loop_budget"))
                yield token
                return
            yield token


class BytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, keyed also by the rules above (code
    compiled before loops looked at the clock must not be reused), and never fatal: a
    damaged entry (a run killed while writing it) is compiled afresh and rewritten, and a
    cache that cannot be written is done without."""

    _RULES = "loop-budget-2, sized-concat"

    def get_cache_key(self, name, filename=None):
        return super().get_cache_key(f"{self._RULES}:{name}", filename)

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated pickle or marshal data, whatever it raises
            bucket.reset()

    def dump_bytecode(self, bucket):
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader that reads no file outside its folders, even through a link
    inside one: `{% include %}` of a link to ~/.ssh/id_rsa reads nothing."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        for folder in self.searchpath:
            inside = os.path.abspath(filename).startswith(os.path.abspath(folder) + os.sep)
            root = os.path.realpath(folder)
            if inside and os.path.commonpath([real, root]) != root:
                raise SecurityError(f"{filename} is a link to {real}, outside the template "
                                    f"folder {folder}; copy the file into the folder instead")
        return source, filename, uptodate


__all__ = ["MAX_OUTPUT", "BoundedSandbox", "BytecodeCache", "SecurityError", "TemplateLimit"]
