"""Indicator 5 (documentation): the README and its sections, documentation sites, API documents, data
dictionaries for data and model cards for AI models.

Sections are recognised by headings only: the words of a heading say what a section is for, while
matching the body would find "install" in every README that mentions an installer.
"""

import re
from collections import Counter

from dpg_registry.checks.manifests.links import WITH_LINKS, documentation_links, homepage
from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    evidence,
    headings,
    in_doc_folder,
    join,
    own_files,
    parse,
    paths,
    root_readme,
    text_of,
    yaml_library,
)
from dpg_registry.checks.tree import FileEntry, Tree

NAME = "documentation"
INDICATOR = "5"
THIN_README = 400  # bytes: a README this short names the project and little else

SECTIONS = {
    "installation": r"install|getting started|get started|quick ?start|set ?up|deploy|prerequisites|requirements|"
                    r"build(?:ing)? from source|run(?:ning)? locally",
    "usage": r"usage|how to use|user guide|examples?|tutorials?|features|walkthrough",
    "configuration": r"config|settings|environment variables|options",
    "API": r"\bapi\b|endpoints?|\breference\b",  # "References" lists sources, not an API
    "contributing": r"contribut|development|developing|hacking",
}
SITE_CONFIGS = {
    "mkdocs.yml": "MkDocs", "mkdocs.yaml": "MkDocs", "conf.py": "Sphinx", "docusaurus.config.js": "Docusaurus",
    "docusaurus.config.ts": "Docusaurus", "book.toml": "mdBook", "antora.yml": "Antora", ".readthedocs.yaml":
    "Read the Docs", ".readthedocs.yml": "Read the Docs", "doxyfile": "Doxygen", "typedoc.json": "TypeDoc",
    "jsdoc.json": "JSDoc", "hugo.toml": "Hugo", "_config.yml": "Jekyll",
}
API_DOCUMENTS = lazy(
    r"^(?:openapi|swagger|asyncapi)[\w.-]*\.(?:ya?ml|json)$|\.raml$|\.apib$|^api[-_]?(?:docs?|reference)\.(?:md|html)$"
)
DATA_DICTIONARY = lazy(
    r"data[-_ ]?dictionary|codebook|code[-_]book|^datapackage\.(?:json|ya?ml)$|\.schema\.json$|"
    r"^schema\.(?:json|ya?ml)$|-metadata\.json$|^variables\.(?:md|csv)$|^fields\.(?:md|csv)$"
)
DATA_HEADINGS = lazy(r"data dictionary|codebook|variables|fields|columns|schema|data description", re.I)
MODEL_CARD_FILES = ("model_card.md", "model-card.md", "modelcard.md", "model_card.yaml", "model-card.yaml")
MODEL_HEADINGS = lazy(
    r"model card|model details|intended use|out-of-scope|limitations|bias|risks|training data|training procedure|"
    r"evaluation|ethical considerations",
    re.I,
)
# Keys of a Hugging Face model card's YAML header.
MODEL_METADATA = ("license", "pipeline_tag", "library_name", "datasets", "metrics", "model-index", "base_model", "tags")
_URL = lazy(r"https?://[^\s)\"'<>\]]+")
_DOC_HOST = lazy(r"https?://(?:[\w-]+\.)*(?:readthedocs\.io|readthedocs\.org|gitbook\.io|github\.io)\b|https?://docs\.")
_BADGE = lazy(r"badge|shields\.io|\.(?:svg|png|gif|jpe?g)(?:\?|$)", re.IGNORECASE)
# "[Documentation](https://…)" or "Docs: https://…": a label that is only the word, because a README also
# links to its tools' documentation ("[Nx Documentation](https://nx.dev)"), which is not the product's.
_DOC_WORDS = r"(?:the\s+|full\s+|online\s+|project\s+|user\s+|api\s+)*(?:documentation|docs|manual|guide|handbook|wiki)"
_DOC_LINK = lazy(
    rf"(?:\[\s*(?:read\s+)?{_DOC_WORDS}\s*\]\(|^[\W_]*{_DOC_WORDS}\s*(?::|is at|at)\s*<?)(https?://[^\s)\"'<>\]]+)",
    re.IGNORECASE | re.MULTILINE,
)


def _readme_finding(readme: FileEntry, text: str) -> tuple[Finding, set[str]]:
    found = {}
    for heading in headings(text):
        for section, pattern in SECTIONS.items():
            if section not in found and re.search(pattern, heading.title, re.IGNORECASE):
                found[section] = heading
    thin = readme.size < THIN_README
    if found:
        listed = ", ".join(f"{section} (“{heading.title}”)" for section, heading in found.items())
        explanation = f"{readme.path} has sections on {listed}."
    else:
        explanation = f"{readme.path} has no section headed installation, usage, configuration, API or contributing."
    if thin:
        explanation += f" It is short ({readme.size} bytes)."
    status = Status.MET if len(found) >= 2 and not thin else Status.NEEDS_PERSON
    return Finding(
        indicator=INDICATOR,
        status=status,
        confidence=Confidence.MEDIUM if status == Status.MET else Confidence.LOW,
        explanation=explanation,
        detector=NAME,
        evidence=[evidence(readme, heading.line, heading.title) for heading in found.values()] or [evidence(readme)],
    ), set(found)


def _manifest_urls(tree: Tree) -> list[tuple[str, FileEntry]]:
    """Documentation addresses that manifests state, with the file that states them."""
    found = []
    for entry in tree.named(*WITH_LINKS, max_depth=1):
        data = parse(tree, entry, WITH_LINKS[entry.lower_name]).data
        candidates = documentation_links(data)
        home = homepage(data)
        if isinstance(home, str) and _DOC_HOST.match(home):
            candidates.append(home)
        found += [(url, entry) for url in candidates if isinstance(url, str) and url.startswith(("http://", "https://"))]
    return found


def _readme_urls(readme: FileEntry | None, text: str) -> list[tuple[str, FileEntry]]:
    """Documentation the README links to: links labelled as such, and documentation sites (docs.…,
    Read the Docs, GitHub Pages) it links to repeatedly. A README also links once or twice to the
    documentation of the tools it uses; its own documentation is usually linked again and again."""
    if readme is None:
        return []
    labelled = [match.group(1) for match in _DOC_LINK.finditer(text)]
    sites = [match.group(0) for match in _URL.finditer(text) if _DOC_HOST.match(match.group(0))]
    hosts = Counter(_host(url) for url in sites)
    repeated = [url for url in sites if hosts[_host(url)] >= 3]
    urls = dict.fromkeys(url.rstrip(".,;:") for url in labelled + repeated)
    return [(url, readme) for url in urls if not _BADGE.search(url)]


def _host(url: str) -> str:
    return url.split("/")[2].lower() if url.count("/") >= 2 else url


def _data_dictionary(tree: Tree, readme: FileEntry | None, text: str) -> Finding:
    files = [entry for entry in own_files(tree) if DATA_DICTIONARY.search(entry.lower_name)][:MAX_EVIDENCE]
    found = [evidence(entry) for entry in files]
    if readme:
        sections = [heading for heading in headings(text) if DATA_HEADINGS.search(heading.title)]
        found += [evidence(readme, heading.line, heading.title) for heading in sections]
    if found:
        return Finding(INDICATOR, Status.MET, Confidence.MEDIUM,
                       "The data set is described: a data dictionary, codebook, schema or data package "
                       "describes its fields.", NAME, found[:MAX_EVIDENCE])
    return Finding(INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
                   "No data dictionary, codebook, schema or datapackage.json was found; users of a data set need "
                   "to know what each field means.", NAME)


def _model_card(tree: Tree, readme: FileEntry | None, text: str) -> Finding:
    found = [evidence(entry) for entry in tree.named(*MODEL_CARD_FILES, max_depth=2)]
    if readme:
        found += [evidence(readme, h.line, h.title) for h in headings(text) if MODEL_HEADINGS.search(h.title)]
        keys = _front_matter_keys(text)
        if keys:
            found.append(evidence(readme, 1, f"model card metadata: {', '.join(keys)}"))
    if found:
        return Finding(INDICATOR, Status.MET, Confidence.MEDIUM,
                       "The model is documented with a model card (intended use, limitations, training data or "
                       "evaluation).", NAME, found[:MAX_EVIDENCE])
    return Finding(INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
                   "No model card was found (MODEL_CARD.md, or README sections on intended use, limitations, "
                   "training data and evaluation).", NAME)


def _front_matter_keys(text: str) -> list[str]:
    """The model-card keys of a README's YAML front matter (the Hugging Face convention)."""
    if not text.startswith("---"):
        return []
    end = text.find("\n---", 3)
    if end < 0:
        return []
    yaml = yaml_library()
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return []
    return [key for key in MODEL_METADATA if isinstance(data, dict) and key in data]


def detect(tree: Tree, category: str) -> Outcome:
    findings = []
    readme = root_readme(tree)
    text = text_of(tree, readme) if readme else ""
    readme_sections = set()
    if readme:
        readme_finding, readme_sections = _readme_finding(readme, text)
        findings.append(readme_finding)
    doc_files = [entry for entry in own_files(tree) if in_doc_folder(entry) and entry.depth <= 3]
    sites = [entry for entry in own_files(tree) if entry.lower_name in SITE_CONFIGS and entry.depth <= 2
             and (entry.lower_name != "conf.py" or in_doc_folder(entry))]
    if doc_files or sites:
        tools = sorted({SITE_CONFIGS[entry.lower_name] for entry in sites})
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM if len(doc_files) >= 3 or sites else Confidence.LOW,
            (f"A documentation folder holds {len(doc_files)} files ({paths(doc_files, 3)})." if doc_files else "")
            + (f" A documentation site is configured ({', '.join(tools)})." if tools else ""),
            NAME, [evidence(entry) for entry in (sites + doc_files)[:MAX_EVIDENCE]],
        ))
    api_docs = [entry for entry in own_files(tree) if API_DOCUMENTS.search(entry.lower_name)
                or (in_doc_folder(entry) and "/api/" in f"/{entry.directory.lower()}/")]
    if api_docs:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM,
            f"The API is documented ({paths(api_docs, 3)}).", NAME, [evidence(e) for e in api_docs[:MAX_EVIDENCE]],
        ))
    described = None  # a data set's dictionary or a model's card, which only those categories need
    if category == "data":
        described = _data_dictionary(tree, readme, text)
    elif category == "aimodel":
        described = _model_card(tree, readme, text)
    if described:
        findings.append(described)
    stated = _manifest_urls(tree)
    urls = list(dict.fromkeys(stated + _readme_urls(readme, text)))[:MAX_EVIDENCE]
    if urls:
        addresses = list(dict.fromkeys(url for url, _ in urls))
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM if stated else Confidence.LOW,
            f"Documentation is published at {join(addresses, 4)}.",
            NAME, [evidence(entry, quote=url) for url, entry in urls],
            question_key="documentation_urls", value=addresses,
        ))
    # The overall answer: documentation exists when the README covers the basics or there is more than a README.
    card = {"data": "a data dictionary", "aimodel": "a model card"}.get(category, "")
    card = card if described and described.status == Status.MET else ""
    if len(readme_sections) >= 2 or doc_files or sites or api_docs or urls or card:
        findings.insert(0, Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM,
            "The repository documents the product: " + ", ".join(filter(None, [
                f"README sections ({', '.join(sorted(readme_sections))})" if readme_sections else "",
                "a documentation folder" if doc_files else "", "a documentation site" if sites else "",
                "API documents" if api_docs else "", "published documentation" if urls else "", card,
            ])) + ". A person should judge whether it covers the source, use cases and functional requirements.",
            NAME, [evidence(readme)] if readme else [], question_key="documentation_available", value="yes",
        ))
    elif readme:
        findings.insert(0, Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            f"Only a README ({readme.path}) documents the product, and it has few recognisable sections.",
            NAME, [evidence(readme)], question_key="documentation_available",
        ))
    else:
        findings.insert(0, Finding(
            INDICATOR, Status.NOT_MET, Confidence.LOW,
            "No README or documentation was found in the repository; documentation may be published elsewhere.",
            NAME, question_key="documentation_available",
        ))
    return Outcome(findings=findings)
