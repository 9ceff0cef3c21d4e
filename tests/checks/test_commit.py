"""The commit is read from the tree's own .git within fixed bounds: hostile metadata never leaks, hangs or floods."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from dpg_registry.checks.run import run_check

SHA1 = "0123456789abcdef0123456789abcdef01234567"
SHA256 = "ab" * 32
OUTSIDE = "fedcba9876543210fedcba9876543210fedcba98"  # a commit id that belongs to no one in the tree


def dpg_check_json(folder: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """`dpg check FOLDER --format json` as a subprocess; a hang fails the test instead of blocking it."""
    done = subprocess.run([sys.executable, "-m", "dpg_registry.cli", "check", str(folder), "--format", "json"],
                          capture_output=True, text=True, timeout=90)
    return done, json.loads(done.stdout)


def checkout(root: Path, head: str | None = None) -> Path:
    project = root / "project"
    (project / ".git" / "refs" / "heads").mkdir(parents=True)
    (project / "README.md").write_text("# Tool\n\nDoes things.\n")
    if head is not None:
        (project / ".git" / "HEAD").write_text(head)
    return project


def unknown_note(report) -> str:
    notes = report["limits"] if isinstance(report, dict) else report.limits
    found = [note for note in notes if note.startswith("the commit is unknown")]
    assert len(found) == 1, notes
    return found[0]


def test_a_branch_is_read_from_its_loose_ref(tmp_path):
    project = checkout(tmp_path, "ref: refs/heads/main\n")
    (project / ".git" / "refs" / "heads" / "main").write_text(SHA1 + "\n")
    report = run_check(str(project))
    assert report.commit == SHA1
    assert not any("commit" in note for note in report.limits)


def test_a_branch_is_read_from_packed_refs_and_a_detached_head_may_be_sha256(tmp_path):
    project = checkout(tmp_path, "ref: refs/heads/main\n")
    (project / ".git" / "packed-refs").write_text(
        f"# pack-refs with: peeled fully-peeled sorted\n{OUTSIDE} refs/heads/other\n{SHA1} refs/heads/main\n")
    assert run_check(str(project)).commit == SHA1
    (project / ".git" / "HEAD").write_text(SHA256 + "\n")
    assert run_check(str(project)).commit == SHA256


def test_a_ref_that_climbs_out_of_the_tree_is_not_read(tmp_path):
    (tmp_path / "secret").write_text(OUTSIDE + "\n")
    project = checkout(tmp_path, "ref: ../../secret\n")
    report = run_check(str(project))
    assert report.commit is None
    assert "not a path inside .git/refs" in unknown_note(report)
    for head in ("ref: refs/../../../secret\n", "ref: /etc/passwd\n", f"ref: refs/heads/{'/..' * 3}/secret\n"):
        (project / ".git" / "HEAD").write_text(head)
        assert run_check(str(project)).commit is None


def test_a_head_that_links_to_a_file_outside_is_not_followed(tmp_path):
    project = checkout(tmp_path)
    (project / ".git" / "HEAD").symlink_to("/etc/passwd")
    done, report = dpg_check_json(project)
    assert done.returncode in (0, 1), done.stderr
    assert report["commit"] is None
    assert "root:" not in done.stdout
    assert ".git/HEAD is a symbolic link, which is not followed" in unknown_note(report)


def test_a_head_that_is_a_fifo_does_not_hang_the_check(tmp_path):
    project = checkout(tmp_path)
    os.mkfifo(project / ".git" / "HEAD")
    done, report = dpg_check_json(project)
    assert done.returncode in (0, 1), done.stderr
    assert report["commit"] is None
    assert ".git/HEAD is not a regular file" in unknown_note(report)


def test_a_huge_sparse_head_is_not_read(tmp_path):
    project = checkout(tmp_path, SHA1 + "\n")
    os.truncate(project / ".git" / "HEAD", 512 * 1024 * 1024)
    started = time.perf_counter()
    report = run_check(str(project))
    assert time.perf_counter() - started < 10
    assert report.commit is None
    assert ".git/HEAD is larger than 4,096 bytes" in unknown_note(report)


def test_a_ref_or_refs_folder_that_is_a_link_is_not_followed(tmp_path):
    (tmp_path / "elsewhere" / "heads").mkdir(parents=True)
    (tmp_path / "elsewhere" / "heads" / "main").write_text(OUTSIDE + "\n")
    project = checkout(tmp_path, "ref: refs/heads/main\n")
    (project / ".git" / "refs" / "heads" / "main").symlink_to(tmp_path / "elsewhere" / "heads" / "main")
    report = run_check(str(project))
    assert report.commit is None
    assert ".git/refs/heads/main is a symbolic link" in unknown_note(report)
    (project / ".git" / "refs" / "heads" / "main").unlink()
    (project / ".git" / "refs" / "heads").rmdir()
    (project / ".git" / "refs").rmdir()
    (project / ".git" / "refs").symlink_to(tmp_path / "elsewhere")
    report = run_check(str(project))
    assert report.commit is None
    assert ".git/refs is a symbolic link" in unknown_note(report)


def test_packed_refs_are_read_with_the_same_bounds(tmp_path):
    project = checkout(tmp_path, "ref: refs/heads/main\n")
    packed = project / ".git" / "packed-refs"
    packed.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").write_text(f"{OUTSIDE} refs/heads/main\n")
    report = run_check(str(project))
    assert report.commit is None
    assert ".git/packed-refs is a symbolic link" in unknown_note(report)
    packed.unlink()
    packed.write_text(f"{SHA1} refs/heads/main\n")
    os.truncate(packed, 64 * 1024 * 1024)
    report = run_check(str(project))
    assert report.commit is None
    assert ".git/packed-refs is larger than 4,096 bytes" in unknown_note(report)


def test_what_is_not_a_commit_id_is_not_reported_as_one(tmp_path):
    project = checkout(tmp_path, "root:x:0:0:root:/root:/bin/bash\n")
    report = run_check(str(project))
    assert report.commit is None
    assert "does not hold a commit id of 40 or 64 hexadecimal digits" in unknown_note(report)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / ".git" / "refs" / "heads" / "main").write_text(SHA1[:12] + "\n")
    assert run_check(str(project)).commit is None


def test_a_git_file_pointing_elsewhere_leaves_the_commit_unknown(tmp_path):
    (tmp_path / "real.git").mkdir()
    (tmp_path / "real.git" / "HEAD").write_text(OUTSIDE + "\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").write_text(f"gitdir: {tmp_path / 'real.git'}\n")
    report = run_check(str(project))
    assert report.commit is None
    assert "only the tree's own .git folder is read" in unknown_note(report)


def test_a_folder_without_git_has_no_commit_and_no_note(tmp_path):
    (tmp_path / "README.md").write_text("# Tool\n")
    report = run_check(str(tmp_path))
    assert report.commit is None
    assert not any("commit" in note for note in report.limits)
