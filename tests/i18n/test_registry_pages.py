"""The registry's public pages and the eligibility check read in French, Spanish and Arabic."""

import html
import re
import shutil
from urllib.parse import urlencode

import pytest

from dpg_registry.importers.run import run_import
from tests.conftest import LEGACY_DIR
from tests.eligibility.test_page import HEALTH_APP

SLUG = "aam-digital"  # a DPG developed in Germany


@pytest.fixture
def product(standard, tmp_path):
    legacy = tmp_path / "legacy"
    for folder in ("nominees", "digitalpublicgoods"):
        (legacy / folder).mkdir(parents=True)
        shutil.copy(LEGACY_DIR / folder / f"{SLUG}.json", legacy / folder)
    run_import([legacy])


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_home_in_each_language(client, product):
    french = page(client, "/fr/")
    assert "<h1>Biens publics numériques</h1>" in french
    assert "<strong>1</strong> bien public numérique</a>" in french
    assert "<h2>Par objectif de développement durable</h2>" in french
    assert '<th scope="col">Pays</th>' in french and "<td>Allemagne</td>" in french
    assert "<title id=\"map-title\">Où les biens publics numériques sont déployés</title>" in french
    spanish = page(client, "/es/")
    assert "<h1>Bienes públicos digitales</h1>" in spanish and "Buscar en el registro" in spanish
    arabic = page(client, "/ar/")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "<h1>المنافع العامة الرقمية</h1>" in arabic and "<td>ألمانيا</td>" in arabic


def test_catalogue_labels_and_facets_follow_the_language(client, product):
    french = page(client, "/fr/registry/?status=dpg")
    assert "<h1>Registre</h1>" in french and ">Trier par</label>" in french
    assert "<summary>Famille de licences</summary>" in french and "<summary>Développé dans</summary>" in french
    assert "Bien public numérique <span" in french and "Allemagne <span" in french
    assert "1 résultat</h2>" in french
    assert 'aria-label="Retirer le filtre Bien public numérique"' in french
    # Facet counts are cached once for every language; each page still labels them in its own.
    spanish = page(client, "/es/registry/?status=dpg")
    assert "Bien público digital <span" in spanish and "Alemania <span" in spanish
    assert "<summary>Familia de licencias</summary>" in spanish and "1 resultado</h2>" in spanish
    arabic = page(client, "/ar/registry/?status=dpg")
    assert "<summary>فئة الترخيص</summary>" in arabic and "ألمانيا <span" in arabic
    api = client.get("/api/v1/facets", {"status": "dpg"}).json()
    assert {row["label"] for row in api["facets"]["status"]} == {"Digital public good"}


def test_profile_in_each_language_names_its_other_versions(client, product):
    french = page(client, f"/fr/registry/{SLUG}/")
    assert "<title>Aam Digital · Registre des BPN</title>" in french
    assert "<dt>Catégorie</dt>" in french and "<dt>Statut</dt><dd>Bien public numérique" in french
    assert "<h2>1. Pertinence pour les objectifs de développement durable</h2>" in french
    assert "Développé dans : " in visible(french) and ">Allemagne</a>" in french
    assert "<h2>Citer ou intégrer</h2>" in french and "Cette fiche en JSON" in french
    assert ">Oui</dd>" in french and ">yes</dd>" not in french  # answer choices read in the language
    for code, prefix in (("en", ""), ("fr", "/fr"), ("es", "/es"), ("ar", "/ar"), ("x-default", "")):
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{prefix}/registry/{SLUG}/">' in french
    spanish = page(client, f"/es/registry/{SLUG}/")
    assert "<dt>Categoría</dt>" in spanish and ">Alemania</a>" in spanish and "Mantener esta ficha correcta" in spanish
    arabic = page(client, f"/ar/registry/{SLUG}/")
    assert "<h2>البلدان</h2>" in arabic and ">ألمانيا</a>" in arabic
    assert '<a href="/ar/applications/new/?renew=aam-digital">تقديم طلب أو تجديد لـ Aam Digital</a>' in arabic
    status = visible(re.search(r"<dt>الحالة</dt><dd>(.*?)</dd>", arabic).group(1))
    assert "، " in status and ", " not in status  # the parts of the line joined with the Arabic comma
    assert "Bien public numérique, " in visible(french)


def test_open_data_and_a_bad_filter_in_french(client, standard):
    assert "<h1>Données ouvertes</h1>" in page(client, "/fr/open-data/")
    assert "<h1>البيانات المفتوحة</h1>" in page(client, "/ar/open-data/")
    bad = page(client, "/fr/registry/?sdg=18", status=400)
    assert "<h1>Ce filtre n'est pas valide</h1>" in html.unescape(bad)
    assert "sdg: L'ODD 18 n'existe pas (les objectifs sont numérotés de 1 à 17)" in html.unescape(bad)


def test_feed_and_sitemap(client, product):
    assert "<title>Biens publics numériques récemment inscrits</title>" in page(client, "/fr/registry/feed.atom")
    sitemap = page(client, "/sitemap.xml")
    for prefix in ("", "/es", "/fr", "/ar"):
        assert f"<url><loc>http://testserver{prefix}/registry/{SLUG}/</loc>" in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="ar" href="http://testserver/ar/registry/{SLUG}/"/>' in sitemap
    assert sitemap.count("<url>") == 4 * 3  # home, registry and the product, in four languages


def check(client, language: str, **changes) -> str:
    return page(client, f"/{language}/eligibility/?" + urlencode({**HEALTH_APP, **changes}, doseq=True))


def test_eligibility_outcome_in_spanish_and_arabic(client, standard):
    spanish = visible(check(client, "es", derived_work="fork", pillars=["functional"]))
    assert "Comprobación de elegibilidad" in spanish and "Probablemente elegible" in spanish
    assert "Correcto: Pertinente para el ODS 3." in spanish
    assert "Una bifurcación de otro proyecto con una diferencia propia (innovación funcional)." in spanish
    assert "Iniciar una solicitud" in spanish
    arabic = visible(check(client, "ar", licence="CC-BY-NC-4.0", category="content"))
    assert "غير مؤهل بعد" in arabic and "مشكلة: CC-BY-NC-4.0 يمنع إعادة الاستخدام التجاري" in arabic
    assert "ما العمل: غيّر الترخيص إلى CC-BY-4.0، CC-BY-SA-4.0 أو CC0-1.0" in arabic


def test_an_invalid_eligibility_form_in_french_names_each_field(client, standard):
    french = check(client, "fr", licence="Apache-2.0 AND OR MIT", impact="", acknowledgement="")
    errors = visible(re.search(r'<section[^>]*role="alert".*?</section>', french, re.S).group(0))
    assert errors.startswith("Vérifiez ces réponses")
    assert "Licence : Ce n'est pas une expression SPDX valide" in errors
    assert "Impact : Choisissez direct ou indirect." in errors
    assert "Cochez la case pour confirmer que le produit est authentique." in errors
    assert '<label for="id_licence">Licence' in french and "Outil pour développeurs" in french
