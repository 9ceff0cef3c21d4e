"""Indicator 6 (extracting data and content): API specifications, export and import features, open formats.

For software the signals are what lets a user get data out: a machine-readable API description,
a library that generates one, or an export feature the documentation describes. For a data set or
a content collection the work itself is the data, so the formats of its files are the signal.
"""

import re
from collections import Counter
from functools import cache

from dpg_registry.checks.manifests.inventory import inventory
from dpg_registry.checks.model import Confidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    Globs,
    evidence,
    head,
    join,
    mentions,
    own_files,
    read_documents,
    source_files,
    suffix,
)
from dpg_registry.checks.tree import FileEntry, Tree

NAME = "extraction"
INDICATOR = "6"
QUESTION = "non_pii_extraction_available"

SPEC_FILES = {
    "OpenAPI": lazy(r"^(?:openapi|swagger)[\w.-]*\.(?:ya?ml|json)$"),
    "AsyncAPI": lazy(r"^asyncapi[\w.-]*\.(?:ya?ml|json)$"),
    "GraphQL": lazy(r"\.(?:graphql|graphqls|gql)$"),
    "Protocol Buffers (gRPC)": lazy(r"\.proto$"),
    "RAML": lazy(r"\.raml$"),
    "WSDL": lazy(r"\.wsdl$"),
    "FHIR": lazy(r"^(?:capabilitystatement|implementationguide)[\w.-]*\.(?:json|xml)$|\.fsh$"),
    "OData": lazy(r"\.edmx$|^\$metadata(?:\.xml)?$"),
}
_ANY_SPEC_FILE = lazy("|".join(f"(?:{pattern.pattern})" for pattern in SPEC_FILES.values()))
# A specification under another name shows itself in its first lines.
_SPEC_HEAD = lazy(r"^\s*[\"']?(openapi|swagger|asyncapi)[\"']?\s*:", re.MULTILINE)
_SPEC_LABEL = {"openapi": "OpenAPI", "swagger": "OpenAPI", "asyncapi": "AsyncAPI"}
# Libraries that publish an API description or a standard API from the code (names in any ecosystem).
API_LIBRARIES = {
    "OpenAPI": [
        "fastapi", "django-ninja", "drf-spectacular", "drf-yasg", "apispec", "flask-smorest", "connexion",
        "@nestjs/swagger", "swagger-jsdoc", "swagger-ui-express", "@fastify/swagger", "fastify-swagger", "tsoa",
        "org.springdoc:*", "io.springfox:*", "io.swagger.core.v3:*", "swashbuckle.aspnetcore*", "nswag.aspnetcore",
        "github.com/swaggo/swag", "rswag*", "grape-swagger", "zircote/swagger-php", "darkaonline/l5-swagger",
    ],
    "GraphQL": [
        "graphql", "@apollo/server", "apollo-server*", "graphql-yoga", "graphene*", "strawberry-graphql", "ariadne",
        "com.graphql-java:*", "graphql-ruby", "github.com/99designs/gqlgen", "hotchocolate*", "webonyx/graphql-php",
    ],
    "FHIR": ["ca.uhn.hapi.fhir:*", "fhir.resources", "fhirclient", "fhirpy", "fhir-kit-client", "hl7.fhir.*"],
    "OData": ["microsoft.aspnetcore.odata", "microsoft.odata.*", "odata-v4-*", "@odata/*", "olingo*",
              "org.apache.olingo:*"],
}
_API_LIBRARY_GLOBS = {label: Globs(patterns) for label, patterns in API_LIBRARIES.items()}
FORMATS = r"CSV|TSV|JSON|NDJSON|JSON-LD|XML|GeoJSON|KML|GPX|GeoPackage|Shapefile|ODS|XLSX|Parquet|RDF|Turtle|SQL|NetCDF"
_EXPORT = lazy(
    rf"\b(?:export|import|download|extract|dump)(?:s|ed|ing)?\b[^.\n]{{0,60}}?\b({FORMATS})\b"
    rf"|\b({FORMATS})\b[^.\n]{{0,30}}?\b(?:export|import|download)",
    re.IGNORECASE,
)
_EXPORT_CODE = lazy(r"export|importer|download|dump")

# Formats of the files of a data set or a content collection.
OPEN_DATA = {
    ".csv": "CSV", ".tsv": "TSV", ".json": "JSON", ".geojson": "GeoJSON", ".ndjson": "NDJSON", ".jsonl": "JSON Lines",
    ".xml": "XML", ".parquet": "Parquet", ".ods": "ODS", ".xlsx": "XLSX (Office Open XML)", ".kml": "KML",
    ".gpx": "GPX", ".gpkg": "GeoPackage", ".shp": "Shapefile", ".nc": "NetCDF", ".h5": "HDF5", ".hdf5": "HDF5",
    ".ttl": "Turtle", ".rdf": "RDF/XML", ".jsonld": "JSON-LD", ".arrow": "Arrow", ".feather": "Arrow",
    ".avro": "Avro", ".sqlite": "SQLite", ".yaml": "YAML", ".yml": "YAML", ".txt": "plain text",
}
OPEN_CONTENT = {
    ".md": "Markdown", ".html": "HTML", ".txt": "plain text", ".pdf": "PDF", ".epub": "EPUB", ".odt": "ODT",
    ".odp": "ODP", ".docx": "DOCX (Office Open XML)", ".pptx": "PPTX (Office Open XML)", ".svg": "SVG", ".png": "PNG",
    ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".gif": "GIF", ".ogg": "Ogg", ".opus": "Opus", ".flac": "FLAC",
    ".mp3": "MP3", ".wav": "WAV", ".webm": "WebM", ".mp4": "MP4", ".tex": "LaTeX", ".h5p": "H5P", ".srt": "SubRip",
    ".vtt": "WebVTT", ".xml": "XML", ".json": "JSON",
}
OPEN_MODEL = {
    ".safetensors": "safetensors", ".gguf": "GGUF", ".onnx": "ONNX", ".keras": "Keras", ".h5": "HDF5",
    ".tflite": "TensorFlow Lite", ".pb": "TensorFlow SavedModel",
    # Pickle-based formats are open but run code when loaded; a person may want to ask for safetensors.
    ".pt": "PyTorch (pickle)", ".pth": "PyTorch (pickle)", ".ckpt": "checkpoint (pickle)",
    ".bin": "binary weights (format not known from the name)",
}
COMMUNITY_FILES = ("readme", "license", "licence", "contributing", "changelog", "code_of_conduct", "security", "notice")
# Formats that in practice need one vendor's software to open.
CLOSED = {
    ".sav": "SPSS", ".zsav": "SPSS", ".dta": "Stata", ".sas7bdat": "SAS", ".mdb": "Microsoft Access",
    ".accdb": "Microsoft Access", ".mat": "MATLAB", ".xls": "Excel 97–2003", ".pbix": "Power BI",
    ".twb": "Tableau", ".twbx": "Tableau", ".qvd": "Qlik", ".psd": "Photoshop", ".ai": "Illustrator",
    ".indd": "InDesign", ".fla": "Flash", ".sketch": "Sketch", ".pages": "Apple Pages", ".numbers": "Apple Numbers",
    # Not .key or .pub: in a repository those are far more often keys than Keynote or Publisher files.
}


_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


@cache
def _api_folder(directory: str) -> bool:
    return bool(set(directory.lower().split("/")) & {"api", "apis", "spec", "specs", "openapi"})


def _spec_files(tree: Tree) -> dict[str, list[FileEntry]]:
    found = {}
    for entry in own_files(tree):
        if _ANY_SPEC_FILE.search(entry.lower_name):
            label = next(label for label, pattern in SPEC_FILES.items() if pattern.search(entry.lower_name))
            found.setdefault(label, []).append(entry)
        elif entry.lower_name.endswith(_SPEC_SUFFIXES) and suffix(entry) in _SPEC_SUFFIXES:
            if _api_folder(entry.directory):
                kind = _SPEC_HEAD.search(head(tree, entry))
                if kind:
                    found.setdefault(_SPEC_LABEL[kind.group(1).lower()], []).append(entry)
    return found


def _api_libraries(tree: Tree) -> dict[str, list]:
    found = {}
    for dependency in inventory(tree, locks=False).dependencies:
        name = dependency.name.lower()
        for label, patterns in _API_LIBRARY_GLOBS.items():
            if patterns.match(name):
                found.setdefault(label, []).append(evidence(dependency.path, quote=dependency.name))
    return found


def _software(tree: Tree) -> list[Finding]:
    findings = []
    specs = _spec_files(tree)
    libraries = _api_libraries(tree)
    exports = mentions(read_documents(tree), _EXPORT, per_file=3)
    code = [evidence(entry) for entry in source_files(tree) if _EXPORT_CODE.search(entry.lower_name)][:MAX_EVIDENCE]
    if specs:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM,
            f"Machine-readable API descriptions are published: {join(sorted(specs))}.",
            NAME, [evidence(entry) for entries in specs.values() for entry in entries][:MAX_EVIDENCE],
        ))
    if libraries:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.LOW,
            f"The product uses libraries that serve a standard API or its description: {join(sorted(libraries))}.",
            NAME, [item for items in libraries.values() for item in items][:MAX_EVIDENCE],
        ))
    if exports:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.LOW,
            f"The documentation describes exporting or importing data in open formats ({len(exports)} places).",
            NAME, exports,
        ))
    if code:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.LOW,
            "Source files are named for exporting, importing or downloading data.", NAME, code,
        ))
    if specs or libraries or exports:
        confidence = Confidence.MEDIUM if specs or (libraries and exports) else Confidence.LOW
        findings.insert(0, Finding(
            INDICATOR, Status.MET, confidence,
            "Data can be taken out of the product through "
            + join([what for what, present in (("a documented API", specs), ("an API library", libraries),
                                              ("export features", exports)) if present])
            + ". A person should confirm that every kind of non-personal data can be exported.",
            NAME, [finding.evidence[0] for finding in findings if finding.evidence], question_key=QUESTION,
            value="yes",
        ))
    else:
        findings.insert(0, Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            "No API description, API library or documented export feature was found."
            + (" Some source files are named for exports." if code else ""),
            NAME, question_key=QUESTION,
        ))
    return findings


def _formats(tree: Tree, category: str) -> list[Finding]:
    wanted = {"data": OPEN_DATA, "content": OPEN_CONTENT, "aimodel": OPEN_MODEL}[category]
    open_files, closed_files = Counter(), Counter()
    examples = {}
    for entry in own_files(tree):
        extension = suffix(entry)
        if _is_project_file(entry):
            continue
        if extension in wanted:
            open_files[wanted[extension]] += 1
            examples.setdefault(wanted[extension], entry)
        elif extension in CLOSED:
            closed_files[CLOSED[extension]] += 1
            examples.setdefault(CLOSED[extension], entry)
    findings = []
    described = {"data": "data", "content": "content", "aimodel": "model"}[category]
    if closed_files:
        findings.append(Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.MEDIUM,
            f"Some {described} files are in formats that need one vendor's software: "
            + ", ".join(f"{label} {count}" for label, count in closed_files.most_common()) + ". An open copy "
            "(for example CSV for tables) would let anyone use them.",
            NAME, [evidence(examples[label]) for label in closed_files][:MAX_EVIDENCE],
        ))
    if open_files:
        findings.insert(0, Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM,
            f"The {described} files are in open formats: "
            + ", ".join(f"{label} {count}" for label, count in open_files.most_common(8)) + ".",
            NAME, [evidence(examples[label]) for label in open_files][:MAX_EVIDENCE],
            question_key=QUESTION, value="yes",
        ))
    elif category != "aimodel":
        findings.insert(0, Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            f"No {described} files in open formats were found in the repository; the {described} may be "
            "published elsewhere.",
            NAME, question_key=QUESTION,
        ))
    return findings


def _is_project_file(entry: FileEntry) -> bool:
    """Files about the repository (CI settings, manifests, top-level notes) rather than the work it publishes."""
    if any(part.startswith(".") for part in entry.path.split("/")):
        return True
    return entry.depth == 0 and (suffix(entry) in (".json", ".yml", ".yaml", ".toml", ".txt", ".lock")
                                 or entry.lower_name.startswith(COMMUNITY_FILES))


def detect(tree: Tree, category: str) -> Outcome:
    if category in ("data", "content"):
        return Outcome(findings=_formats(tree, category))
    findings = _software(tree)
    if category == "aimodel":
        findings += _formats(tree, category)
    return Outcome(findings=findings)
