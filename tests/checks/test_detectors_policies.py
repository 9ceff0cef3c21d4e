"""Indicators 7, 9a, 9b and 9c: policy documents and what the documentation says, always left to a person."""


from dpg_registry.checks.detectors import policies
from dpg_registry.checks.model import Confidence, Status
from tests.checks.trees import answer, tree_of

COVENANT = """# Contributor Covenant Code of Conduct

## Enforcement

Instances of abusive, harassing, or otherwise unacceptable behavior may be reported to the community
leaders responsible for enforcement at conduct@example.org.
"""


def test_nothing_found_leaves_every_indicator_to_a_person(tmp_path):
    outcome = policies.detect(tree_of(tmp_path, {"README.md": "# Tool\n", "main.py": "print(1)\n"}), "software")
    assert {f.indicator for f in outcome.findings} == {"7", "9a", "9b", "9c"}
    assert all(f.status == Status.NEEDS_PERSON and f.confidence == Confidence.LOW for f in outcome.findings)
    assert all(f.value is None for f in outcome.findings)


def test_privacy_policy_and_laws(tmp_path):
    tree = tree_of(tmp_path, {
        "PRIVACY.md": "# Privacy policy\n",
        "docs/legal/terms-of-use.md": "# Terms\n",
        "README.md": "# Tool\n\nWe process data under the GDPR and Kenya's Data Protection Act.\n",
    })
    outcome = policies.detect(tree, "software")
    compliance = answer(outcome, "privacy_compliant")
    assert compliance.status == Status.NEEDS_PERSON and compliance.confidence == Confidence.MEDIUM
    assert compliance.value is None  # a document is not proof of compliance
    assert {"PRIVACY.md", "docs/legal/terms-of-use.md"} <= {e.path for e in compliance.evidence}
    laws = answer(outcome, "applicable_laws")
    assert laws.value == ["GDPR", "Data Protection Act"]
    assert laws.confidence == Confidence.LOW and laws.evidence[0].line == 3


def test_personal_data_and_security(tmp_path):
    tree = tree_of(tmp_path, {
        ".github/SECURITY.md": "Report vulnerabilities privately.\n",
        "docs/data.md": "# Data\n\nThe app stores personal data (names, phone numbers).\n\n"
                        "All of it is encrypted at rest.\n",
    })
    outcome = policies.detect(tree, "software")
    collects = answer(outcome, "collects_pii")
    assert collects.indicator == "9a" and collects.evidence[0].line == 3
    protected = answer(outcome, "pii_protected")
    assert protected.confidence == Confidence.MEDIUM
    assert {(e.path, e.line) for e in protected.evidence} == {(".github/SECURITY.md", None), ("docs/data.md", 5)}


def test_code_of_conduct_for_harassment(tmp_path):
    outcome = policies.detect(tree_of(tmp_path, {"CODE_OF_CONDUCT.md": COVENANT}), "software")
    harassment = answer(outcome, "harassment_protection")
    assert harassment.indicator == "9c" and harassment.confidence == Confidence.MEDIUM
    assert "Contributor Covenant" in harassment.explanation and "how to report" in harassment.explanation
    assert all("conduct@example.org" not in e.excerpt for e in harassment.evidence)
    # A code of conduct talks about abuse, but it is not a content policy.
    assert answer(outcome, "content_policy").confidence == Confidence.LOW


def test_moderation_and_safeguarding(tmp_path):
    tree = tree_of(tmp_path, {
        "docs/community-guidelines.md": "# Community guidelines\n",
        "app/moderation.py": "def hide(post): ...\n",
        "app/users/block_user.py": "def block(user): ...\n",
        "policies/Child-Protection-Policy.pdf": b"%PDF-1.7\x00",
        "README.md": "# Forum\n\nModerators review reported posts within a day.\n",
    })
    outcome = policies.detect(tree, "content")
    content = answer(outcome, "content_policy")
    assert content.indicator == "9b" and content.confidence == Confidence.MEDIUM
    assert {"docs/community-guidelines.md", "app/moderation.py", "README.md"} <= {e.path for e in content.evidence}
    assert "app/users/block_user.py" in {e.path for e in answer(outcome, "harassment_protection").evidence}
    underage = answer(outcome, "underage_safety")
    assert underage.evidence[0].path == "policies/Child-Protection-Policy.pdf"


def test_policy_names_in_source_files_do_not_count(tmp_path):
    outcome = policies.detect(tree_of(tmp_path, {"src/privacy.py": "x = 1\n", "src/security.js": ""}), "software")
    assert answer(outcome, "privacy_compliant").confidence == Confidence.LOW
    assert answer(outcome, "pii_protected") is None


def test_binary_and_non_utf8_documents(tmp_path):
    tree = tree_of(tmp_path, {"README.md": b"\x00\x00GDPR", "docs/notes.txt": "GDPR \xe9t\xe9\n".encode("latin-1")})
    outcome = policies.detect(tree, "data")
    assert answer(outcome, "applicable_laws").value == ["GDPR"]


def test_a_privacy_policy_page_of_a_web_application(tmp_path):
    tree = tree_of(tmp_path, {
        "app/views/pages/privacy.html.erb": "<h1><%= t('privacy.title') %></h1>\n<p>We keep your data.</p>\n",
        "src/main/webapp/WEB-INF/jsp/contributions/privacy-policy.jsp": "<content:title>Privacy</content:title>\n",
    })
    compliance = answer(policies.detect(tree, "software"), "privacy_compliant")
    assert "has a privacy policy" in compliance.explanation
    assert {e.path for e in compliance.evidence} == {
        "app/views/pages/privacy.html.erb", "src/main/webapp/WEB-INF/jsp/contributions/privacy-policy.jsp",
    }


def test_a_privacy_policy_in_another_language(tmp_path):
    tree = tree_of(tmp_path, {"docs/privacy-policy.fr.md": "# Politique de confidentialité\n"})
    assert "has a privacy policy" in answer(policies.detect(tree, "software"), "privacy_compliant").explanation


def test_files_named_for_a_privacy_feature_or_guide_are_not_policies(tmp_path):
    tree = tree_of(tmp_path, {
        "admin/templates/display_privacy_policies.html": "<h2>Privacy policies</h2>\n",
        "docs/use/Privacy-Security.md": "# Privacy and security\n",
        # a cookie banner that links the school's own policy: a fragment, not a page
        "templates/privacy.twig.html": '<div class="banner">{{ text }} <a href="/policy">Privacy Policy</a></div>\n',
    })
    compliance = answer(policies.detect(tree, "software"), "privacy_compliant")
    assert "has a privacy policy" not in compliance.explanation
    assert compliance.confidence == Confidence.LOW
