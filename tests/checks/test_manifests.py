"""The manifest inventory: dependencies read as plain data from each ecosystem's manifests and lock files."""

import json
import re

import pytest
from defusedxml import ElementTree

from dpg_registry.checks.manifests import go, jvm, node, python
from dpg_registry.checks.manifests.common import DEVELOPMENT, OPTIONAL, RUNTIME
from dpg_registry.checks.manifests.inventory import inventory
from dpg_registry.checks.manifests.licences import ADDRESS, CHOICE, FILE, NAME, LicenceField, licence_fields
from dpg_registry.checks.manifests.links import documentation_links
from dpg_registry.checks.tree import FileEntry
from tests.checks.trees import tree_of


def package_json(dependencies=None, dev=None) -> str:
    return json.dumps({"name": "app", "dependencies": dependencies or {}, "devDependencies": dev or {}}, indent=2)


ONE_OF_EACH = [
    ("pyproject.toml", '[project]\ndependencies = ["stripe>=7"]\n[project.optional-dependencies]\nx = ["rich"]\n'
                       '[tool.poetry.group.dev.dependencies]\npytest = "^8"\n', "pypi", {"stripe", "rich", "pytest"}),
    ("Pipfile", '[packages]\ntwilio = "*"\n[dev-packages]\nblack = "*"\n', "pypi", {"twilio", "black"}),
    ("go.mod", "module example.org/app\n\ngo 1.22\n\nrequire github.com/stripe/stripe-go/v76 v76.0.0\n"
               "require (\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n", "go",
     {"github.com/stripe/stripe-go/v76", "github.com/lib/pq"}),
    ("Cargo.toml", '[dependencies]\nserde = "1"\nhttp = { package = "reqwest", version = "0.12" }\n'
                   '[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n', "cargo", {"serde", "reqwest", "libc"}),
    ("pom.xml", '<project xmlns="http://maven.apache.org/POM/4.0.0"><dependencies><dependency>'
                "<groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId><version>10.0.0</version>"
                "</dependency></dependencies></project>", "maven", {"com.twilio.sdk:twilio"}),
    ("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngroup :development, :test do\n"
                "  gem 'rspec-rails'\nend\ngem 'stripe'\n", "rubygems", {"rails", "rspec-rails", "stripe"}),
    ("composer.json", '{"require": {"php": ">=8.1", "ext-json": "*", "twilio/sdk": "^7"}}', "packagist",
     {"twilio/sdk"}),
    ("App/App.csproj", '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Stripe.net" '
                       'Version="43.0.0" /></ItemGroup></Project>', "nuget", {"Stripe.net"}),
    ("pubspec.yaml", "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n  firebase_core: ^2.24.0\n",
     "pub", {"firebase_core"}),
    ("ios/Podfile", "target 'App' do\n  pod 'GoogleMaps', '8.4.0'\n  pod 'Firebase/Analytics'\nend\n", "cocoapods",
     {"GoogleMaps", "Firebase/Analytics"}),
    ("gradle/libs.versions.toml", '[libraries]\nmaps = { module = "com.google.android.gms:play-services-maps", '
                                  'version = "18.2.0" }\ncore = "androidx.core:core-ktx:1.12.0"\n', "maven",
     {"com.google.android.gms:play-services-maps", "androidx.core:core-ktx"}),
    ("requirements/dev.txt", "pytest==8.0\n", "pypi", {"pytest"}),
]


@pytest.mark.parametrize(("path", "content", "ecosystem", "names"), ONE_OF_EACH)
def test_manifests_of_each_ecosystem(tmp_path, path, content, ecosystem, names):
    found = inventory(tree_of(tmp_path, {path: content}))
    assert not found.problems
    assert {dep.name for dep in found.dependencies} == names
    assert {dep.ecosystem for dep in found.dependencies} == {ecosystem}


def test_development_scopes(tmp_path):
    found = inventory(tree_of(tmp_path, {
        "Gemfile": "gem 'rails'\ngroup :test do\n  gem 'rspec'\nend\n",
        "requirements-dev.txt": "ruff\n",
        "package.json": package_json({"a": "1"}, dev={"b": "1"}),
    }))
    scopes = {dep.name: dep.scope for dep in found.dependencies}
    assert scopes == {"rails": RUNTIME, "rspec": DEVELOPMENT, "ruff": DEVELOPMENT,
                      "a": RUNTIME, "b": DEVELOPMENT}


def test_versions_and_scopes_as_declared(tmp_path):
    found = inventory(tree_of(tmp_path, {
        "pom.xml": "<project><dependencies>"
                   "<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13</version>"
                   "<scope>test</scope></dependency>"
                   "<dependency><groupId>org.x</groupId><artifactId>y</artifactId><optional>true</optional>"
                   "</dependency></dependencies></project>",
        "app/build.gradle": "dependencies {\n  implementation 'com.squareup.okhttp3:okhttp:4.12.0'\n"
                            "  androidTestImplementation(\"androidx.test:runner:1.5\")\n}\n",
        "go.mod": "module m\nrequire (\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n",
    }))
    declared = {(dep.name, dep.version, dep.scope, dep.path) for dep in found.dependencies}
    assert declared == {
        ("junit:junit", "4.13", DEVELOPMENT, "pom.xml"),
        ("org.x:y", "", OPTIONAL, "pom.xml"),
        ("com.squareup.okhttp3:okhttp", "4.12.0", RUNTIME, "app/build.gradle"),
        ("androidx.test:runner", "1.5", DEVELOPMENT, "app/build.gradle"),
        ("github.com/lib/pq", "v1.10.9", RUNTIME, "go.mod"),
    }


def test_lock_files_only_when_asked(tmp_path):
    tree = tree_of(tmp_path, {"package.json": package_json({"react": "18"}),
                              "yarn.lock": 'react@^18.0.0:\n  version "18.2.0"\n'})
    assert [(dep.name, dep.locked) for dep in inventory(tree, locks=False).dependencies] == [("react", False)]
    assert {(dep.name, dep.locked) for dep in inventory(tree).dependencies} == {("react", False), ("react", True)}


def test_an_unreadable_manifest_is_a_problem_not_a_finding(tmp_path):
    found = inventory(tree_of(tmp_path, {"web/package.json": '{"dependencies": ', "go.mod": "require a v1\n"}))
    assert [(entry.path, "not valid JSON" in why) for entry, why in found.problems] == [("web/package.json", True)]
    assert [dep.name for dep in found.dependencies] == ["a"]
    assert [entry.path for entry in found.manifests] == ["go.mod", "web/package.json"]


def test_requirements_skip_options_addresses_and_comments():
    text = "-r base.txt\n--index-url https://x\nDjango[argon2]>=5.0 ; python_version >= '3.11'  # web\n" \
           "git+https://example.org/a.git\n./local\n# pinned\nrich==13.0\n"
    assert python.requirements_txt(text, "requirements/docs.txt") == [
        ("Django", ">=5.0", DEVELOPMENT), ("rich", "==13.0", DEVELOPMENT)]
    assert python.requirements_txt("rich\n", "requirements.txt") == [("rich", "", RUNTIME)]


def test_lock_file_names_of_older_formats():
    v1 = json.dumps({"lockfileVersion": 1, "dependencies": {"a": {"dependencies": {"b": {}}}}})
    assert sorted(node.npm_lock(v1, "package-lock.json")) == [("a", "", RUNTIME), ("b", "", RUNTIME)]
    pnpm_v5 = "packages:\n  /@scope/name/1.0.0:\n    resolution: {}\n  /plain/2.0.0:\n"
    assert sorted(node.pnpm_lock(pnpm_v5, "pnpm-lock.yaml")) == [("@scope/name", "", RUNTIME), ("plain", "", RUNTIME)]


def test_npm_lock_keys_are_those_a_search_from_every_quote_finds():
    # The search starts at "node_modules/" and keeps what the search from every quote would find.
    from_quotes = re.compile(r"\"(?:[^\"]*/)?node_modules/((?:@[^/\"]+/)?[^/\"]+)\"\s*:")
    texts = [
        json.dumps({"packages": {"": {}, "node_modules/a": {}, "node_modules/@s/b": {},
                                 "node_modules/a/node_modules/c": {}, "node_modules/@s/b/node_modules/@t/d": {}}}),
        'node_modules/x": 1, "y/node_modules/z" :',  # no quote before the first key
        '"node_modules/a":/node_modules/b":',  # the quote before the second was the first's
        'xnode_modules/a":/node_modules/b":',  # the first is no key, so its quote opens the second
        '"a/node_modules/b/c": "node_modules/@s": "node_modules/@s/": "node_modules/e"\n\t:',
    ]
    for text in texts:
        found = {name for name, _, _ in node.npm_lock(text, "package-lock.json")}
        assert found == set(from_quotes.findall(text)), text


def test_yarn_lock_entries_whatever_the_line_breaks():
    text = ('# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.23.0"\n  dependencies:\n'
            '    left "^1.0.0"\n\nreact@^18.0.0:\n  version "18.2.0"\n__metadata:\n  version: 6\n#x@1:\nlast@2:')
    names = [("@babel/core", "", RUNTIME), ("last", "", RUNTIME), ("react", "", RUNTIME)]
    assert sorted(node.yarn_lock(text, "yarn.lock")) == names
    assert sorted(node.yarn_lock(text.replace("\n", "\r\n"), "yarn.lock")) == names
    assert sorted(node.yarn_lock(text.replace("react", "\u2028react"), "yarn.lock")) == names


def test_pom_dependencies_of_profiles_count():
    root = ElementTree.fromstring(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><profiles><profile><dependencies><dependency>'
        "<groupId>g</groupId><artifactId>a</artifactId></dependency></dependencies></profile></profiles></project>")
    assert jvm.pom_xml(root) == [("g:a", "", RUNTIME)]


def test_go_mod_single_line_and_block_requires():
    text = "module m\nrequire x.org/a v1.0.0\nrequire (\n\ty.org/b v2.0.0\n)\nreplace z => ../z\n"
    assert go.go_mod(text, "go.mod") == [("x.org/a", "v1.0.0", RUNTIME), ("y.org/b", "v2.0.0", RUNTIME)]


def test_pyproject_tools():
    assert python.pyproject_tools({"tool": {"ruff": {}, "mypy": {}}, "project": {}}) == ["ruff", "mypy"]
    assert python.pyproject_tools({"tool": "ruff"}) == []


def fields(name, text):
    return licence_fields(FileEntry(name, len(text), 0), text)


def test_licence_fields_as_written():
    pom = ("<project><licenses><license><name>Custom</name><url>https://opensource.org/licenses/MIT</url></license>"
           "<license><name>Apache License, Version 2.0</name></license></licenses></project>")
    assert fields("pom.xml", pom) == [LicenceField(
        CHOICE, ("Custom", "Apache License, Version 2.0"), 1, "<licenses>",
        addresses=("https://opensource.org/licenses/MIT", ""))]
    assert fields("DESCRIPTION", "Package: x\nLicense: file LICENSE\n") == [
        LicenceField(FILE, ("file LICENSE",), 2, "License: file LICENSE", file="LICENSE")]
    project = ('<Project><PackageLicenseExpression>MIT</PackageLicenseExpression>\n'
               "<PackageLicenseUrl>https://example.org/licence</PackageLicenseUrl></Project>")
    assert [(field.kind, field.values, field.line) for field in fields("App.csproj", project)] == [
        (NAME, ("MIT",), 1), (ADDRESS, ("https://example.org/licence",), 2)]


def test_licence_fields_of_a_broken_or_silent_manifest():
    assert fields("package.json", '{"license": ') == []
    assert fields("setup.py", "setup(license=LICENCE)\n") == []
    assert fields("go.mod", "module x\n") == []


def test_documentation_links_as_written():
    pyproject = {"project": {"urls": {"Docs": "https://x.readthedocs.io", "Source": "https://example.org/x"}},
                 "tool": {"poetry": {"documentation": "https://example.org/doc"}}}
    assert [link for link in documentation_links(pyproject) if link] == [
        "https://x.readthedocs.io", "https://example.org/doc"]
    assert [link for link in documentation_links({"support": {"docs": 1}}) if link] == [1]


def test_the_inventory_without_lock_files_is_the_same_when_taken_from_the_one_with_them(tmp_path):
    files = {path: content for path, content, _, _ in ONE_OF_EACH}
    files |= {"package.json": package_json({"react": "18"}), "yarn.lock": 'react@^18.0.0:\n  version "18.2.0"\n',
              "web/package.json": "{broken", "Pipfile.lock": '{"default": {"requests": {"version": "==2.0"}}}'}
    read_alone = inventory(tree_of(tmp_path / "a", files), locks=False)
    tree = tree_of(tmp_path / "b", files)
    inventory(tree)
    taken = inventory(tree, locks=False)
    assert taken.dependencies == read_alone.dependencies and taken.texts == read_alone.texts
    assert taken.manifests == read_alone.manifests and taken.problems == read_alone.problems
    assert taken.partial == read_alone.partial == [] and len(taken.problems) == 1


def test_a_gradle_build_file_gives_what_a_search_of_every_word_gives():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = ["implementation", "testImplementation", "androidTestImplementation", "api", "rapid", "Api", "kapt",
             "ksp", "compile", "compileOnly", "testCompileOnlyX", "runtimeOnly", "classpath", "annotationProcessor",
             "platform", "enforcedPlatform", "Platform", "_api", "éapi", "api2", "(", ")", "'", '"', ":", " ", "\n",
             "\t", "com.example", "lib", "1.0", "group:artifact:2.0", "$version", "//", "é", "kaptksp", "apiplatform"]
    text = st.lists(st.sampled_from(words), max_size=40).map("".join)

    @settings(max_examples=400, deadline=None)
    @given(text)
    def same(body):
        assert [(m.span(), m.groups()) for m in jvm._gradle_matches(body)] == [
            (m.span(), m.groups()) for m in jvm._GRADLE.finditer(body)]

    same()
    build = "dependencies {\n  implementation('a.b:c:1.0')\n  testImplementation \"x:y\"\n  kapt 'k:p:2'\n}\n"
    assert jvm.gradle_build(build, "build.gradle") == [("a.b:c", "1.0", RUNTIME), ("x:y", "", DEVELOPMENT),
                                                       ("k:p", "2", RUNTIME)]
