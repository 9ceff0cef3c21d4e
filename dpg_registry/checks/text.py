"""Reading a tree for the detectors and the manifest inventory: choosing files, reading them within limits,
finding lines and headings.

Every reader here returns something harmless (None, an empty list, a ``Parsed`` with a problem) for
binary, huge, vanished or malformed files, so that a detector never has to guard against exceptions.
"""

import bisect
import fnmatch
import json
import re
from functools import cache, lru_cache
from itertools import accumulate

from dpg_registry.checks.model import Confidence, Evidence, Finding, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record

MAX_EVIDENCE = 10  # a finding lists this many places at most; more adds length, not information
MANIFEST_LIMIT = 1_000_000  # bytes: a manifest larger than this is not a manifest anyone maintains by hand
DOC_LIMIT = 256_000  # bytes read of one document
HEAD_LINES = 60  # a header (licence, copyright) sits in the first lines of a file

README_NAMES = ("readme", "readme.md", "readme.markdown", "readme.rst", "readme.txt", "readme.adoc", "readme.org")
DOC_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc", ".asciidoc", ".org", ".html")
DOC_FOLDERS = frozenset({"doc", "docs", "documentation", "wiki", "guide", "guides", "handbook", "manual"})
SOURCE_SUFFIXES = (
    ".py", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".vue", ".svelte", ".java", ".kt", ".kts", ".scala",
    ".go", ".rs", ".rb", ".php", ".cs", ".fs", ".vb", ".swift", ".m", ".mm", ".dart", ".c", ".h", ".cc", ".cpp",
    ".hpp", ".ex", ".exs", ".erl", ".clj", ".lua", ".r", ".jl", ".sh", ".pl", ".html", ".htm",
)
# Folders holding other people's code, generated output or test fixtures: what they hold says
# nothing about the product itself, and they can be very large.
VENDORED = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "vendors", "third_party", "third-party",
    "thirdparty", "external", "externals", ".venv", "venv", "env", "site-packages", ".tox", ".nox", "__pycache__",
    "dist", "build", "target", "out", ".next", ".nuxt", "pods", "carthage", ".gradle", ".dart_tool", ".pub-cache",
    "fixtures", "testdata", "test-data", "test_data", "__snapshots__",
})
_EMAIL = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def is_vendored(entry: FileEntry) -> bool:
    return _vendored_directory(entry.directory)


@cache
def _vendored_directory(directory: str) -> bool:
    return any(part.lower() in VENDORED for part in directory.split("/"))


def own_files(tree: Tree) -> list[FileEntry]:
    """The files outside vendored folders, in walk order (listed once per check: every detector asks)."""
    if "own_files" not in tree.memo:
        tree.memo["own_files"] = [entry for entry in tree.files if not is_vendored(entry)]
    return tree.memo["own_files"]


def suffix(entry: FileEntry) -> str:
    name = entry.lower_name
    return name[name.rfind("."):] if "." in name.lstrip(".") else ""


def root_readme(tree: Tree) -> FileEntry | None:
    """The README at the top of the tree, preferring Markdown when there are several."""
    readmes = tree.named(*README_NAMES, max_depth=0)
    return min(readmes, key=lambda entry: (not entry.lower_name.endswith(".md"), entry.path), default=None)


def in_doc_folder(entry: FileEntry) -> bool:
    return _doc_directory(entry.directory)


@cache
def _doc_directory(directory: str) -> bool:
    # Decided once per folder: detectors ask for every file, and a folder holds many.
    return any(part.lower() in DOC_FOLDERS for part in directory.split("/"))


def documents(tree: Tree, limit: int = 150) -> list[FileEntry]:
    """Prose the project wrote: top-level text files, READMEs, .github files and those in documentation folders
    (listed once per check and limit: four detectors ask; the callers only read the list)."""
    key = ("documents", limit)
    if key not in tree.memo:
        tree.memo[key] = _documents(tree, limit)
    return tree.memo[key]


def _documents(tree: Tree, limit: int) -> list[FileEntry]:
    chosen = []
    for entry in own_files(tree):
        if not entry.lower_name.endswith(DOC_SUFFIXES) and entry.lower_name not in README_NAMES:
            continue
        if entry.depth == 0 or in_doc_folder(entry) or entry.path.lower().startswith(".github/") or (
            entry.lower_name.startswith("readme") and entry.depth <= 2
        ):
            chosen.append(entry)
            if len(chosen) >= limit:
                break
    return chosen


def read_documents(tree: Tree, limit: int = 150) -> list[tuple[FileEntry, str]]:
    """The project's prose with its text, read once per check for every detector and pattern that looks at it."""
    texts = tree.memo.setdefault("document_texts", {})
    found = []
    for entry in documents(tree, limit):
        if entry.path not in texts:
            texts[entry.path] = text_of(tree, entry)
        if texts[entry.path]:
            found.append((entry, texts[entry.path]))
    return found


def mentions(docs: list[tuple[FileEntry, str]], pattern: re.Pattern, per_file: int = 2, skip: tuple = ()) -> list:
    """Evidence of the lines of the documents that match, a few per file, leaving out files whose names start
    with one of ``skip``."""
    found = []
    for entry, text in docs:
        if skip and entry.lower_name.startswith(skip):
            continue
        found += [evidence(entry, line.number, line.text) for line in lines_matching(text, pattern, per_file)]
        if len(found) >= MAX_EVIDENCE:
            break
    return found[:MAX_EVIDENCE]


def source_files(tree: Tree, limit: int = 1500) -> list[FileEntry]:
    """The project's own source files, shallowest first, leaving out minified bundles (listed once per check and
    limit: four detectors ask; the callers only read the list)."""
    key = ("source_files", limit)
    if key not in tree.memo:
        chosen = tree.memo[key] = []
        for entry in own_files(tree):
            if entry.lower_name.endswith(SOURCE_SUFFIXES) and ".min." not in entry.lower_name:
                chosen.append(entry)
                if len(chosen) >= limit:
                    break
    return tree.memo[key]


class Globs:
    """Whether a whole name matches any of some shell-style patterns (case matters), as ``fnmatch.fnmatchcase``
    says for each. The lists hold plain names and names ending in "*": those are looked up and compared as
    prefixes; only the others become a regular expression (compiling a hundred names as one alternation cost
    more than the rest of the check of a small tree)."""

    def __init__(self, patterns):
        names, prefixes, others = set(), [], []
        for pattern in patterns:
            if not any(char in pattern for char in "*?["):
                names.add(pattern)
            elif pattern.endswith("*") and not any(char in pattern[:-1] for char in "*?["):
                prefixes.append(pattern[:-1])
            else:
                others.append(pattern)
        self.names, self.prefixes = frozenset(names), tuple(prefixes)
        self.others = lazy("|".join(f"(?:{fnmatch.translate(pattern)})" for pattern in others)) if others else None

    def match(self, name: str) -> bool:
        return (name in self.names or name.startswith(self.prefixes)
                or (self.others is not None and self.others.match(name) is not None))


class Line(Record, frozen=True):
    number: int  # 1-based
    text: str
    match: re.Match | None = None


def lines_matching(
    text: str, pattern: re.Pattern, limit: int = MAX_EVIDENCE, max_lines: int | None = None
) -> list[Line]:
    """The lines (at most ``limit``) where ``pattern`` matches, with their numbers.

    With a whole-text filter (``_whole_text_filter``), the text is searched whole, and only the line where the
    filter's first match from a line on begins is searched with ``pattern``: a line before it holds no match of
    the filter, so none of ``pattern`` either (in most texts there is none at all, and one search says so).
    """
    if not text:
        return []
    whole = _whole_text_filter(pattern)
    found = []
    if whole is None:
        for number, line in enumerate(text.splitlines()[:max_lines], start=1):
            match = pattern.search(line)
            if match:
                found.append(Line(number, line, match))
                if len(found) >= limit:
                    break
        return found
    pieces, ends = _lines_of(text)
    fast = _fast_filter(whole, text)
    if fast is not None:  # RE2 searches the text's bytes, encoded once: offsets are in bytes
        haystack, ends = _bytes_of(text)
        search = fast.search
    else:
        search, haystack = whole.search, text
    count = len(pieces) if max_lines is None else min(max_lines, len(pieces))
    index = 0
    while index < count:
        hit = search(haystack, ends[index - 1] if index else 0)
        index = count if hit is None else bisect.bisect_right(ends, hit.start())
        if index >= count:
            break
        line = pieces[index].splitlines()[0]
        match = pattern.search(line)
        if match:
            found.append(Line(index + 1, line, match))
            if len(found) >= limit:
                break
        index += 1
    return found


@lru_cache(maxsize=32)
def _lines_of(text: str) -> tuple[list[str], list[int]]:
    """The text's lines with their line breaks, and where each ends (in characters). A document is searched for
    dozens of patterns: it is cut into lines once (kept for the last 32 documents read: 25 MB at most)."""
    pieces = text.splitlines(keepends=True)
    return pieces, list(accumulate(map(len, pieces)))


@lru_cache(maxsize=32)
def _bytes_of(text: str) -> tuple[bytes, list[int]]:
    """The text in UTF-8, and where each of its lines ends in it (in bytes), once per text."""
    data = text.encode("utf-8")
    pieces, ends = _lines_of(text)
    if len(data) != len(text):
        ends = list(accumulate(len(piece.encode("utf-8")) for piece in pieces))
    return data, ends


_ANCHOR = lazy(r"(?<!\[)\^|\$|\\[AZ]|\(\?<?!")
_WORD_EDGE = lazy(r"(?<!\\)\\b")
_NEGATIVE_LOOK_AROUND = lazy(r"\(\?<?![^()]*\)")
_NAMED_GROUP = lazy(r"\(\?P<\w+>")
_BACK_REFERENCE = lazy(r"\(\?P=|\\\d")
_CLASS_WITH_BACKSPACE = lazy(r"\[[^\]]*\\b")
_INLINE_FLAGS = lazy(r"\(\?[aiLmsux]")


@cache
def _whole_text_filter(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern that matches a whole text wherever ``pattern`` matches one of its lines, or None when there is none
    (see ``_loose_syntax``)."""
    loose = _loose_syntax(pattern.pattern)
    if loose is None:
        return None
    if loose == pattern.pattern:  # nothing to leave out
        return pattern
    return lazy(loose, pattern.flags)  # compiled only if Python's engine searches with it (RE2 may instead)


def _loose_syntax(pattern: str) -> str | None:
    """What matches a whole text wherever ``pattern`` matches one of its lines, or None when nothing simple does.

    A match in a line is a match in the text for patterns with no anchor (``^``, ``$``, ``\\A``, ``\\Z``) and no
    negative look-around (one that holds no group is left out), which the text around a line could make fail
    (around a line there is only a line break, no word character). Without its word edges (``\\b``) such a
    pattern matches wherever it did and more, and without group names (when nothing refers back to a group) it
    matches the same: then Python finds it much faster, as an alternation of words starts with letters it can
    look for directly.
    """
    if "[" not in pattern and "\\" not in pattern.replace("\\b", ""):
        # A negative look-around holding no group ("HL7(?! ?FHIR)") only ever refuses a match: without it, the
        # pattern matches wherever it did. (Only in patterns with no class or escape but word edges, where
        # "(?!" cannot be anything else.)
        pattern = _NEGATIVE_LOOK_AROUND.sub("", pattern)
    if _ANCHOR.search(pattern):
        return None
    if _CLASS_WITH_BACKSPACE.search(pattern):  # "[\b]" is a backspace, not a word edge
        return pattern
    loose = _WORD_EDGE.sub("", pattern)
    if not _BACK_REFERENCE.search(loose):
        loose = _NAMED_GROUP.sub("(?:", loose)
    return loose


def found_in(whole: re.Pattern, text: str) -> bool:
    """Whether ``whole`` matches somewhere in ``text`` (a pattern without anchors or word edges, whose
    matches RE2 finds as Python's engine does): asked of RE2 when it can answer for Python's engine."""
    fast = _fast_filter(whole, text, exact=True)
    return (whole if fast is None else fast).search(text) is not None


def _fast_filter(whole: re.Pattern, text: str, exact: bool = False):
    """RE2's version of ``whole`` when it can answer for ``text`` (its matches begin where Python's do, or
    earlier), or None; ``exact``: one whose \\w is a word character, as Python's is (see ``_re2_syntax``)."""
    fast = _re2_filter(whole, exact)
    if fast is None or (whole.flags & re.IGNORECASE and ("\u0130" in text or "\u0131" in text)):
        return None
    return fast


# Python's \w, \s and \d take in letters, digits and spaces of every script; RE2's only ASCII ones. These
# classes hold at least what Python's do (Python's \w: letters, numbers and "_"; its \s: the ASCII spaces, the
# separators \x1c-\x1f and \x85, and the Unicode spaces).
_RE2_CLASSES = {"w": r"\pL\pN_", "s": r"\s\x0b\x1c-\x1f\x85\pZ", "d": r"\p{Nd}"}
# A filter may match more than its pattern: there \w is RE2's \S, any character but an ASCII space (none is a
# word character). RE2 compiles the letters and numbers of every script into a large automaton, built again in
# each run: a pattern holding \w four times took 3 ms to compile and 5 ms more on its first search, \S a tenth.
_RE2_FILTER_CLASSES = {**_RE2_CLASSES, "w": r"\S"}
_RE2_SAFE_FLAGS = re.IGNORECASE | re.UNICODE | re.MULTILINE | re.ASCII


@cache
def _re2_filter(whole: re.Pattern, exact: bool = False):
    """RE2's version of a whole-text filter: it matches wherever ``whole`` matches (and may match more), and
    searches a long text many times faster than Python's engine, whose case-insensitive alternations try every
    word at every character. None when RE2 cannot say the same: a pattern with features RE2 lacks (look-arounds,
    back references), word edges, non-ASCII letters or unusual flags. In case-insensitive search Python also
    takes the Turkish dotted and dotless i (U+0130, U+0131) for "i", RE2 does not: texts holding them are left
    to Python (``found_in``)."""
    translated = _re2_translation(whole.pattern, whole.flags, exact)
    if translated is None:
        return None
    re2 = _re2()
    try:
        return re2.compile(translated, _re2_options(whole.flags))
    except re2.error:
        return None


def _re2_translation(pattern: str, flags: int, exact: bool = False) -> str | None:
    """``pattern`` in RE2's syntax, matching at least where Python's engine does, or None (see ``_re2_filter``)."""
    if flags & ~_RE2_SAFE_FLAGS or _INLINE_FLAGS.search(pattern):
        return None  # flags written in the pattern ("(?i)", "(?i:...)") are left to Python's engine
    if not pattern.isascii() and not all(char.isascii() or _caseless_symbol(char) for char in pattern):
        return None  # letters beyond ASCII: the engines fold their cases differently
    return _re2_syntax(pattern, exact)


def _caseless_symbol(char: str) -> bool:
    """A symbol or mark beyond ASCII that has no case ("®", "™", "–"): both engines match it only as itself."""
    return char.isprintable() and not (char.isalnum() or char.isspace()) and char.lower() == char == char.upper()


def _re2():
    import re2  # imported with the first document searched

    return re2


def _re2_options(flags: int):
    options = _re2().Options()
    options.log_errors = False
    options.case_sensitive = not flags & re.IGNORECASE
    return options


def documents_matching(docs: list[tuple[FileEntry, str]], patterns: list) -> list[list[tuple[FileEntry, str]]]:
    """For each of ``patterns``, the documents where it may match: every one in which ``lines_matching`` finds a
    line, in their order (and perhaps a few more). One pass of RE2 over each document tells for all the patterns
    at once, where a search per pattern and document would also compile each pattern, for Python and for RE2.
    A pattern RE2 cannot say keeps every document; so does a case-insensitive one for a text holding a Turkish
    dotted or dotless i (``found_in``)."""
    candidates = [[] for _ in patterns]
    if not docs:
        return candidates
    sets, kept = {}, []  # one set per case sensitivity (RE2's option for a whole set), each with its patterns
    for index, pattern in enumerate(patterns):
        loose = _loose_syntax(pattern.pattern)
        translated = _re2_translation(loose, pattern.flags) if loose is not None else None
        folded = bool(pattern.flags & re.IGNORECASE)
        if translated is None:
            kept.append(index)
            continue
        if folded not in sets:
            sets[folded] = (_re2().Set.SearchSet(_re2_options(re.IGNORECASE if folded else 0)), [])
        try:
            sets[folded][0].Add(translated)
        except _re2().error:
            kept.append(index)
            continue
        sets[folded][1].append(index)
    for searcher, _ in sets.values():
        searcher.Compile()
    for document in docs:
        text = document[1]
        matched = set(kept)
        encoded = text.encode("utf-8") if sets else b""
        turkish = "\u0130" in text or "\u0131" in text
        for folded, (searcher, indices) in sets.items():
            if folded and turkish:
                matched.update(indices)
            else:
                matched.update(indices[position] for position in searcher.Match(encoded) or ())
        for index in sorted(matched):
            candidates[index].append(document)
    return candidates


def _re2_syntax(pattern: str, exact: bool = False) -> str | None:
    """``pattern`` in RE2's syntax with classes at least as wide as Python's, or None when it cannot be said;
    ``exact``: \\w as the letters, numbers and "_" of every script, not \\S (what ``found_in`` needs, whose answer
    is Python's)."""
    classes = _RE2_CLASSES if exact else _RE2_FILTER_CLASSES
    out, index, in_class, negated = [], 0, False, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1:index + 2]
            if escaped in classes:
                if negated:  # a wider class inside [^...] would leave out characters Python keeps
                    return None
                out.append(classes[escaped] if in_class else f"[{classes[escaped]}]")
            elif escaped in ("W", "S", "D"):  # RE2's are wider than Python's, except inside [^...]
                if negated:
                    return None
                out.append("\\" + escaped)
            elif escaped and (not escaped.isalnum() or escaped in "ntrfv"):
                out.append("\\" + escaped)
            elif escaped == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", pattern[index + 2:index + 4]):
                out.append(pattern[index:index + 4])
                index += 2
            else:  # word edges, anchors, back references, \u escapes
                return None
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = negated = False
                out.append(char)
            else:
                out.append("\\[" if char == "[" else char)  # "[[:alpha:]]" is a class of names in RE2 only
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[index + 1:index + 2] == "^":
                negated = True
                out.append("^")
                index += 1
            if pattern[index + 1:index + 2] == "]":  # a "]" first in a class is the character itself
                out.append("\\]")
                index += 1
        elif char == "{" and pattern[index + 1:index + 2] == ",":  # "{,n}" is a repeat in Python, text in RE2
            return None
        else:
            out.append(char)
        index += 1
    return "".join(out)


def first_line(text: str, pattern: re.Pattern, max_lines: int | None = None) -> Line | None:
    found = lines_matching(text, pattern, limit=1, max_lines=max_lines)
    return found[0] if found else None


def excerpt(text: str, width: int = 160) -> str:
    """A short, single-line quotation; e-mail addresses are left out because they identify people."""
    text = _EMAIL.sub("[e-mail]", " ".join(text.split()))
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def one_line(text: str, limit: int = 160) -> str:
    """A text on one line, cut to ``limit`` characters; unlike ``excerpt``, it keeps e-mail addresses."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def line_at(text: str, offset: int) -> int:
    """The 1-based number of the line an offset of the text is on."""
    return text.count("\n", 0, offset) + 1


def without_emails(text: str) -> str:
    """A name as written beside an address ("City of Example <legal@example.org>"), without the address."""
    text = re.sub(r"[<(\[]\s*(?:mailto:)?[\w.+-]+@[\w.-]+\s*[>)\]]", "", text)
    return " ".join(_EMAIL.sub("", text).split()).strip(" ,;:-")


def evidence(entry: FileEntry | str, line: int | None = None, quote: str = "") -> Evidence:
    path = entry if isinstance(entry, str) else entry.path
    return Evidence(path=path, line=line, excerpt=excerpt(quote) if quote else "")


def paths(entries: list[FileEntry], limit: int = 5) -> str:
    """Paths for an explanation: the first few, and how many more."""
    shown = ", ".join(entry.path for entry in entries[:limit])
    return shown + (f" and {len(entries) - limit} more" if len(entries) > limit else "")


class Heading(Record, frozen=True):
    level: int
    title: str
    line: int


_ATX = lazy(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ASCIIDOC = lazy(r"^(={1,6})[ \t]+(\S.*)$")
_HTML_HEADING = lazy(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE)
_UNDERLINE = lazy(r"^ {0,3}([=\-~^\"'*+#])\1{2,}[ \t]*$")
_FENCE = lazy(r"^ {0,3}(```|~~~)")
_MARKUP = lazy(r"<[^>]+>|[*_`]|!?\[([^\]]*)\]\([^)]*\)")


def headings(text: str) -> list[Heading]:
    """Headings of a Markdown, reStructuredText or AsciiDoc document, outside code blocks and front matter."""
    lines = text.splitlines()
    found = []
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter, as Hugging Face model cards have
        start = next((index + 1 for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), 0)
    in_code = False
    for index in range(start, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        match = _ATX.match(line) or _ASCIIDOC.match(line)
        if match:
            found.append(Heading(len(match.group(1)), _clean(match.group(2)), index + 1))
            continue
        html = _HTML_HEADING.search(line)
        if html:
            found.append(Heading(int(html.group(1)), _clean(html.group(2)), index + 1))
            continue
        underline = _UNDERLINE.match(lines[index + 1]) if index + 1 < len(lines) else None
        if underline and line.strip() and not line.lstrip().startswith(("-", "*", "|", ">")):
            found.append(Heading(1 if underline.group(1) == "=" else 2, _clean(line), index + 1))
    return found


def _clean(title: str) -> str:
    return " ".join(_MARKUP.sub(lambda match: match.group(1) or "", title).split())


class Parsed(Record):
    """A structured file: ``data`` when it could be read, otherwise ``problem`` says why not."""

    data: object = None
    text: str | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def read_whole(tree: Tree, entry: FileEntry, limit: int = MANIFEST_LIMIT) -> tuple[str | None, str]:
    """The whole text of a file, or None and the reason it was not read."""
    if entry.size > limit:
        return None, f"it is larger than {limit:,} bytes, so it was not read"
    text = tree.read_text(entry, limit)
    if text is None:
        return None, "it is binary or could not be read"
    return text.removeprefix("\ufeff"), ""


def yaml_library():
    """PyYAML, imported with the first YAML file read: a check of a tree without one does not wait for it."""
    import yaml

    return yaml


def parse(tree: Tree, entry: FileEntry, kind: str, limit: int = MANIFEST_LIMIT) -> Parsed:
    """Read and parse a JSON, TOML, YAML or XML file; nothing raised, whatever the file holds."""
    text, problem = read_whole(tree, entry, limit)
    if text is None:
        return Parsed(problem=problem)
    # Each parser is imported with the first file of its kind: YAML, TOML and XML are only read when a tree has them.
    yaml_errors = (yaml_library().YAMLError,) if kind == "yaml" else ()
    toml_errors, xml_errors, unsafe_xml = (), (), ()
    try:
        if kind == "json":
            data = json.loads(text)
        elif kind == "toml":
            import tomllib

            toml_errors = (tomllib.TOMLDecodeError,)
            data = tomllib.loads(text)
        elif kind == "yaml":
            data = yaml_library().safe_load(text)
        elif kind == "xml":
            from xml.etree.ElementTree import ParseError

            from defusedxml import DefusedXmlException
            from defusedxml import ElementTree as SafeET

            xml_errors, unsafe_xml = (ParseError,), (DefusedXmlException,)
            data = SafeET.fromstring(text)
        else:
            raise ValueError(f"unknown kind {kind}")
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return Parsed(text=text, problem=f"it is not valid JSON ({where}: {error.msg})")
    except toml_errors as error:
        return Parsed(text=text, problem=f"it is not valid TOML ({error})")
    except yaml_errors as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return Parsed(text=text, problem=f"it is not valid YAML ({where}{getattr(error, 'problem', None) or error})")
    except xml_errors as error:
        return Parsed(text=text, problem=f"it is not well-formed XML ({error})")
    except unsafe_xml:
        return Parsed(text=text, problem="it declares XML entities or a DTD, which are not read for safety")
    except (RecursionError, MemoryError, ValueError) as error:
        return Parsed(text=text, problem=f"it could not be parsed ({type(error).__name__})")
    return Parsed(data=data, text=text)


def unreadable(indicator: str, detector: str, entry: FileEntry, problem: str, what: str = "file") -> Finding:
    """A finding saying a file that matters could not be read, so a person knows the check saw less."""
    return Finding(
        indicator=indicator,
        status=Status.NEEDS_PERSON,
        confidence=Confidence.LOW,
        explanation=f"The {what} {entry.path} could not be used: {problem}.",
        detector=detector,
        evidence=[evidence(entry)],
    )


def text_of(tree: Tree, entry: FileEntry, limit: int = DOC_LIMIT) -> str:
    """The text of a document, or "" for a binary or unreadable one."""
    return tree.read_text(entry, limit) or ""


def head(tree: Tree, entry: FileEntry) -> str:
    """The first ``head_bytes`` of a file, where headers sit. Those of the sample of source files are read once
    per check: the licence, copyright and closed-service scans all look at them (memory stays bounded)."""
    heads = tree.memo.setdefault("heads", {})
    if entry.path in heads:
        return heads[entry.path]
    text = tree.read_text(entry, tree.limits.head_bytes) or ""
    if "shared_heads" not in tree.memo:
        tree.memo["shared_heads"] = {sample.path for sample in source_files(tree)}
    if entry.path in tree.memo["shared_heads"]:
        heads[entry.path] = text
    return text


def get(data: object, *keys: str) -> object:
    """A nested value of parsed data, or None when any level is missing or of another type."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def join(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
