"""The page layout's menus, each rendered once per language and kept: every page's header shows the main menu, the
account links and the language links twice (in the bar and in the small screens' menu), about a fifth of the
time a catalogue page takes to render.

What the kept copy of a menu depends on is its key: the language and the URL prefix (every link is a reversed
URL), whether the page is the offline copy, and for the main menu which part of the site the page is in. The
account links are kept for visitors who are not signed in (a signed-in person's show their roles), and so are the
language links, whose ``next`` address is the page's own: they are kept with a placeholder in its place. The
templates stay the one description of the HTML; these tags render them as ``{% include %}`` would.

``{% kept "name" %}…{% endkept %}`` keeps a part of the layout the same way: what it encloses may depend on the
language, the URL prefix, the offline copy, the part of the site and the page's own address (as the language links
do), nothing else; it is rendered anew for a signed-in person, and may hold no ``{% block %}``.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import urlencode
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Parts of the site the main menu marks as current: (url_name, namespace) of the page, or neither.
_CURRENT_NAMES = {"catalogue", "profile", "open-data"}
_CURRENT_NAMESPACES = {"eligibility", "ecosystem", "reports"}
# Left unchanged by ``urlencode`` and HTML escaping, so the page's own address can take its place.
_NEXT = "kept-menu-next-address"

_kept: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    """A kept part holds what settings decide (static files' addresses, URLs, languages): render it anew."""
    _kept.clear()


class _PlaceholderRequest:
    """Stands for the request while the language links or a kept part are rendered for keeping: its address is the
    placeholder."""

    def __init__(self, request):
        self.offline_copy = getattr(request, "offline_copy", False)
        self.resolver_match = getattr(request, "resolver_match", None)

    def get_full_path(self) -> str:
        return _NEXT


def _keep(context, key: tuple, render, **standing_in) -> str:
    """``render(context)`` (with ``standing_in`` over the context), kept under ``key`` in each language and prefix."""
    key = (*key, get_language(), get_script_prefix())
    html = _kept.get(key)
    if html is None:
        with context.push(**standing_in):
            html = _kept[key] = render(context)
    return html


def _render(context, name: str, key: tuple, **standing_in) -> str:
    """The template ``name`` rendered in ``context`` (with ``standing_in`` over it), kept under ``key``."""
    return _keep(context, (name, *key), context.template.engine.get_template(name).render, **standing_in)


def _own_address(html: str, request) -> str:
    """A kept part with the page's own address in the placeholder's place."""
    return html.replace(_NEXT, urlencode(request.get_full_path())) if _NEXT in html else html


def _offline(context) -> bool:
    return bool(getattr(context.get("request"), "offline_copy", False))


def _part_of_site(context) -> tuple:
    """What the main menu marks as current for this page: its url_name and namespace among those it marks."""
    here = getattr(context.get("request"), "resolver_match", None)
    url_name = getattr(here, "url_name", None)
    namespace = getattr(here, "namespace", None)
    return url_name if url_name in _CURRENT_NAMES else None, namespace if namespace in _CURRENT_NAMESPACES else None


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """``layout/_primary.html``."""
    return mark_safe(_render(context, "layout/_primary.html", (_offline(context), *_part_of_site(context))))


def _signed_in(context) -> bool:
    user = context.get("user")
    return bool(user is not None and user.is_authenticated)


@register.simple_tag(takes_context=True)
def account_menu(context) -> str:
    """``layout/_account.html``."""
    if _signed_in(context):
        return mark_safe(context.template.engine.get_template("layout/_account.html").render(context))
    return mark_safe(_render(context, "layout/_account.html", ()))


@register.simple_tag(takes_context=True)
def language_links(context) -> str:
    """``i18n/_switcher.html``."""
    if _signed_in(context):
        return mark_safe(context.template.engine.get_template("i18n/_switcher.html").render(context))
    request = context.get("request")
    return mark_safe(_own_address(_render(context, "i18n/_switcher.html", (), request=_PlaceholderRequest(request)),
                                  request))


class KeptNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        if _signed_in(context):
            return self.nodelist.render(context)
        request = context.get("request")
        key = ("kept", self.name, _offline(context), *_part_of_site(context))
        return _own_address(_keep(context, key, self.nodelist.render, request=_PlaceholderRequest(request)), request)


@register.tag
def kept(parser, token):
    """``{% kept "name" %}…{% endkept %}``: the enclosed part of the layout, rendered once and kept (see above)."""
    try:
        _, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("kept takes one argument, the part's name in quotes") from None
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(f"kept part {name} holds a block, which a page may replace")
    return KeptNode(name.strip("\"'"), nodelist)
