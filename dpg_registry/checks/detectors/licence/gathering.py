"""Where licences are in a tree."""

import re
from functools import lru_cache
from pathlib import Path

from dpg_registry.checks.detectors.licence.manifests import read_manifest
from dpg_registry.checks.detectors.licence.names import (
    PLAIN_ID,
    Declared,
    base_id,
    base_ids,
    expression_ids,
    join_expressions,
    resolve,
    spdx_expression,
)
from dpg_registry.checks.detectors.licence.statements import (
    GNU_ID,
    LICENCE_TEXT_MARK,
    Statement,
    header_expressions,
    later_wordings,
    licensing_paragraphs,
    offers_choice,
    qualified_gnu_ids,
    readme_section,
    statements,
)
from dpg_registry.checks.detectors.licence.texts import (
    CLOSE_COVERAGE,
    FAIR_COVERAGE,
    NGRAM,
    TextMatch,
    corpus,
    normalise_words,
    word_sequences,
)
from dpg_registry.checks.manifests.licences import NO_LICENCE_FIELD, has_licence_field
from dpg_registry.checks.model import Confidence, Evidence
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import found_in, get, head, one_line, parse
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record, factory

LICENCE_FILE_BYTES = 512_000  # a licence file longer than this is a bundle of third-party notices
MAX_NESTED_LICENCE_FILES = 5000
MAX_MANIFESTS = 300
MAX_VENDORED_HEADERS = 2000  # vendored code is reported, not weighed: a sample of it is enough

VENDORED_DIRECTORIES = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "vendors", "third_party", "third-party",
    "thirdparty", "3rdparty", "external", "externals", "extern", "deps", ".venv", "venv", "site-packages",
    "__pypackages__", "pods", "carthage", ".bundle", ".yarn",
})
_LICENCE_FILE = lazy(
    r"^(?:licen[cs]es?|unlicen[cs]e|copying|copyright|copyleft)(?:[-._ ](?P<tag>.+?))??"
    r"(?:\.(?:md|markdown|txt|rst|adoc|asciidoc|html?|org|text))?$",
    re.IGNORECASE,
)
_LICENCE_FILE_STARTS = ("licen", "unlicen", "cop")  # how a name _LICENCE_FILE matches starts, in ASCII
# A tag after the name that says which part of the repository the licence is for, not the whole.
_PART_TAG = lazy(r"doc|content|data|asset|font|media|image|art|third|3rd|notice|vendor|dep|bundle|external"
                       r"|example|sample|test", re.IGNORECASE)
_GNU_TITLE = lazy(r"^[ \t]*GNU (?:AFFERO |LESSER |LIBRARY )?GENERAL PUBLIC LICENSE[ \t]*$", re.MULTILINE)
_WORK_LICENSED = lazy(
    r"\bthis (?:work|project|software|program|library|repository|book|content|material)\b[^.\n]{0,40}?"
    r"\blicen[cs]ed under\b",
    re.IGNORECASE,
)
_DATA_TAG = lazy(r"data|content", re.IGNORECASE)
DATA_FOLDERS = frozenset({"data", "dataset", "datasets"})
SOURCE_SUFFIXES = frozenset(
    "py pyi pyx pxd js mjs cjs jsx ts tsx mts cts vue svelte java kt kts scala sc groovy gradle go rs c h cc cpp cxx "
    "hpp hh hxx ipp m mm cs fs fsx vb swift rb php pl pm t r jl lua dart ex exs erl hrl hs lhs elm ml mli clj cljs "
    "cljc edn sh bash zsh fish ps1 psm1 bat cmd sql html htm xhtml css scss sass less styl xml xsl xslt xsd svg yml "
    "yaml toml ini cfg conf properties proto thrift graphql gql tf hcl nix cmake mk mak md rst adoc tex sty cls bib "
    "sol zig nim cr v sv vhd vhdl f f90 f95 for asm s d pas pp tcl awk sed vim el lisp scm rkt purs re res coffee "
    "hbs mustache ejs erb haml jinja j2 twig tpl ipynb dockerfile bzl bazel star containerfile".split()
)
SOURCE_NAMES = frozenset({"makefile", "dockerfile", "containerfile", "cmakelists.txt", "rakefile", "gemfile",
                          "justfile", "build", "workspace", "jenkinsfile", "vagrantfile"})
CODE_SUFFIXES = SOURCE_SUFFIXES - frozenset("md rst adoc tex html htm xhtml xml yml yaml toml ini cfg conf "
                                            "properties svg json txt bib".split())
_NOT_LICENCE_TAGS = SOURCE_SUFFIXES | {"json", "lock", "sum", "csv", "pdf", "png", "jpg", "svg", "gif"}


def vendored_root(path: str) -> str | None:
    """The vendored folder a path is inside ("node_modules/"), or None for the project's own files.

    The innermost one counts: .venv/lib/python3.11/site-packages/ rather than .venv/.
    """
    return _vendored_folder(path.rpartition("/")[0])


@lru_cache(maxsize=65536)
def _vendored_folder(directory: str) -> str | None:
    # Decided once per folder: a large tree has many files per folder.
    parts = directory.split("/") if directory else []
    for index in range(len(parts) - 1, -1, -1):
        if parts[index].lower() in VENDORED_DIRECTORIES:
            return "/".join(parts[: index + 1]) + "/"
    return None


def is_licence_file(entry: FileEntry) -> bool:
    if entry.name.isascii() and not entry.lower_name.startswith(_LICENCE_FILE_STARTS):  # most files: no search
        return False
    match = _LICENCE_FILE.match(entry.name)
    if not match:
        return False
    tag = (match.group("tag") or "").lower()
    return not any(piece in _NOT_LICENCE_TAGS for piece in tag.split("."))


def part_tag(entry: FileEntry) -> str | None:
    """"docs" for LICENSE-docs, "third-party" for LICENSE-THIRD-PARTY: a licence file for a part only."""
    match = _LICENCE_FILE.match(entry.name)
    tag = (match.group("tag") or "") if match else ""
    return tag if tag and _PART_TAG.search(tag) else None


def is_data_licence_file(entry: FileEntry) -> bool:
    """A licence file for the repository's data or content: tagged so at the top (LICENSE-DATA, LICENSE.data.md),
    or the licence file of a top-level data folder (data/LICENSE)."""
    if entry.depth == 0:
        return bool(_DATA_TAG.search(part_tag(entry) or ""))
    return entry.depth == 1 and entry.directory.lower() in DATA_FOLDERS


def is_source(entry: FileEntry) -> bool:
    name = entry.lower_name
    if name in SOURCE_NAMES:
        return True
    return "." in name and name.rsplit(".", 1)[1] in SOURCE_SUFFIXES and not is_licence_file(entry)


def is_code(entry: FileEntry) -> bool:
    name = entry.lower_name
    return "." in name and name.rsplit(".", 1)[1] in CODE_SUFFIXES


class LicenceFile(Record):
    entry: FileEntry
    readable: bool
    matches: list[TextMatch] = factory(list)
    said: list[Statement] = factory(list)  # what it names, when it holds no licence text
    dual: bool = False  # it says the licences it holds are alternatives
    line: int = 1
    excerpt: str = ""
    # "(GNU base id, line)" for each "or (at your option) any later version" in a notice above a GNU text
    later: list[tuple[str, int]] = factory(list)
    # A notice above the text that licenses the work under another licence than the text's: the project's word
    contradicted_by: Statement | None = None

    @property
    def parts(self) -> list[tuple[str, bool]]:
        """Its licences: (id, True) for each text it holds, (expression, False) for each it only names."""
        if self.contradicted_by:
            return [(self.contradicted_by.declared.expression, False)]
        found = [(as_the_text_says(match.spdx_id), True) for match in self.matches]
        bases = {base_id(match.spdx_id) for match in self.matches}
        for statement in self.said:
            expression = statement.declared.expression
            if expression and not base_ids(expression) & bases:
                found.append((expression, False))
                bases |= base_ids(expression)
        return found

    @property
    def ids(self) -> list[str]:
        return [spdx_id for expression, _ in self.parts for spdx_id in expression_ids(expression)]

    def combined(self, expressions: list[str], dual: bool = False) -> str | None:
        return join_expressions("OR" if self.dual or dual else "AND", with_gpl_folded(expressions))

    @property
    def expression(self) -> str | None:
        return self.combined([expression for expression, _ in self.parts])

    @property
    def coverage(self) -> float | None:
        return min(match.coverage for match in self.matches) if self.matches else None

    @property
    def confidence(self) -> Confidence:
        if self.coverage is None:
            return Confidence.MEDIUM if self.ids else Confidence.LOW
        return coverage_confidence(self.coverage)


def as_the_text_says(spdx_id: str) -> str:
    """A licence text's id; a GNU text's without "-only" or "-or-later", which its words cannot tell."""
    match = GNU_ID.match(spdx_id)
    return match["base"] if match else spdx_id


def coverage_confidence(coverage: float) -> Confidence:
    if coverage >= CLOSE_COVERAGE:
        return Confidence.HIGH
    return Confidence.MEDIUM if coverage >= FAIR_COVERAGE else Confidence.LOW


def with_gpl_folded(expressions: list[str]) -> list[str]:
    """The LGPL comes with the GPL text it builds on (COPYING next to COPYING.LESSER): that is the LGPL alone."""
    if not any(expression.startswith("LGPL-") for expression in expressions):
        return expressions
    return [expression for expression in expressions
            if not (expression.startswith("GPL-") and PLAIN_ID.fullmatch(expression))]


def read_licence_file(tree: Tree, entry: FileEntry) -> LicenceFile:
    text = tree.read_text(entry, LICENCE_FILE_BYTES)
    if text is None:
        return LicenceFile(entry, readable=False)
    lines = text.splitlines()
    first = next((index for index, line in enumerate(lines) if line.strip()), 0)
    found = LicenceFile(entry, readable=True, line=first + 1, excerpt=one_line(lines[first]) if lines else "")
    found.matches = corpus().match(text)
    # Without a licence text, what the file says is all there is; with one, only what precedes it speaks
    # for the repository (a licence text may well say "dual licensed" about something else).
    said = _preamble(text, found.matches) if found.matches else _first_section(text[:20_000])
    found.dual = offers_choice(said)
    if not found.matches or found.dual:
        found.said = [statement for statement in statements(said) if statement.declared.known]
    if found.matches:
        found.later = later_wordings(_above_gnu_title(text))
        if not found.dual:
            found.contradicted_by = _contradicting_notice(text[:4000], found.matches)
    return found


def _contradicting_notice(head: str, matches: list[TextMatch]) -> Statement | None:
    """The licence a notice opening the file gives the work ("This work is licensed under a Creative Commons
    Attribution-NonCommercial 4.0 International License"), when it is one licence and not the text's. The
    notice is the file's first paragraph: it shares words with the text, so the preamble does not hold it."""
    paragraph = head.lstrip().split("\n\n")[0]
    preamble = head[: head.find(paragraph) + len(paragraph)]
    notice = _WORK_LICENSED.search(preamble)
    if not notice:
        return None
    named = [statement for statement in statements(preamble[notice.start():])
             if statement.declared.expression]
    bases = {base_id(match.spdx_id) for match in matches}
    expressions = {statement.declared.expression for statement in named}
    if len(expressions) != 1 or base_ids(next(iter(expressions))) & bases:
        return None
    first = preamble[: notice.start()].count("\n")
    statement = named[0]
    return Statement(statement.declared, first + statement.line, statement.excerpt)


def _above_gnu_title(text: str) -> str:
    """The notice above a GNU licence's title line. The notice's own words ("either version 3 of the License,
    or (at your option) any later version") are in the text's appendix too, so only what precedes the title
    is the project's; a file that is the bare text has nothing there."""
    title = _GNU_TITLE.search(text[:20_000])
    return text[: title.start()] if title else ""


def _first_section(text: str) -> str:
    """A licence notice without a licence text, up to its first Markdown heading after some text: sections
    such as "Exceptions and Other Libraries" name the licences of other people's code, not the project's."""
    seen_text = False
    for match in re.finditer(r"^.*$", text, re.MULTILINE):
        line = match.group(0).strip()
        if line.startswith("#") and seen_text:
            return text[: match.start()]
        seen_text = seen_text or bool(line and not line.startswith("#"))
    return text


def _preamble(text: str, matches: list[TextMatch]) -> str:
    """The text before the first line that belongs to one of the licence texts found in it."""
    sequences = [corpus().by_id[match.spdx_id].sequences for match in matches]
    offset = 0
    for line in text[:20_000].splitlines(keepends=True):
        words = normalise_words(line)
        if len(words) >= NGRAM and any(not own.isdisjoint(word_sequences(words)) for own in sequences):
            break
        offset += len(line)
    return text[:offset]


class HeaderScan(Record):
    hits: list["Claim"] = factory(list)
    later: list[tuple[str, Evidence]] = factory(list)  # (GNU base id, where "or any later" is)
    vendored_skipped: int = 0


def scan_headers(tree: Tree) -> HeaderScan:
    """SPDX-License-Identifier lines and "or any later version" wordings in the head of every source file."""
    scan = HeaderScan()
    vendored_read = 0
    for entry in tree.files:
        if not is_source(entry):
            continue
        vendored = vendored_root(entry.path)
        if vendored:
            if vendored_read >= MAX_VENDORED_HEADERS:
                scan.vendored_skipped += 1
                continue
            vendored_read += 1
        text = head(tree, entry)
        if not text:
            continue
        if "SPDX-License-Identifier" in text:
            for value, line in header_expressions(text):
                scan.hits.append(Claim(resolve(value), "header", entry.path, line,
                                       f"SPDX-License-Identifier: {value}", area=vendored or _area(entry.path),
                                       vendored=bool(vendored), code=is_code(entry)))
        # The wording needs "later" and "option" (most heads that say "later" do not say "option"); a head that is
        # the text of a licence says it about the licence's own later versions.
        if (not vendored and "later" in text and "option" in text.lower()
                and not found_in(LICENCE_TEXT_MARK, text)):
            for base, line in later_wordings(text):
                scan.later.append((base, Evidence(entry.path, line, excerpt="… or (at your option) any later version")))
    return scan


def _area(path: str) -> str:
    """The part of the tree a file speaks for: its top folder, or "." for files at the top."""
    return path.split("/", 1)[0] + "/" if "/" in path else "."


class Claim(Record):
    """One place in the tree that names a licence."""

    declared: Declared
    kind: str  # licence_file, header, manifest, readme
    path: str
    line: int | None = None
    excerpt: str = ""
    confidence: Confidence = Confidence.MEDIUM
    area: str = "."  # the part of the tree it speaks for
    vendored: bool = False
    code: bool = False  # a header in a code file (not docs or configuration)

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.path, self.line, excerpt=self.excerpt)


def read_manifests(tree: Tree) -> tuple[list[Claim], list[str]]:
    """Licence claims of the manifests outside vendored folders, and notes on manifests without a licence field."""
    claims, notes = [], []
    entries = [entry for entry in tree.files
               if (has_licence_field(entry) or entry.lower_name in NO_LICENCE_FIELD)
               and not vendored_root(entry.path)][:MAX_MANIFESTS]
    for entry in entries:
        if entry.lower_name in NO_LICENCE_FIELD:
            if entry.depth == 0:
                notes.append(f"{entry.path} has no licence field: {NO_LICENCE_FIELD[entry.lower_name]} reads the "
                             "LICENSE file")
            continue
        text = tree.read_text(entry)
        if not text:
            continue
        area = "." if entry.depth == 0 else entry.directory + "/"
        for item in read_manifest(entry, text):
            claims.append(Claim(item.declared, "manifest", entry.path, item.line, item.excerpt, area=area))
    return claims, notes


README_BYTES = 512_000


def find_readme(tree: Tree) -> FileEntry | None:
    readmes = [entry for entry in tree.top() if entry.lower_name.split(".")[0] == "readme"]
    preference = {".md": 0, ".markdown": 0, ".rst": 1, ".txt": 2, "": 3}
    return min(readmes, key=lambda entry: (preference.get(Path(entry.lower_name).suffix, 4), entry.path),
               default=None)


# ---------------------------------------------------------------------------------------------
# Gathering: every place in the tree that names a licence
# ---------------------------------------------------------------------------------------------


class Gathered(Record):
    top: list[LicenceFile]  # licence files at the top that speak for the whole repository
    parts: list[LicenceFile]  # licence files at the top for a part only: LICENSE-docs, THIRD-PARTY-LICENSES
    reuse: list[tuple[LicenceFile, str | None]]  # LICENSES/<id>.txt with the id its name gives
    nested: list[LicenceFile]  # licence files in sub-folders, vendored ones included
    nested_skipped: int
    headers: HeaderScan
    manifests: list[Claim]
    manifest_notes: list[str]
    readme_claims: list[Claim]  # what the README's licence section names
    readme_later: list[tuple[str, Evidence]]
    readme_dual: bool
    readme_versions: list[tuple[str, str, Evidence]]  # GNU ids with "-only" or "-or-later" anywhere in the README
    publiccode: list[Claim]  # publiccode.yml's legal.license


def gather(tree: Tree) -> Gathered:
    licence_files = [entry for entry in tree.files if is_licence_file(entry)]
    top, parts, reuse = [], [], []
    for entry in licence_files:
        if entry.depth == 0:
            found = read_licence_file(tree, entry)
            (parts if part_tag(entry) else top).append(found)
    for entry in tree.files:
        if entry.depth == 1 and entry.directory.lower() == "licenses":  # REUSE: LICENSES/<id>.<ext>
            reuse.append((read_licence_file(tree, entry), spdx_expression(entry.name.rsplit(".", 1)[0])))
    reuse_paths = {found.entry.path for found, _ in reuse}
    nested_entries = [entry for entry in licence_files if entry.depth > 0 and entry.path not in reuse_paths]
    nested = [read_licence_file(tree, entry) for entry in nested_entries[:MAX_NESTED_LICENCE_FILES]]
    manifests, notes = read_manifests(tree)
    readme_claims, readme_later, readme_dual, readme_versions = [], [], False, []
    readme = find_readme(tree)
    text = tree.read_text(readme, README_BYTES) if readme else None
    if text:
        readme_later = [(base, Evidence(readme.path, line, excerpt="… or (at your option) any later version"))
                        for base, line in later_wordings(text)]
        readme_versions = [(base, kind, Evidence(readme.path, line, excerpt=f"{base}-{kind}"))
                           for base, kind, line in qualified_gnu_ids(text)]
        section = readme_section(text)
        pieces = [section] if section else licensing_paragraphs(text)
        said = {}  # each licence once, where it is first named
        for first_line, body in pieces:
            for statement in statements(body, first_line):
                if statement.declared.known:
                    said.setdefault(statement.declared.expression or statement.declared.raw, statement)
            readme_dual = readme_dual or offers_choice(body)
        readme_claims = [Claim(statement.declared, "readme", readme.path, statement.line, statement.excerpt,
                               confidence=Confidence.LOW) for statement in said.values()]
    return Gathered(top, parts, reuse, nested, max(0, len(nested_entries) - MAX_NESTED_LICENCE_FILES),
                    scan_headers(tree), manifests, notes, readme_claims, readme_later, readme_dual, readme_versions,
                    read_publiccode(tree))


def read_publiccode(tree: Tree) -> list[Claim]:
    """The licence publiccode.yml's legal.license names, as a claim."""
    for entry in tree.named("publiccode.yml", "publiccode.yaml", max_depth=0)[:1]:
        parsed = parse(tree, entry, "yaml")
        value = get(parsed.data, "legal", "license")
        if isinstance(value, str) and value.strip():
            line = next((number for number, text in enumerate(parsed.text.splitlines(), start=1)
                         if text.strip().startswith("license:")), None)
            return [Claim(resolve(value), "metadata", entry.path, line, f"license: {one_line(value, 80)}")]
    return []
