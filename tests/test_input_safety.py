"""Addresses people type are web addresses of bounded length; repositories are cloned only from public https
hosts; free text is shown as sanitised Markdown."""

import csv
import io
import json

import pytest
from django.test import Client
from django.utils import timezone

from dpg_registry.applications.answers import AnswerInput
from dpg_registry.applications.errors import AnswerErrors
from dpg_registry.applications.models import RepositoryCheck
from dpg_registry.applications.services import applicant, repository_checks
from dpg_registry.applications.tasks import run_repository_check
from dpg_registry.checks.run import CheckError, run_check
from dpg_registry.ecosystem import services as ecosystem
from dpg_registry.registry.models import Product
from dpg_registry.registry.records import OrganisationRole, ProductRecord, SourceRef
from dpg_registry.registry.services import import_products
from dpg_registry.registry.templatetags.markup import render_markdown
from dpg_registry.reports.tables import Table
from tests.conftest import run_dpg
from tests.factories import sign_in
from tests.ownership.owners import make_owner


def about_form(draft, **changes) -> dict:
    return {"version": draft.version, "name": draft.name, "description": "Patient records.", "website": "",
            "repository_urls": "https://example.org/clinic/code", "deployment_countries": "KE", **changes}


@pytest.mark.django_db
def test_the_about_form_names_the_field_of_a_bad_address(people, draft):
    client = Client()
    sign_in(client, people["applicant"])
    url = f"/applications/{draft.public_id}/about/"
    refused = client.post(url, about_form(draft, website="javascript:alert(1)",
                                          repository_urls="http://example.org/clinic/code"))
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "it must start with http:// or https://" in errors["website"][0]
    assert "it must start with https://" in errors["repository_urls"][0]
    long = "https://example.org/" + "a" * 1000
    errors = client.post(url, about_form(draft, website=long)).context["form"].errors
    assert "at most 1000 characters" in errors["website"][0]
    assert client.post(url, about_form(draft, website="https://clinic.example.org")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("port", ["99999", "abc", "0"])
def test_the_about_form_refuses_an_address_with_a_bad_port(people, draft, port):
    client = Client()
    sign_in(client, people["applicant"])
    url = f"/applications/{draft.public_id}/about/"
    refused = client.post(url, about_form(draft, website=f"https://example.org:{port}/clinic",
                                          repository_urls=f"https://example.org:{port}/x"))
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert set(errors) >= {"website", "repository_urls"}
    assert f"example.org:{port}" in errors["repository_urls"][0]
    draft.refresh_from_db()
    assert draft.repository_urls == ["https://example.org/clinic/code"]
    with pytest.raises(AnswerErrors) as raised:
        repository_checks.request_check(application=draft, by=people["applicant"],
                                        target=f"https://example.org:{port}/x")
    assert raised.value.errors[0].field == "repository"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://example.org:99999/x", "https://example.org:abc/x"])
def test_a_check_of_an_address_with_a_bad_port_is_recorded_as_failed(draft, target):
    # Written before the form refused such addresses; the worker must still finish the check.
    check = RepositoryCheck.objects.create(application=draft, target=target, requested_at=timezone.now())
    assert run_repository_check.call(check.pk) == "failed"
    check.refresh_from_db()
    assert check.status == "failed" and check.finished_at is not None
    assert "port" in check.error and target in check.error


@pytest.mark.django_db
def test_evidence_and_ecosystem_addresses_are_checked(people, draft):
    with pytest.raises(AnswerErrors) as raised:
        applicant.save_answers(application=draft, by=people["applicant"], expected_version=draft.version,
                              answers={"owner_name": AnswerInput(
                                  value="Open Clinic Foundation", evidence_urls=("ftp://example.org/file",))})
    assert raised.value.errors[0].field == "owner_name evidence"
    with pytest.raises(ecosystem.EcosystemError) as raised:
        ecosystem.save_member(by=people["admin"], slug="m", name="M", kind="government", website="javascript:x()")
    assert raised.value.field == "website"


@pytest.mark.django_db
def test_repository_checks_refuse_non_public_hosts(people, draft):
    for target, reason in (("http://example.org/code", "must start with https://"),
                           ("https://127.0.0.1/code", "is a loopback address"),
                           ("https://10.1.2.3/code", "is a private address"),
                           ("https://169.254.169.254/latest", "is a link-local address"),
                           ("https://localhost/code", "is not on the public internet")):
        with pytest.raises(AnswerErrors) as raised:
            repository_checks.request_check(application=draft, by=people["applicant"], target=target)
        assert raised.value.errors[0].field == "repository" and reason in raised.value.errors[0].message, target
    # The worker resolves the host itself: a name pointing at this machine is refused before any clone.
    with pytest.raises(CheckError, match="resolves to a loopback address"):
        run_check("https://localhost:8443/code.git", public_only=True)


HOSTILE = (
    "Records **for clinics**.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
    "[click](javascript:alert(1)) [docs](https://docs.example.org) <a href='https://e.example' onclick='e()'>e</a>"
)


def test_markdown_keeps_formatting_and_drops_anything_active():
    html = render_markdown(HOSTILE)
    assert "<strong>for clinics</strong>" in html
    assert '<a href="https://docs.example.org" rel="nofollow noopener">docs</a>' in html
    assert "<script" not in html and "<img" not in html and "<a href='https://e.example'" not in html
    assert "javascript:" not in html.replace("[click](javascript:alert(1))", "")  # left as plain text, not a link
    assert 'href="javascript' not in html and "onerror=" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")


@pytest.mark.django_db
def test_a_profile_shows_a_hostile_description_harmlessly(standard):
    Product.objects.create(slug="evil", name="Evil", sort_name="evil", status="dpg", description=HOSTILE)
    page = Client().get("/registry/evil/").content.decode()
    assert "<strong>for clinics</strong>" in page
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript' not in page
    assert '<a href="https://docs.example.org" rel="nofollow noopener">docs</a>' in page


FORMULA = '=HYPERLINK("http://evil.example/","x")'


def _formula_product() -> None:
    import_products(records=[ProductRecord(
        slug="formula", name=FORMULA, status="dpg", categories=["software"],
        sources=[SourceRef("test", "formula", {"slug": "formula"}, 1)], aliases=["+1 555", "@SUM(A1)", "\tTabbed"],
        organisations=[OrganisationRole(name="-2+3 Foundation", role="owner")],
    )])


def _cells(text: str) -> dict:
    [row] = [row for row in csv.DictReader(io.StringIO(text)) if row["slug"] == "formula"]
    return row


def _assert_neutralised(row: dict) -> None:
    assert row["name"] == "'" + FORMULA
    assert row["aliases"] == "'+1 555; @SUM(A1); \tTabbed"
    assert row["organisations"] == "'-2+3 Foundation (owner)"
    assert row["slug"] == "formula"


@pytest.mark.django_db
def test_the_csv_dump_neutralises_spreadsheet_formulas_and_the_json_dump_does_not(standard):
    _formula_product()
    client = Client()
    _assert_neutralised(_cells(b"".join(client.get("/registry.csv").streaming_content).decode()))
    dumped = b"".join(client.get("/registry.json").streaming_content).decode()
    [record] = [record for record in json.loads(dumped) if record["slug"] == "formula"]
    assert record["name"] == FORMULA and record["organisations"][0]["name"] == "-2+3 Foundation"


@pytest.mark.django_db(transaction=True)
def test_dpg_export_csv_neutralises_spreadsheet_formulas(standard):
    _formula_product()
    exported = run_dpg("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    _assert_neutralised(_cells(exported.stdout))
    ndjson = run_dpg("export", "--format", "ndjson").stdout
    assert '"name": "=HYPERLINK' in ndjson


def test_report_tables_neutralise_text_cells_and_keep_numbers():
    table = Table("t", "T", "counts", ("Label", "Change"),
                  (("=cmd|' /C calc'!A0", -3), ("@home", 2.5), ("\tTabbed", 0), ("Plain", 1)), "bar")
    assert list(csv.reader(io.StringIO(table.as_csv(), newline=""))) == [
        ["Label", "Change"], ["'=cmd|' /C calc'!A0", "-3"], ["'@home", "2.5"], ["'\tTabbed", "0"], ["Plain", "1"],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\r", "\n", "\t", "\x1b", "\x85"])
def test_single_line_fields_of_an_application_refuse_control_characters(people, draft, character):
    client = Client()
    sign_in(client, people["applicant"])
    new = client.post("/applications/new/", {"name": f"Open{character}Clinic", "category": "software",
                                             "organisation": f"Clinic{character}Trust"})
    assert new.status_code == 200
    errors = new.context["form"].errors
    assert "control character" in errors["name"][0] and "control character" in errors["organisation"][0]
    url = f"/applications/{draft.public_id}/about/"
    for field in ("name", "contact_name", "contact_email"):
        value = "amina@clinic.example" if field == "contact_email" else "Open Clinic"
        refused = client.post(url, about_form(draft, **{field: value[:4] + character + value[4:]}))
        assert refused.status_code == 200, field
        assert "control character" in refused.context["form"].errors[field][0], field
    draft.refresh_from_db()
    assert draft.name == "Open Clinic" and draft.contact_name == ""


@pytest.mark.django_db
def test_ecosystem_names_and_titles_refuse_control_characters(people):
    admin = people["admin"]
    with pytest.raises(ecosystem.EcosystemError) as raised:
        ecosystem.save_community(by=admin, slug="health", name="Health\r\nBcc: x@evil.example")
    assert raised.value.field == "name" and "control character" in str(raised.value)
    pilot = {"slug": "p", "title": "Pilot", "country": "KE", "goals": "Goals\nover lines are fine.",
             "status": "announced"}
    for field, value in (("title", "Pi\x00lot"), ("partners", ["Ministry\tof Health"]),
                         ("documents", [{"title": "Pl\ran", "url": "https://example.org/plan"}])):
        with pytest.raises(ecosystem.EcosystemError) as raised:
            ecosystem.save_pilot(by=admin, **{**pilot, field: value})
        assert raised.value.field == field and "control character" in str(raised.value), field
    assert ecosystem.save_pilot(by=admin, **pilot).goals == "Goals\nover lines are fine."
    community = ecosystem.save_community(by=admin, slug="health", name="Health")
    with pytest.raises(ecosystem.EcosystemError) as raised:
        ecosystem.grant_focal_point(by=admin, user=people["stranger"], community=community, organisation="Org\x07")
    assert raised.value.field == "organisation"


def _javascript_product() -> Product:
    from dpg_registry.registry.records import LicenceStatement, SDGLink

    import_products(records=[ProductRecord(
        slug="scripted", name="Scripted", status="dpg", categories=["software"],
        sources=[SourceRef("test", "scripted", {"slug": "scripted"}, 1)], website="javascript:alert(1)",
        organisations=[OrganisationRole(name="Script Org", role="owner", website="javascript:alert(2)")],
        licences=[LicenceStatement("MIT", ["javascript:alert(3)", "https://example.org/LICENSE"])],
        sdgs=[SDGLink(3, "Health", ["JavaScript:alert(4)"])],
        repositories=[("code", "javascript:alert(5)"), ("code", "https://example.org/scripted.git")],
    )])
    return Product.objects.get(slug="scripted")


@pytest.mark.django_db
def test_a_profile_links_only_web_addresses_and_shows_others_as_text(standard):
    _javascript_product()
    page = Client().get("/registry/scripted/").content.decode()
    assert "javascript:alert(1)" in page and "javascript:alert(3)" in page  # kept, as text
    assert 'href="javascript' not in page.lower() and "href='javascript" not in page.lower()
    assert '<a href="https://example.org/LICENSE" rel="nofollow">' in page


@pytest.mark.django_db
def test_a_renewal_copies_only_web_addresses_from_the_import(people):
    product = _javascript_product()
    make_owner(product, people["applicant"], by=people["admin"])
    client = Client()
    sign_in(client, people["applicant"])
    response = client.post(f"/applications/new/?renew={product.slug}",
                           {"name": "Scripted", "category": "software", "organisation": "Script Org"})
    assert response.status_code == 302
    renewal = product.applications.get()
    assert renewal.website == ""
    assert renewal.repository_urls == ["https://example.org/scripted.git"]
