"""Settings are read strictly from the environment."""

from tests.conftest import run_dpg


def test_debug_must_be_true_or_false():
    result = run_dpg("manage", "check", DEBUG="yes")
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false', not 'yes'" in result.stderr
    assert run_dpg("manage", "check", DEBUG="false").returncode == 0


def test_secret_key_can_come_from_a_file(tmp_path):
    missing = tmp_path / "absent"
    result = run_dpg("manage", "check", SECRET_KEY_FILE=str(missing))
    assert result.returncode != 0
    assert f"SECRET_KEY_FILE: cannot read {missing}" in result.stderr
    key = tmp_path / "key"
    key.write_text("k" * 60)
    assert run_dpg("manage", "check", SECRET_KEY_FILE=str(key)).returncode == 0
