"""The `{% part %}` tag of letter templates: where each part of a letter starts and ends."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, nodes
from jinja2.ext import Extension

from ua_letters.letters.render import PART_END, block


class Parts(Extension):
    """`{% part "paragraph", indent=2 %} ... {% endpart %}`: one part of the letter, its end
    in sight, so an edit cannot spill one part into the next. The arguments are those of
    `block`. Given as constants, as in every shipped template, the part's markers are
    written into the compiled template, so a part costs a letter nothing; a mistyped kind
    is then an error naming the template's line before any letter is made."""

    tags = frozenset({"part"})

    def parse(self, parser):
        line = next(parser.stream).lineno
        args, kwargs = [], []
        while parser.stream.current.type != "block_end":
            if args or kwargs:
                parser.stream.expect("comma")
            if parser.stream.current.type == "name" and parser.stream.look().type == "assign":
                key = next(parser.stream).value
                next(parser.stream)
                kwargs.append(nodes.Keyword(key, parser.parse_expression(), lineno=line))
            else:
                args.append(parser.parse_expression())
        body = parser.parse_statements(("name:endpart",), drop_needle=True)
        known = nodes.EvalContext(self.environment, parser.name)
        try:
            start = nodes.TemplateData(block(*(a.as_const(known) for a in args),
                                             **{k.key: k.value.as_const(known) for k in kwargs}))
        except nodes.Impossible:  # a value known only when a letter is made
            start = self.call_method("_start", args, kwargs, lineno=line)
        except (TypeError, ValueError, OverflowError) as exc:
            raise TemplateSyntaxError(f"part: {exc}", line, parser.name,
                                      parser.filename) from None
        end = nodes.TemplateData(PART_END)
        return [nodes.Output([start], lineno=line), *body, nodes.Output([end], lineno=line)]

    @staticmethod
    def _start(*args, **kwargs) -> str:
        return block(*args, **kwargs)
