"""Render a letter template into a `Letter`: pure data, no files touched."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ua_letters.cases.model import Case, text_in
from ua_letters.errors import UserError, unknown
from ua_letters.letters import context as letter_context
from ua_letters.letters.dates import long_date
from ua_letters.letters.languages import unspaced
from ua_letters.letters.letter import KINDS, Block, Letter, Writer
from ua_letters.resources import template_dirs, user_cache_dir

MARK = "\x1e"  # starts a block marker line; control characters never reach a template
_MAX_OUTPUT = 200_000  # characters: a letter is one page, a runaway template is an error
_TEMPLATE_CACHE: dict[tuple, object] = {}


def block(kind: str, indent: int = 0, align: str = "left", tight: bool = False) -> str:
    """Template helper: `{{ block("paragraph", indent=2) }}` starts a new block."""
    if kind not in KINDS:
        raise ValueError(f"unknown block kind {kind!r}; use one of {', '.join(KINDS)}")
    if align not in ("left", "right", "center"):
        raise ValueError(f"align must be left, right or center, not {align!r}")
    flags = " tight" if tight else ""
    return f"{MARK}{kind} {int(indent)} {align}{flags}\n"


def environment(dirs: list[Path]):
    """A sandboxed Jinja environment: templates may come from users, so nothing unsafe runs."""
    from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """Also refuses `'x' * 10**9` and `9 ** 9 ** 9`: sizes a letter never needs."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and abs(right) > 100:
                raise SecurityError(f"the power {right} is too large")
            if operator == "*":
                size = (len(left) * right if isinstance(left, str | list | tuple)
                        and isinstance(right, int) else
                        len(right) * left if isinstance(right, str | list | tuple)
                        and isinstance(left, int) else 0)
                if size > _MAX_OUTPUT:
                    raise SecurityError("the repeated text or list would be too long")
            return super().call_binop(context, operator, left, right)

    env = BoundedSandbox(
        loader=FileSystemLoader([str(d) for d in dirs]),
        bytecode_cache=_bytecode_cache(FileSystemBytecodeCache),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals["block"] = block
    return env


def _bytecode_cache(cache_class):
    """Compiled templates kept between runs: compiling costs more than the rest of a letter."""
    folder = user_cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return cache_class(str(folder))


def template_name(language: str) -> str:
    return f"letter.{language}.j2"


def has_template(language: str, template_dirs_: list[Path] | None = None) -> bool:
    """Whether `letter.LANGUAGE.j2` exists on the template path."""
    return any((d / template_name(language)).is_file() for d in template_dirs(template_dirs_))


def render_template(name: str, values: dict, dirs: list[Path]) -> str:
    """Render one template, turning Jinja's errors into one-line user errors."""
    return run_template(load_template(name, dirs), name, values, dirs)


def load_template(name: str, dirs: list[Path]):
    """The compiled template `name` from the first folder of `dirs` holding it."""
    # which folders hold the template is part of the key: a copy added later must win
    key = tuple((str(d), (d / name).is_file()) for d in dirs)
    env = _TEMPLATE_CACHE.get(key)
    if env is None:
        env = _TEMPLATE_CACHE[key] = environment(dirs)
    with _user_errors(name, dirs):
        return env.get_template(name)


def run_template(template, name: str, values: dict, dirs: list[Path]) -> str:
    """A loaded template's output for `values`, bounded in size."""
    with _user_errors(name, dirs):
        return _bounded(template.generate(values), name)


@contextmanager
def _user_errors(name: str, dirs: list[Path]):
    """Jinja's errors as one-line user errors naming the template's file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except TemplateNotFound as exc:
        missing = exc.name or name
        where = "" if missing == name else f"{_template_where(exc, name)}: "
        raise UserError(
            f"{where}no template {missing!r} in {', '.join(str(d) for d in dirs)}; "
            "see `ua-letter templates`"
        ) from None
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}"
        raise UserError(f"{where}: template error: {exc.message}") from None
    except UndefinedError as exc:
        raise UserError(f"{_template_where(exc, name)}: {exc.message}; check the name") from None
    except SecurityError as exc:
        where = _template_where(exc, name)
        raise UserError(f"{where}: refused unsafe template code: {exc}") from None
    except UserError:
        raise
    except Exception as exc:  # anything else a template can do wrong: 1/0, endless macros...
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UserError(f"{_template_where(exc, name)}: template error: {message}") from None


def _bounded(chunks, name: str) -> str:
    """Template output gathered piece by piece, stopped as soon as it grows past the limit."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > _MAX_OUTPUT:
            raise UserError(f"{name}: template output exceeds {_MAX_OUTPUT} characters; "
                            "check loops")
        out.append(chunk)
    return "".join(out)


def _template_where(exc: BaseException, name: str) -> str:
    """file:line of the template frame that raised, found in the traceback."""
    tb = exc.__traceback__
    where = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".jinja"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def parse(text: str) -> list[Block]:
    """Split template output at block markers into blocks; empty blocks disappear."""
    blocks: list[Block] = []
    for chunk in text.split(MARK)[1:]:
        header, _, body = chunk.partition("\n")
        kind, indent, align, *flags = header.split()
        style = {"indent": int(indent), "align": align, "tight": "tight" in flags}
        if kind in ("paragraph", "note"):
            for paragraph in re.split(r"\n\s*\n", body):
                lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
                if not lines:
                    continue
                joined = "\n".join(lines) if kind == "note" else _join(lines)
                blocks.append(Block(kind, (joined,), **style))
        else:
            lines = tuple(line.strip() for line in body.splitlines() if line.strip())
            if lines:
                blocks.append(Block(kind, lines, **style))
    return blocks


def _join(lines: list[str]) -> str:
    """Join a paragraph's source lines: a space between words, none between CJK characters."""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if unspaced(out[-1]) or unspaced(line[0]) else " "
        out += glue + line
    return out


def render(
    case: Case,
    target_id: str,
    writer: Writer,
    language: str,
    *,
    today: date,
    template_dirs_: list[Path] | None = None,
    variant: int | None = None,
    vary: bool = True,
    translating: str | None = None,
) -> Letter:
    """The letter from `writer` to one target of `case`, in `language`.

    With `translating`, the reading copy of the letter in that language instead: made from
    `letter.TRANSLATING.LANGUAGE.j2`, which mirrors that letter's wordings one for one.
    """
    return letter_maker(case, target_id, language, today=today, template_dirs_=template_dirs_,
                        variant=variant, vary=vary, translating=translating)(writer)


def letter_maker(
    case: Case,
    target_id: str,
    language: str,
    *,
    today: date,
    template_dirs_: list[Path] | None = None,
    variant: int | None = None,
    vary: bool = True,
    translating: str | None = None,
) -> Callable[[Writer], Letter]:
    """`render` for many writers of the same letter: the template is loaded and the case's
    part of what it sees is worked out once, then each writer costs only their own part."""
    target = case.target(target_id)
    if target is None:
        raise unknown("target", target_id, [t.id for t in case.targets], f" in {case.label}")
    letter_context.check_language(case, language)
    shared = letter_context.case_values(case, target, language)
    name = template_name(f"{translating}.{language}" if translating else language)
    dirs = template_dirs(template_dirs_)
    template = load_template(name, dirs)
    recipient = text_in(target.name, language) or target.id
    title = f"{case.label}: {text_in(case.title, language) or ''} ({recipient})"
    subject = text_in(case.subject, language) or text_in(case.title, language) or case.label

    def make(writer: Writer) -> Letter:
        values = letter_context.build(
            case, target, writer, language, today,
            formatted_date=long_date(today, language, writer.country),
            variant=variant, vary=vary, seed_language=translating, shared=shared,
        )
        return Letter(
            case_id=case.id,
            target_id=target.id,
            language=language,
            title=title,
            subject=subject,
            blocks=tuple(parse(run_template(template, name, values, dirs))),
            writer=writer,
            to=target.email,
        )

    return make


# The mark at the top of a reading copy, in the copy's language.
_READING_COPY_HEADING = {
    # No "above": in a DOCX the copy is on a page of its own.
    "en": ("READING COPY: DO NOT SEND",
           "Your letter in English, so that you know what you sign. Keep this copy; "
           "send only the letter itself."),
    "zh": ("阅读副本：请勿寄出",
           "这是您那封信的中文版本，供您了解自己所签署的内容。请保留此副本，只寄出信件本身。"),
}


def with_reading_copy(letter: Letter, copy: Letter) -> Letter:
    """`letter` carrying `copy` (the same letter in the writer's language), marked not to send."""
    from dataclasses import replace

    from ua_letters.letters.languages import primary

    heading = _READING_COPY_HEADING.get(primary(copy.language), _READING_COPY_HEADING["en"])
    marked = replace(copy, blocks=(Block("heading", heading, align="center"), *copy.blocks))
    return replace(letter, reading_copy=marked)

