"""Data-quality flags on listed DPGs: opened by imports and other writes, never changing the record; a dismissed
flag stays dismissed until the record is written again; a flag whose cause is gone closes by itself."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from dpg_registry.audit.models import AuditEvent
from dpg_registry.importers.run import run_import
from dpg_registry.lib.validation import FieldError
from dpg_registry.registry import quality
from dpg_registry.registry import services as registry_services
from dpg_registry.registry.models import Product, QualityFlag
from tests.conftest import API_SAMPLE, LEGACY_DIR

pytestmark = pytest.mark.django_db

Rule, State = QualityFlag.Rule, QualityFlag.State


def flags_of(slug: str, state=State.OPEN) -> set[tuple[str, str]]:
    return set(QualityFlag.objects.filter(product__slug=slug, state=state).values_list("rule", "subject"))


def api_record(tmp_path, **changes):
    """A file with one record of the API sample (Harmony, AGPL-3.0, 10 deployment countries), changed."""
    record = {**json.loads(API_SAMPLE.read_text())[4], **changes}
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]))
    return path


def test_a_non_commercial_licence_on_a_listed_content_product_is_flagged_and_the_record_kept(registry):
    product = Product.objects.get(slug="lexsitus")
    assert flags_of("lexsitus") == {(Rule.LICENCE_NOT_APPROVED, "CC-BY-NC-SA-4.0")}
    flag = product.quality_flags.get()
    assert flag.reason() == "CC-BY-NC-SA-4.0 is not approved for content in DPG Standard 1.1.7."
    assert list(product.licence_statements.values_list("expression", flat=True)) == ["CC-BY-NC-SA-4.0"]
    assert product.status == Product.Status.DPG


def test_a_licence_outside_the_spdx_list_is_to_be_confirmed_with_the_text_declared(registry, tmp_path):
    licences = [{"openLicense": "CC-BY-3.0-NZ", "openLicenseEvidenceURLs": "https://example.org/licence"}]
    run_import([api_record(tmp_path, openlicenses=licences)])
    assert flags_of("harmony") == {(Rule.LICENCE_TO_CONFIRM, "LicenseRef-CC-BY-3.0-NZ")}
    flag = QualityFlag.objects.get(product__slug="harmony")
    assert flag.reason() == "Declared as “CC-BY-3.0-NZ”, which is not on the SPDX list: licence to be confirmed."


def test_the_country_limit_is_a_setting_and_the_command_applies_a_new_one(registry, settings, capsys):
    flagged = set(
        QualityFlag.objects.filter(rule=Rule.TOO_MANY_COUNTRIES, state=State.OPEN).values_list(
            "product__slug", flat=True
        )
    )
    assert "kobotoolbox" in flagged and "harmony" not in flagged
    assert QualityFlag.objects.get(product__slug="kobotoolbox", rule=Rule.TOO_MANY_COUNTRIES).details == {
        "count": 229,
        "limit": 150,
    }
    settings.DPG_QUALITY_MAX_COUNTRIES = 9
    call_command("quality_flags")
    assert (Rule.TOO_MANY_COUNTRIES, "") in flags_of("harmony")
    settings.DPG_QUALITY_MAX_COUNTRIES = 1000
    call_command("quality_flags")
    assert "0 flags opened" in capsys.readouterr().out.splitlines()[-1]
    assert not QualityFlag.objects.filter(rule=Rule.TOO_MANY_COUNTRIES, state=State.OPEN).exists()
    assert QualityFlag.objects.filter(product__slug="kobotoolbox", state=State.CLOSED).count() == 1


def test_a_dismissed_flag_stays_dismissed_until_the_record_is_written_again(registry, people):
    flag = QualityFlag.objects.get(product__slug="lexsitus")
    quality.dismiss(flag=flag, reason="The publisher's data portal states CC-BY-4.0.", by=people["l2"], role="l2")
    event = AuditEvent.objects.get(action="quality.dismiss")
    assert (event.actor_id, event.role, event.reason) == (
        people["l2"].pk,
        "l2",
        "The publisher's data portal states CC-BY-4.0.",
    )
    assert event.before["product"] == "lexsitus" and event.after == {"state": "dismissed"}
    quality.refresh()
    assert flags_of("lexsitus", State.DISMISSED) == {(Rule.LICENCE_NOT_APPROVED, "CC-BY-NC-SA-4.0")}
    product = Product.objects.get(slug="lexsitus")
    registry_services.edit_listing(
        product=product,
        by=people["admin"],
        role="admin",
        name=product.name,
        description="Corrected.",
        website=product.website,
        reason="Typo.",
    )
    flag.refresh_from_db()
    assert (flag.state, flag.dismissal, flag.dismissed_by) == (State.OPEN, "", None)


def test_dismissing_needs_a_reason_and_an_open_flag(registry, people):
    flag = QualityFlag.objects.get(product__slug="lexsitus")
    with pytest.raises(FieldError, match="say why"):
        quality.dismiss(flag=flag, reason="  ", by=people["l2"], role="l2")
    quality.dismiss(flag=flag, reason="Checked.", by=people["l2"], role="l2")
    with pytest.raises(FieldError, match="not open"):
        quality.dismiss(flag=flag, reason="Again.", by=people["l2"], role="l2")
    assert AuditEvent.objects.filter(action="quality.dismiss").count() == 1


def test_a_product_taken_off_the_list_has_its_flags_closed_and_they_open_again_when_it_returns(registry):
    product = Product.objects.get(slug="open-food-facts")
    assert flags_of("open-food-facts") == {(Rule.LICENCE_NOT_APPROVED, "CC-BY-SA-3.0"), (Rule.TOO_MANY_COUNTRIES, "")}
    registry_services.change_status(
        product=product, status=Product.Status.EXPIRED, reason="Not renewed", on=date.today()
    )
    assert flags_of("open-food-facts") == set()
    assert len(flags_of("open-food-facts", State.CLOSED)) == 2
    registry_services.change_status(product=product, status=Product.Status.DPG, reason="", on=date.today())
    assert len(flags_of("open-food-facts")) == 2
    assert QualityFlag.objects.filter(product=product).count() == 2  # the same flags, opened again


def test_a_corrected_record_closes_its_flag(registry, tmp_path):
    run_import(
        [
            api_record(
                tmp_path,
                openlicenses=[{"openLicense": "CC-BY-NC-4.0", "openLicenseEvidenceURLs": ""}],
                categories=["Open Content"],
            )
        ]
    )
    assert (Rule.LICENCE_NOT_APPROVED, "CC-BY-NC-4.0") in flags_of("harmony")
    assert (Rule.EVIDENCE_MISSING, "2") in flags_of("harmony")  # no link to where the licence is stated
    run_import([api_record(tmp_path)])
    assert flags_of("harmony") == set()
    assert flags_of("harmony", State.CLOSED) == {
        (Rule.LICENCE_NOT_APPROVED, "CC-BY-NC-4.0"),
        (Rule.EVIDENCE_MISSING, "2"),
    }


def test_reimporting_unchanged_data_opens_and_closes_nothing(registry):
    before = list(QualityFlag.objects.order_by("pk").values_list("pk", "state", "opened_at"))
    run_import([LEGACY_DIR, API_SAMPLE])
    assert list(QualityFlag.objects.order_by("pk").values_list("pk", "state", "opened_at")) == before
