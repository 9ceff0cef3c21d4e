"""The bundled ecosystem data: loaded with the real registry, idempotent, all or nothing, and bad input named
by file and JSON path."""

import json
import shutil

import pytest

from dpg_registry.audit.models import AuditEvent
from dpg_registry.ecosystem.models import Community, FocusArea, Member, Pilot, SeedVersion
from dpg_registry.ecosystem.seed import DATA_DIR, SeedDataError, load_ecosystem
from tests.conftest import run_dpg


def test_bundled_data_loads_with_the_real_registry_once(registry, client):
    report = load_ecosystem()
    assert report.loaded == ["2025.1"] and not report.missing_products
    assert list(Community.objects.values_list("slug", flat=True)) == [
        "climate-change-adaptation", "early-grade-reading", "education", "financial-inclusion", "govstack", "health"]
    assert FocusArea.objects.get(community__slug="health").focus == "Immunization delivery management"
    assert FocusArea.objects.get(community__slug="govstack").get_status_display() == "Coming soon"
    assert set(Pilot.objects.values_list("country", flat=True)) == {"RW", "GM", "UG", "SZ", "LK", "VN", "KZ", "GH",
                                                                    "JO"}
    assert Pilot.objects.get(slug="global-digital-library-rwanda").products.get().slug == "global-digital-library"
    assert Member.objects.filter(on_board=True).count() == 6
    events = AuditEvent.objects.count()

    again = load_ecosystem()
    assert again.loaded == [] and again.already_loaded == ["2025.1"]
    assert AuditEvent.objects.count() == events
    page = client.get("/countries/LK/").content.decode()
    assert "DHIS2 tracker for the COVID-19 response" in page and "DHIS2 for Education and an EMIS academy" in page


@pytest.mark.django_db
def test_links_to_products_the_registry_lacks_are_left_out_and_reported(tmp_path):
    bad_copy(tmp_path, lambda d: d["pilots"][1]["products"].append("no-such-product"))
    report = load_ecosystem(data_dir=tmp_path)
    assert report.missing_products["no-such-product"] == ["$.pilots[1].products[1]"]
    assert "product 'no-such-product' is not in the registry; left out at $.pilots[1].products[1]" in str(report)
    assert Pilot.objects.get(slug="dhis2-education-gambia").products.count() == 1


def bad_copy(tmp_path, change) -> str:
    data = json.loads((DATA_DIR / "ecosystem-2025.1.json").read_text())
    change(data)
    (tmp_path / "ecosystem-2025.1.json").write_text(json.dumps(data))
    return str(tmp_path / "ecosystem-2025.1.json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["pilots"][3].update(country="Eswatini"), "$.pilots[3].country: 'ESWATINI' is not an ISO"),
        (lambda d: d["pilots"][0].update(started_on="March 2021"),
         "$.pilots[0].started_on: 'March 2021' is not a date"),
        (lambda d: d["communities"][4]["focus_areas"][0].update(status="soon"),
         "$.communities[4].focus_areas[0].status:"),
        (lambda d: d["members"][1].pop("kind"), "$.members[1]: missing 'kind'"),
        (lambda d: d["members"][2].update(on_board="yes"), "$.members[2].on_board: expected bool, got str"),
        (lambda d: d["communities"].append(d["communities"][0]),
         "$.communities[6].slug: 'early-grade-reading' appears twice"),
        (lambda d: d.update(pilots={}), "$.pilots: expected list, got dict"),
    ],
)
def test_bad_input_names_file_and_path_and_writes_nothing(tmp_path, change, place):
    path = bad_copy(tmp_path, change)
    with pytest.raises(SeedDataError) as error:
        load_ecosystem(data_dir=tmp_path)
    assert str(error.value).startswith(f"{path}: {place}")
    assert not Community.objects.exists() and not SeedVersion.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_loaded_version_does_not_change(tmp_path):
    shutil.copy(DATA_DIR / "ecosystem-2025.1.json", tmp_path)
    load_ecosystem(data_dir=tmp_path)
    bad_copy(tmp_path, lambda d: d["communities"][0].update(name="Reading"))
    with pytest.raises(SeedDataError, match="version 2025.1 is already loaded with different content"):
        load_ecosystem(data_dir=tmp_path)


@pytest.mark.django_db
def test_broken_json_names_the_file(tmp_path):
    (tmp_path / "ecosystem-2025.2.json").write_text('{"version": "2025.2",')
    with pytest.raises(SeedDataError, match="ecosystem-2025.2.json: Expecting"):
        load_ecosystem(data_dir=tmp_path)


@pytest.mark.slow  # seven `dpg` commands as subprocesses
@pytest.mark.django_db(transaction=True)
def test_dpg_ecosystem_loads_and_grants_focal_points(tmp_path):
    from tests.factories import make_user

    loaded = run_dpg("ecosystem", "load")
    assert loaded.returncode == 0, loaded.stderr
    assert "ecosystem data 2025.1 loaded" in loaded.stdout
    make_user("fiona@health.example")
    granted = run_dpg("ecosystem", "grant", "fiona@health.example", "health", "--organisation", "Health Partners")
    assert granted.returncode == 0, granted.stderr
    listed = run_dpg("ecosystem", "focal-points")
    assert listed.stdout == "fiona@health.example\thealth\tHealth Partners\n"
    unknown = run_dpg("ecosystem", "grant", "fiona@health.example", "sport", "--organisation", "X")
    assert unknown.returncode == 1 and "no community 'sport'" in unknown.stderr
    nobody = run_dpg("ecosystem", "revoke", "nobody@example.org", "health")
    assert nobody.returncode == 1 and "no account with the e-mail address" in nobody.stderr
    assert run_dpg("migrate").returncode == 0  # the snapshot needs the Standard in the database
    assert run_dpg("snapshot", str(tmp_path / "copy")).returncode == 0
    dump = json.loads((tmp_path / "copy" / "ecosystem.json").read_text())
    assert len(dump["communities"]) == 6
    assert {"organisation": "Health Partners"} in next(c for c in dump["communities"]
                                                      if c["slug"] == "health")["focal_points"]
