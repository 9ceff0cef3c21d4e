"""The ecosystem's pages in French, Spanish and Arabic: headings, labels, choices, pillars, countries and dates
in the page's language, and a refused form's errors in French on the field they concern."""

import html

import pytest
from django.test import Client

from tests.factories import sign_in

# For each language: (path, texts the page must show), the community's content staying as entered.
PAGES = {
    "fr": [
        ("/fr/communities/", ["<h1>Communautés de pratique</h1>", "Domaine prioritaire", "Terminé",
                              "Immunization delivery management"]),
        ("/fr/communities/health/", ["<h2>Domaines d'action</h2>", "<h2>Qui participe</h2>",
                                     "<h2>Évaluations de maturité</h2>", "Gouvernance", "Composabilité", "Moyen",
                                     "Élevé", "Health CoP review panel, 1 mars 2025", "Ministry of Health"]),
        ("/fr/communities/health/collections/immunization/", [
            "<h2>Maturité côte à côte</h2>", "1 pratique", "Des processus informels guident la communauté",
            "Open Clinic tracks doses."]),
        ("/fr/pathfinders/", ["<h1>Pays pionniers et projets pilotes</h1>", "En cours", "depuis le 15 janvier 2024",
                              "<title id=\"map-title\">Pays pionniers</title>"]),
        ("/fr/pathfinders/clinic-kenya/", ["<dt>Partenaires</dt>", "<h2>Objectifs</h2>", "Kenya"]),
        ("/fr/members/", ["<h2>Conseil de gouvernance</h2>", "Gouvernement ou organisme public",
                          "Mettre en œuvre des BPN"]),
        ("/fr/fifty-in-five/", ["<h1>La campagne 50-in-5</h1>", "Identité numérique", "Conception",
                                "8 novembre 2023", "1 pays a rejoint la campagne."]),
        ("/fr/calls/", ["<h1>Appels à l'action collective</h1>", "Partie prenante", "Ouvert"]),
        ("/fr/countries/DE/", ["<h1>Allemagne</h1>", "Biens publics numériques déployés ici", "Aucun enregistré."]),
    ],
    "es": [
        ("/es/communities/health/", ["<h2>Áreas de enfoque</h2>", "Gobernanza", "Alto",
                                     "Health CoP review panel, 1 de marzo de 2025"]),
        ("/es/pathfinders/", ["<h1>Países pioneros y pilotos</h1>", "En marcha"]),
        ("/es/members/", ["<h2>Junta de gobierno</h2>", "Implantar BPD"]),
        ("/es/fifty-in-five/", ["Identidad digital", "Diseño", "1 país se ha sumado."]),
        ("/es/countries/KE/", ["<h1>Kenia</h1>", "Pilotos de países pioneros", "Compromisos de 50-in-5"]),
    ],
    "ar": [
        ("/ar/communities/", ["<h1>مجتمعات الممارسة</h1>", "المجال ذو الأولوية", "مكتمل"]),
        ("/ar/communities/health/", ["<h2>مجالات التركيز</h2>", "الحوكمة", "متوسط", "مرتفع"]),
        ("/ar/communities/health/collections/immunization/", ["<h2>مقارنة النضج جنبًا إلى جنب</h2>",
                                                              "ممارسة واحدة"]),
        ("/ar/pathfinders/clinic-kenya/", ["<dt>الشركاء</dt>", "كينيا", "جارٍ"]),
        ("/ar/fifty-in-five/", ["<h1>حملة 50-in-5</h1>", "الهوية الرقمية", "انضم بلد واحد."]),
        ("/ar/calls/", ["<h1>دعوات إلى العمل المشترك</h1>", "الجهة المعنية", "مفتوح"]),
    ],
}


@pytest.mark.parametrize("language", PAGES)
def test_the_ecosystem_pages_read_in_each_language(client, eco, language):
    for path, texts in PAGES[language]:
        response = client.get(path)
        assert response.status_code == 200, path
        page = html.unescape(response.content.decode())
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
        missing = [text for text in texts if text not in page]
        assert not missing, f"{path} lacks {missing}"
        for english in ("Communities of Practice", "Pathfinder pilots", "Members and roadmap", "Calls for action"):
            assert f">{english}<" not in page, f"{path} still shows {english!r}"


def test_a_refused_form_names_its_field_in_french(eco):
    admin = Client()
    sign_in(admin, eco["people"]["admin"])
    form = admin.get("/fr/ecosystem/edit/pilot/").content.decode()
    assert "<h1>Ajouter un projet pilote</h1>" in form and "Organisations partenaires (une par ligne)" in form
    response = admin.post("/fr/ecosystem/edit/pilot/", {
        "slug": "late-pilot", "title": "Late pilot", "country": "KE", "goals": "Try.", "status": "running",
        "started_on": "2024-05-01", "ended_on": "2024-01-01", "products": "no-such-product"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Veuillez corriger les champs signalés ci-dessous." in page
    assert "aucun produit 'no-such-product' dans le registre" in page  # on the products field
    response = admin.post("/fr/ecosystem/edit/pilot/", {
        "slug": "late-pilot", "title": "Late pilot", "country": "KE", "goals": "Try.", "status": "running",
        "started_on": "2024-05-01", "ended_on": "2024-01-01"})
    page = html.unescape(response.content.decode())
    ended_on = page[page.index('for="id_ended_on"'):page.index('for="id_learnings"')]
    assert "Terminé le" in ended_on and "le projet pilote ne peut pas se terminer avant d'avoir commencé" in ended_on
    refused = html.unescape(admin.post("/fr/ecosystem/edit/call/", {"title": "A call"}).content.decode())
    area = refused[refused.index('for="id_area"'):refused.index('for="id_description"')]
    assert "Domaine" in area and "Ce champ est obligatoire." in area
    saved = admin.post("/fr/ecosystem/edit/pilot/", {
        "slug": "late-pilot", "title": "Late pilot", "country": "KE", "goals": "Try.", "status": "running"},
        follow=True)
    assert "Enregistrement effectué : Projet pilote." in html.unescape(saved.content.decode())
