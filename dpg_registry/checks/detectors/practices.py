"""Indicator 8 (standards and best practices): how the project works (CI, tests, guides, changelog, linters,
dependency updates, publiccode.yml) and which open standards it names or implements.

A standard counts more when the tree holds something that implements it (a specification file, a
library) than when the documentation only names it; both are listed, with their evidence.
"""

import re
from functools import cache

from dpg_registry.checks.manifests.inventory import inventory
from dpg_registry.checks.manifests.python import pyproject_tools
from dpg_registry.checks.model import Confidence, Evidence, Finding, Outcome, Status
from dpg_registry.checks.patterns import lazy
from dpg_registry.checks.text import (
    MAX_EVIDENCE,
    Globs,
    documents_matching,
    evidence,
    first_line,
    join,
    mentions,
    own_files,
    parse,
    read_documents,
    root_readme,
    text_of,
)
from dpg_registry.checks.tree import FileEntry, Tree
from dpg_registry.lib.records import Record

NAME = "practices"
INDICATOR = "8"

CI = {
    ".github/workflows/": "GitHub Actions", ".gitlab-ci.yml": "GitLab CI", ".circleci/": "CircleCI",
    "jenkinsfile": "Jenkins", "azure-pipelines.yml": "Azure Pipelines", ".travis.yml": "Travis CI",
    "bitbucket-pipelines.yml": "Bitbucket Pipelines", ".drone.yml": "Drone",
    ".woodpecker.yml": "Woodpecker CI", ".woodpecker/": "Woodpecker CI",
    ".buildkite/": "Buildkite", "appveyor.yml": "AppVeyor", ".gitea/workflows/": "Gitea Actions",
    ".forgejo/workflows/": "Forgejo Actions", "cloudbuild.yaml": "Cloud Build", "codemagic.yaml": "Codemagic",
}
TEST_FILE = lazy(
    r"^test_[\w-]*\.py$|_tests?\.(?:py|go|dart|exs|rs)$|\.(?:spec|test)\.[cm]?[jt]sx?$|tests?\.(?:java|kt|cs|php|swift)$|"
    r"_spec\.rb$|\.t$"
)
TEST_FOLDERS = frozenset({"tests", "test", "__tests__", "spec", "specs", "e2e", "cypress", "integration_tests"})
LINTERS = {
    ".eslintrc": "ESLint", "eslint.config.": "ESLint", ".prettierrc": "Prettier", "prettier.config.": "Prettier",
    "biome.json": "Biome", ".stylelintrc": "Stylelint", "ruff.toml": "Ruff", ".ruff.toml": "Ruff",
    ".flake8": "Flake8", ".pylintrc": "Pylint", "pylintrc": "Pylint", "mypy.ini": "mypy", ".mypy.ini": "mypy",
    ".rubocop.yml": "RuboCop", ".golangci.": "golangci-lint", ".editorconfig": "EditorConfig",
    ".pre-commit-config.yaml": "pre-commit", ".clang-format": "clang-format", ".clang-tidy": "clang-tidy",
    "rustfmt.toml": "rustfmt", ".rustfmt.toml": "rustfmt", "clippy.toml": "Clippy", "checkstyle.xml": "Checkstyle",
    "detekt.yml": "detekt", ".swiftlint.yml": "SwiftLint", "phpcs.xml": "PHP_CodeSniffer",
    ".php-cs-fixer.": "PHP CS Fixer",
    "analysis_options.yaml": "Dart analyzer", "tslint.json": "TSLint", ".markdownlint": "markdownlint",
    ".yamllint": "yamllint", ".hadolint.yaml": "Hadolint", ".shellcheckrc": "ShellCheck",
    "sonar-project.properties": "SonarQube",
}
COMMUNITY_FOLDERS = (".github", ".gitlab", "docs", ".reuse")  # where community files live besides the top
PYPROJECT_TOOLS = {"ruff": "Ruff", "black": "Black", "isort": "isort", "mypy": "mypy", "pylint": "Pylint",
                   "flake8": "Flake8", "pyright": "Pyright"}
PRACTICE_MENTIONS = {
    "Semantic Versioning": r"semantic versioning|semver\.org",
    "Keep a Changelog": r"keepachangelog\.com|keep a changelog",
    "Conventional Commits": r"conventional ?commits",
    "OpenSSF Best Practices badge": r"bestpractices\.dev|bestpractices\.coreinfrastructure\.org",
    "OpenSSF Scorecard": r"securityscorecards\.dev|scorecard\.dev|ossf/scorecard",
    "Principles for Digital Development": r"principles for digital development|digitalprinciples\.org",
}



class Standard(Record, frozen=True):
    name: str
    mention: str  # a regular expression for the documentation (case matters: "HL7", not "hl7")
    files: str = ""  # a regular expression for lower-case file names that implement it
    libraries: tuple = ()  # dependency names (globs) that implement it


STANDARDS = (
    Standard("OpenAPI", r"\bOpenAPI\b|\bSwagger\b", r"^(?:openapi|swagger)[\w.-]*\.(?:ya?ml|json)$",
             ("fastapi", "django-ninja", "drf-spectacular", "drf-yasg", "@nestjs/swagger", "org.springdoc:*",
              "swashbuckle.aspnetcore*")),
    Standard("AsyncAPI", r"\bAsyncAPI\b", r"^asyncapi[\w.-]*\.(?:ya?ml|json)$"),
    Standard("GraphQL", r"\bGraphQL\b", r"\.(?:graphql|graphqls|gql)$", ("graphql", "graphene*", "strawberry-graphql")),
    Standard("HL7 FHIR", r"\bFHIR\b", r"^capabilitystatement[\w.-]*\.json$",
             ("ca.uhn.hapi.fhir:*", "fhir.resources", "fhirclient", "fhirpy", "fhir-kit-client")),
    Standard("HL7 v2", r"\bHL7\b(?! ?FHIR)", "", ("ca.uhn.hapi:*", "hl7apy", "python-hl7", "node-hl7-client")),
    Standard("OGC web services", r"\bOGC\b|\bWMS\b|\bWFS\b|\bWMTS\b|OGC API|SensorThings"),
    Standard("GeoJSON", r"\bGeoJSON\b", r"\.geojson$", ("geojson",)),
    Standard("GeoPackage", r"\bGeoPackage\b", r"\.gpkg$"),
    Standard("KML", r"\bKML\b", r"\.kml$"),
    Standard("DCAT", r"\bDCAT(?:-AP)?\b"),
    Standard("schema.org", r"schema\.org"),
    Standard("JSON-LD", r"\bJSON-LD\b", r"\.jsonld$"),
    Standard("Frictionless Data Package", r"Frictionless Data|\bData ?Package\b", r"^datapackage\.(?:json|ya?ml)$",
             ("frictionless", "datapackage")),
    Standard("OAuth 2.0", r"\bOAuth ?2(?:\.0)?\b|\bOAuth\b",
             "", ("oauthlib", "django-oauth-toolkit", "authlib", "passport-oauth2", "org.springframework.security:"
                  "spring-security-oauth2*", "golang.org/x/oauth2")),
    Standard("OpenID Connect", r"OpenID Connect|\bOIDC\b", "",
             ("mozilla-django-oidc", "openid-client", "oidc-client*")),
    Standard("SAML", r"\bSAML\b", "", ("python3-saml", "pysaml2", "passport-saml", "@node-saml/*")),
    Standard("WCAG", r"\bWCAG\b|Web Content Accessibility Guidelines", "", ("axe-core", "@axe-core/*", "pa11y*")),
    Standard("SDMX", r"\bSDMX\b"),
    Standard("Open Contracting Data Standard", r"Open Contracting Data Standard|\bOCDS\b"),
    Standard("IATI", r"\bIATI\b"),
    Standard("ODK XForms", r"\bXForms?\b|\bOpenRosa\b|\bODK\b", r"\.xform$"),
    Standard("SNOMED CT", r"\bSNOMED\b"),
    Standard("ICD", r"\bICD-1[01]\b"),
    Standard("LOINC", r"\bLOINC\b"),
    Standard("ISO 20022", r"\bISO ?20022\b"),
    Standard("publiccode.yml", r"publiccode\.yml", r"^publiccode\.ya?ml$"),
)

_STANDARD_FILES = [(standard.name, lazy(standard.files)) for standard in STANDARDS if standard.files]
_STANDARD_LIBRARIES = [(standard, Globs(standard.libraries)) for standard in STANDARDS if standard.libraries]
_MENTIONS = [lazy(standard.mention) for standard in STANDARDS]
_PRACTICE_PATTERNS = {label: lazy(pattern, re.IGNORECASE) for label, pattern in PRACTICE_MENTIONS.items()}
_ANY_STANDARD_FILE = lazy("|".join(f"(?:{standard.files})" for standard in STANDARDS if standard.files))


_CI_TOPS = frozenset(prefix.split("/", 1)[0] for prefix in CI)  # every CI file sits under one of these names


def _ci(tree: Tree) -> list[tuple[str, FileEntry]]:
    found = []
    for entry in tree.files:
        if entry.path.partition("/")[0].lower() not in _CI_TOPS:  # most files: the whole path is not lowered
            continue
        path = entry.path.lower()
        for prefix, label in CI.items():
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                found.append((label, entry))
                break
    return found


@cache
def _test_directory(directory: str) -> bool:
    return bool(TEST_FOLDERS & {part.lower() for part in directory.split("/")})


def _tests(tree: Tree) -> list[FileEntry]:
    def in_test_folder(entry: FileEntry) -> bool:
        return _test_directory(entry.directory)

    # Files named as tests first: they make better evidence than whatever else a test folder holds.
    named = [entry for entry in own_files(tree) if TEST_FILE.search(entry.lower_name)]
    seen = {entry.path for entry in named}
    return named + [entry for entry in own_files(tree) if in_test_folder(entry) and entry.path not in seen]


_LINTER_NAMES = tuple(LINTERS)  # every configuration file's name starts with one of them


def _linters(tree: Tree) -> list[tuple[str, FileEntry]]:
    def configures(entry: FileEntry, name: str) -> bool:  # ".eslintrc" also covers ".eslintrc.json" and the like
        if name.endswith("."):
            return entry.lower_name.startswith(name)
        return entry.lower_name == name or entry.lower_name.startswith(name + ".")

    found = [(label, entry) for entry in tree.files if entry.depth <= 1 and entry.lower_name.startswith(_LINTER_NAMES)
             for name, label in LINTERS.items() if configures(entry, name)]
    for entry in tree.named("pyproject.toml", max_depth=0):
        tools = pyproject_tools(parse(tree, entry, "toml").data)
        found += [(label, entry) for key, label in PYPROJECT_TOOLS.items() if key in tools]
    return found


def _practices(tree: Tree) -> tuple[list[str], list[Evidence], bool]:
    """What the project does, each with one piece of evidence, and whether it runs automated checks."""
    listed, places = [], []

    def note(label: str, where: Evidence) -> None:
        listed.append(label)
        places.append(where)

    ci = _ci(tree)
    if ci:
        note(f"continuous integration ({join(sorted({label for label, _ in ci}))})", evidence(ci[0][1]))
    tests = _tests(tree)
    if tests:
        note(f"automated tests ({len(tests)} test files)", evidence(tests[0]))
    for label, names in (
        ("a contribution guide", ("contributing", "contributing.")),
        ("a security policy", ("security.md", "security.txt", "security.rst", "security")),
        ("a changelog or release notes", ("changelog", "changelog.", "changes", "changes.", "history.", "news",
                                          "news.", "releases", "releases.", "release-notes.", "release_notes.")),
        ("a code of conduct", ("code_of_conduct.", "code-of-conduct.", "code_of_conduct")),
        ("dependency update automation", ("dependabot.yml", "dependabot.yaml", "renovate.json", "renovate.json5",
                                          ".renovaterc", ".renovaterc.json")),
        ("REUSE licensing information", ("reuse.toml", "dep5")),
        ("a publiccode.yml description", ("publiccode.yml", "publiccode.yaml")),
    ):
        files = [entry for entry in tree.named(*names, max_depth=1)
                 if entry.depth == 0 or entry.directory.lower() in COMMUNITY_FOLDERS]
        if files:
            note(label, evidence(files[0]))
    linters = _linters(tree)
    if linters:
        note(f"linters and formatters ({join(sorted({label for label, _ in linters}))})", evidence(linters[0][1]))
    readme = root_readme(tree)
    text = text_of(tree, readme) if readme else ""
    # Which of them the README may hold (none without a README: RE2 is not even imported then).
    held = documents_matching([(readme, text)] if text else [], list(_PRACTICE_PATTERNS.values()))
    for (label, pattern), docs in zip(_PRACTICE_PATTERNS.items(), held, strict=True):
        line = first_line(text, pattern) if docs else None
        if line:
            note(label, evidence(readme, line.number, line.text))
    return listed, places, bool(ci or tests)


def _standards(tree: Tree) -> dict[str, tuple[bool, list[Evidence]]]:
    """Standards found, each with whether something implements it (not just a mention) and the evidence."""
    found = {}
    for entry in own_files(tree):
        name = entry.lower_name
        if not _ANY_STANDARD_FILE.search(name):
            continue
        for standard, pattern in _STANDARD_FILES:
            if pattern.search(name):
                found.setdefault(standard, (True, []))[1].append(evidence(entry))
    for dependency in inventory(tree, locks=False).dependencies:
        name = dependency.name.lower()
        for standard, libraries in _STANDARD_LIBRARIES:
            if libraries.match(name):
                found.setdefault(standard.name, (True, []))[1].append(evidence(dependency.path, quote=dependency.name))
    docs = read_documents(tree)
    for standard, pattern, naming in zip(STANDARDS, _MENTIONS, documents_matching(docs, _MENTIONS), strict=True):
        named = mentions(naming, pattern, per_file=1)
        if named:
            found.setdefault(standard.name, (False, []))[1].extend(named)
    return found


def detect(tree: Tree, category: str) -> Outcome:
    listed, places, automated = _practices(tree)
    # Automated checks are expected of code; a data set or a content collection is judged on the rest.
    enough = len(listed) >= 3 and automated if category in ("software", "aimodel") else len(listed) >= 2
    findings = [
        Finding(
            INDICATOR, Status.MET if enough else Status.NEEDS_PERSON,
            Confidence.MEDIUM if enough else Confidence.LOW,
            ("The project follows recognised practices: " + join(listed, 12) + "." if listed else
             "No continuous integration, tests, contribution guide, changelog or linter settings were found.")
            + ("" if enough else " A person needs to ask which practices the project follows."),
            NAME, places[:MAX_EVIDENCE], question_key="follows_best_practices", value="yes" if enough else None,
        )
    ]
    if listed:
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM, "Practices seen in the repository: " + join(listed, 12) + ".",
            NAME, places[:MAX_EVIDENCE], question_key="best_practices", value=listed,
        ))
    standards = _standards(tree)
    if standards:
        implemented = sorted(name for name, (strong, _) in standards.items() if strong)
        named = sorted(name for name, (strong, _) in standards.items() if not strong)
        explanation = " ".join(filter(None, [
            f"Implemented or used: {join(implemented, 12)}." if implemented else "",
            f"Named in the documentation: {join(named, 12)}." if named else "",
        ]))
        evidence_list = [items[0] for _, items in sorted(standards.values(), key=lambda item: not item[0])]
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM if implemented else Confidence.LOW,
            f"The product supports open standards. {explanation}", NAME, evidence_list[:MAX_EVIDENCE],
            question_key="supports_standards", value="yes",
        ))
        findings.append(Finding(
            INDICATOR, Status.MET, Confidence.MEDIUM if implemented else Confidence.LOW,
            f"Open standards found: {join(implemented + named, 20)}.", NAME,
            [item for _, items in standards.values() for item in items][:MAX_EVIDENCE],
            question_key="standards", value=implemented + named,
        ))
    else:
        findings.append(Finding(
            INDICATOR, Status.NEEDS_PERSON, Confidence.LOW,
            "No open standard was found in specification files, dependencies or documentation.", NAME,
            question_key="supports_standards",
        ))
    return Outcome(findings=findings)
