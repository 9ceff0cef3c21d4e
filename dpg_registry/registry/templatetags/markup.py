"""``{{ text|markdown }}``: free text written by people, as sanitised HTML.

Markdown is rendered with markdown-it-py (CommonMark, raw HTML escaped, no images: the page's policy
loads none from elsewhere), then cleaned with nh3 to an allow-list of tags and attributes; links keep
only http, https and mailto addresses and get ``rel="nofollow noopener"``. Each block takes its direction from
its own text (``dir="auto"``), so an English paragraph inside an Arabic page keeps its full stop at its end.
"""

import nh3
from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

register = template.Library()

_markdown = MarkdownIt("commonmark", {"html": False}).disable("image")
TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
BLOCKS = ("p", "li", "blockquote", "h3", "h4", "h5", "h6")


def render_markdown(text: str) -> str:
    html = _markdown.render(text or "")
    # Headings inside a page's section start below its own headings.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    html = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="nofollow noopener")
    for tag in BLOCKS:  # nh3 writes each allowed tag without attributes but those above
        html = html.replace(f"<{tag}>", f'<{tag} dir="auto">')
    return html


@register.filter(is_safe=True)
def markdown(text) -> str:
    return mark_safe(render_markdown(str(text) if text is not None else ""))  # nh3 allows only the tags above
