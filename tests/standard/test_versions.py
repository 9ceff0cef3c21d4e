"""A new version of the Standard leaves what was assessed against an earlier one as it was."""

import shutil

from dpg_registry.applications.services.applicant import create_application
from dpg_registry.standard.selectors import current_version
from dpg_registry.standard.services import DATA_DIR, load_standard
from tests.factories import make_user


def test_an_application_keeps_the_version_it_was_started_under(db, tmp_path):
    earlier_only = tmp_path / "data"
    shutil.copytree(DATA_DIR, earlier_only)
    (earlier_only / "standard-1.1.7.json").unlink()
    load_standard(data_dir=earlier_only)
    assert current_version().version == "1.1.6"
    application = create_application(user=make_user("maker@example.org"), name="Clinic Kit",
                                     category_key="software", organisation_name="Health Org")
    assert application.standard_version.version == "1.1.6"

    load_standard()  # what `dpg migrate` does once the 1.1.7 file ships

    assert current_version().version == "1.1.7"
    application.refresh_from_db()
    assert application.standard_version.version == "1.1.6"
    fresh = create_application(user=make_user("other@example.org"), name="Data Kit", category_key="data",
                               organisation_name="Data Org")
    assert fresh.standard_version.version == "1.1.7"
