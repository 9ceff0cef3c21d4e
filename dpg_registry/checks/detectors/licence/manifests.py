"""The licences that package manifests declare, read from their licence fields."""


from dpg_registry.checks.detectors.licence.names import Declared, from_address, join_expressions, resolve
from dpg_registry.checks.detectors.licence.texts import corpus
from dpg_registry.checks.manifests.licences import ADDRESS, CHOICE, FILE, TEXT, LicenceField, licence_fields
from dpg_registry.checks.text import one_line
from dpg_registry.checks.tree import FileEntry
from dpg_registry.lib.records import Record


class ManifestEntry(Record, frozen=True):
    declared: Declared
    line: int | None
    excerpt: str


def _any_of(values: list, line: int | None, excerpt: str) -> list[ManifestEntry]:
    """A list of licences in a manifest: npm, Composer, Maven and RubyGems read several as a choice."""
    declared = [resolve(value) for value in values if isinstance(value, str) and value.strip()]
    if len(declared) > 1 and all(item.expression for item in declared):
        joined = join_expressions("OR", [item.expression for item in declared])
        return [ManifestEntry(Declared(" / ".join(values), joined), line, excerpt)]
    return [ManifestEntry(item, line, excerpt) for item in declared]


def _licence_text(value: str) -> Declared:
    # pyproject's license = {text = ...} sometimes holds a whole licence text rather than a name.
    if len(value) > 200:
        matches = corpus().match(value)
        if matches:
            return Declared(one_line(value, 60), matches[0].spdx_id)
    return resolve(value)


def _pom_name(name: str, address: str) -> str:
    """A pom.xml licence's name, or the licence its <url> points at when the name says nothing we know."""
    declared = resolve(name) if name else Declared("")
    if not declared.expression and address and from_address(address):
        name = from_address(address)
    return name or address


def _entries(field: LicenceField) -> list[ManifestEntry]:
    value = field.values[0] if field.values else ""
    if field.kind == CHOICE:
        names = [_pom_name(name, address) for name, address in zip(field.values, field.addresses, strict=True)] \
            if field.addresses else list(field.values)
        return _any_of(names, field.line, field.excerpt)
    if field.kind == TEXT:
        declared = _licence_text(value)
    elif field.kind == FILE:
        declared = Declared(value, file=field.file)
    elif field.kind == ADDRESS:
        address = from_address(value)
        declared = Declared(value, address) if address else Declared(value)
    else:
        declared = resolve(value)
    return [ManifestEntry(declared, field.line, field.excerpt)]


def read_manifest(entry: FileEntry, text: str) -> list[ManifestEntry]:
    """The licences a manifest declares; [] when it declares none or cannot be parsed."""
    try:
        return [item for field in licence_fields(entry, text) for item in _entries(field) if item.declared.raw]
    except (ValueError, RecursionError, AttributeError, TypeError):
        # A field of an unexpected type in a manifest that parses says as little as one that does not parse.
        return []
