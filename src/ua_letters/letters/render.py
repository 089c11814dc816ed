"""Render a letter template into a `Letter`: pure data, no files touched."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from itertools import islice
from pathlib import Path

from ua_letters.cases.model import Case, text_in
from ua_letters.errors import UserError, unknown
from ua_letters.letters import context as letter_context
from ua_letters.letters.dates import long_date
from ua_letters.letters.languages import has_wide, unspaced
from ua_letters.letters.letter import KINDS, Block, Letter, Writer
from ua_letters.resources import template_dirs, user_cache_dir

MARK = "\x1e"  # starts a block marker line; control characters never reach a template
_MAX_OUTPUT = 200_000  # characters: a letter is one page, a runaway template is an error
_TEMPLATE_CACHE: dict[tuple, object] = {}


def block(kind: str, indent: int = 0, align: str = "left", tight: bool = False,
          caller=None) -> str:
    """The marker that starts one part of the letter (see letters/parts.py), and the
    template helper of older templates: `{% call block("paragraph") %} ... {% endcall %}`,
    or `{{ block("paragraph") }}`, a part running to the next marker."""
    if kind not in KINDS:
        raise ValueError(f"unknown block kind {kind!r}; use one of {', '.join(KINDS)}")
    if align not in ("left", "right", "center"):
        raise ValueError(f"align must be left, right or center, not {align!r}")
    if not 0 <= int(indent) <= MAX_INDENT:
        raise ValueError(f"indent must be 0 to {MAX_INDENT} characters, not {indent!r}")
    flags = " tight" if tight else ""
    start = f"{MARK}{kind} {int(indent)} {align}{flags}\n"
    if caller is None:
        return start
    return f"{start}{caller()}{PART_END}"


MAX_INDENT = 20  # characters: half a line; a part indented past the page prints nothing
_END = "end"  # closes a part; text after it belongs to no part
PART_END = f"\n{MARK}{_END}\n"


def environment(dirs: list[Path]):
    """A sandboxed Jinja environment: templates may come from users, so nothing unsafe runs,
    and nothing runs long or large (see `limits`)."""
    from jinja2 import StrictUndefined

    from ua_letters.letters import limits
    from ua_letters.letters.parts import Parts

    env = limits.BoundedSandbox(
        loader=limits.ContainedLoader([str(d) for d in dirs]),
        bytecode_cache=_bytecode_cache(),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=[Parts],
    )
    env.globals["block"] = block
    return env


def _bytecode_cache():
    """Compiled templates kept between runs: compiling costs more than the rest of a letter."""
    from ua_letters.letters.limits import BytecodeCache

    folder = user_cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return BytecodeCache(str(folder))


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
    try:
        return env.get_template(name)
    except Exception as exc:
        raise _user_error(exc, name, dirs) from None


def run_template(template, name: str, values: dict, dirs: list[Path]) -> str:
    """A loaded template's output for `values`, bounded in size and time. The compiled
    template runs as `Template.generate` runs it, without the generator that passes on each
    of its pieces (a hundred a letter) and is otherwise there for its error handling."""
    env = template.environment
    env.start_clock()
    pieces = template.root_render_func(template.new_context(values))
    try:
        return _bounded(pieces, name, env)
    except Exception:
        try:
            env.handle_exception()  # raises it again, its traceback in the template's lines
        except Exception as exc:
            raise _user_error(exc, name, dirs) from None


def _user_error(exc: Exception, name: str, dirs: list[Path]) -> UserError:
    """A Jinja error as a one-line user error naming the template's file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, TemplateNotFound):
        missing = exc.name or name
        where = "" if missing == name else f"{_template_where(exc, name)}: "
        return UserError(f"{where}no template {missing!r} in "
                         f"{', '.join(str(d) for d in dirs)}; see `ua-letter templates`")
    if isinstance(exc, TemplateSyntaxError):
        return UserError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}")
    if isinstance(exc, UndefinedError):
        return UserError(f"{_template_where(exc, name)}: {exc.message}; check the name")
    if isinstance(exc, SecurityError):
        return UserError(f"{_template_where(exc, name)}: refused unsafe template code: {exc}")
    # anything else a template can do wrong: 1/0, endless macros...
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return UserError(f"{_template_where(exc, name)}: template error: {message}")


def _bounded(chunks, name: str, env) -> str:
    """Template output gathered _PIECES_AT_ONCE pieces at a time (a letter has about a
    hundred), and stopped as soon as it grows past the limit or runs out of time. A piece is
    itself at most _MAX_OUTPUT long (see limits), so a runaway is caught within 64 times
    that, some 13 million characters."""
    out, size = [], 0
    while few := list(islice(chunks, _PIECES_AT_ONCE)):
        env.check_clock()
        size += sum(map(len, few))
        if size > _MAX_OUTPUT:
            raise UserError(f"{name}: template output exceeds {_MAX_OUTPUT} characters; "
                            "check the template's loops, or look for a very long text in "
                            "the case file or your details (--note, --about, profile)")
        out += few
    return "".join(out)


_PIECES_AT_ONCE = 64


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


def parse(text: str, name: str = "template") -> list[Block]:
    """Split template output at block markers into blocks; empty blocks disappear.

    Text outside every part (after an `{% endpart %}`, before the next part) would be lost,
    so it is an error naming the template."""
    blocks: list[Block] = []
    for chunk in text.split(MARK)[1:]:
        header, _, body = chunk.partition("\n")
        if header == _END:
            if body.strip():
                raise UserError(f"{name}: text outside any block: {body.strip()[:40]!r}; "
                                "put it inside a {% part ... %} ... {% endpart %}")
            continue
        kind, indent, align, *flags = header.split()
        style = (int(indent), align, "tight" in flags)
        if kind in ("paragraph", "note"):
            for paragraph in _BLANK_LINE.split(body):
                lines = _lines(paragraph)
                if lines:
                    joined = "\n".join(lines) if kind == "note" else _join(lines)
                    blocks.append(Block(kind, (joined,), *style))
        else:
            lines = _lines(body)
            if lines:
                blocks.append(Block(kind, tuple(lines), *style))
    return blocks


_BLANK_LINE = re.compile(r"\n\s*\n")


def _lines(text: str) -> list[str]:
    """The lines of `text` that hold something, stripped."""
    return list(filter(None, map(str.strip, text.splitlines())))


def _join(lines: list[str]) -> str:
    """Join a paragraph's source lines: a space between words, none between CJK characters."""
    if not has_wide("".join(lines)):  # most paragraphs: at once
        return " ".join(lines)
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
    channel: str = "post",
) -> Letter:
    """The letter from `writer` to one target of `case`, in `language`.

    With `translating`, the reading copy of the letter in that language instead: made from
    `letter.TRANSLATING.LANGUAGE.j2`, which mirrors that letter's wordings one for one.
    `channel` (post, email, form) decides which copies the letter names as cc.
    """
    return letter_maker(case, target_id, language, today=today, countries=[writer.country],
                        template_dirs_=template_dirs_, variant=variant, vary=vary,
                        translating=translating, channel=channel)(writer)


def letter_maker(
    case: Case,
    target_id: str,
    language: str,
    *,
    today: date,
    countries: Iterable[str],
    template_dirs_: list[Path] | None = None,
    variant: int | None = None,
    vary: bool = True,
    translating: str | None = None,
    channel: str = "post",
) -> Callable[[Writer], Letter]:
    """`render` for many writers of the same letter: the template is loaded and the case's
    part of what it sees is worked out once, and so is the date for each of the writers'
    `countries` (the writers' countries decide how it is written); then each writer costs
    only their own part."""
    target = case.target(target_id)
    if target is None:
        raise unknown("target", target_id, [t.id for t in case.targets], f" in {case.label}")
    letter_context.check_language(case, language)
    shared = letter_context.case_values(case, target, language, channel)
    cc = tuple(e for c in letter_context.copies_sent(case, target.id, channel) for e in c.email)
    copies = tuple(_copy_line(c, language) for c in case.copies_for(target.id))
    name = template_name(f"{translating}.{language}" if translating else language)
    dirs = template_dirs(template_dirs_)
    template = load_template(name, dirs)
    recipient = text_in(target.name, language) or target.id
    title = f"{case.label}: {text_in(case.title, language) or ''} ({recipient})"
    subject = text_in(case.subject, language) or text_in(case.title, language) or case.label
    dates = {country: long_date(today, language, country) for country in set(countries)}

    def make(writer: Writer) -> Letter:
        values = letter_context.build(
            case, target, writer, language, today,
            formatted_date=dates[writer.country],
            variant=variant, vary=vary, seed_language=translating, channel=channel,
            shared=shared,
        )
        return Letter(
            case_id=case.id,
            target_id=target.id,
            language=language,
            title=title,
            subject=subject,
            blocks=tuple(parse(run_template(template, name, values, dirs), name)),
            writer=writer,
            to=target.email,
            web_form=target.web_form,
            cc=cc,
            copies=copies,
        )

    return make


def _copy_line(copy, language: str) -> str:
    """'Sofía Lara, Ambassador of Freedonia (embassy@example.org)' for the writer to send."""
    parts = [text_in(getattr(copy, key), language) for key in ("name", "title", "organisation")]
    line = ", ".join(p for p in parts if p)
    ways = [*copy.email, *copy.fax, *copy.web_form]
    return f"{line} ({', '.join(ways)})" if ways else line


# The mark at the top of a reading copy, in the copy's language. It never says where the
# letter is ("above"): in a DOCX the copy starts a page of its own.
_READING_COPY_HEADING = {
    "en": ("READING COPY: DO NOT SEND",
           "Your letter in English, so that you know what you sign. Keep this copy; "
           "send only the letter it translates."),
    "zh": ("阅读副本：请勿寄出",
           "这是您所寄信件的中文译本，供您了解自己所签署的内容。请保留此副本，只寄出原信。"),
}


def with_reading_copy(letter: Letter, copy: Letter) -> Letter:
    """`letter` carrying `copy` (the same letter in the writer's language), marked not to send."""
    from dataclasses import replace

    from ua_letters.letters.languages import primary

    heading = _READING_COPY_HEADING.get(primary(copy.language), _READING_COPY_HEADING["en"])
    marked = replace(copy, blocks=(Block("heading", heading, align="center"), *copy.blocks))
    return replace(letter, reading_copy=marked)

