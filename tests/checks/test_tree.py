"""Hostile and strange trees: the walk stays inside the tree, within its limits, and says what it skipped."""

import os
import threading
import zipfile

from dpg_registry.checks.tree import Limits, Tree


def test_symbolic_links_are_never_followed(tmp_path):
    (tmp_path / "README.md").write_text("hello")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "outside").symlink_to("/etc")
    (tmp_path / "passwd").symlink_to("/etc/passwd")
    tree = Tree.walk(tmp_path)
    assert [entry.path for entry in tree.files] == ["README.md"]
    assert "3 symbolic link(s) were not followed" in tree.notes


def test_names_and_contents_that_are_not_utf8_are_read_with_replacements(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(b"Licensed under the caf\xe9 licence")
    tree = Tree.walk(tmp_path)
    entry = tree.files[0]
    assert entry.path == "caf\\xe9.txt"
    assert tree.read_text(entry) == "Licensed under the caf\ufffd licence"


def test_binary_files_are_recognised_and_not_returned_as_text(tmp_path):
    (tmp_path / "LICENSE").write_bytes(b"\x7fELF\x00\x00binary")
    tree = Tree.walk(tmp_path)
    assert tree.read_text(tree.files[0]) is None


def test_a_huge_file_is_read_only_up_to_the_limit_and_the_report_says_so(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"a" * 3_000_000)
    tree = Tree.walk(tmp_path, Limits(max_read_bytes=1_000_000))
    assert len(tree.read_text(tree.files[0])) == 1_000_000
    assert any("read only in part" in note and "big.txt" in note for note in tree.notes)


def test_the_total_reading_budget_is_a_limit_too(tmp_path):
    for number in range(5):
        (tmp_path / f"{number}.txt").write_text("x" * 1000)
    tree = Tree.walk(tmp_path, Limits(max_total_read_bytes=2500))
    texts = [tree.read_text(entry) for entry in tree.files]
    assert texts.count(None) == 2
    assert any("stopped reading after 2,500 bytes" in note for note in tree.notes)


def test_deep_nesting_stops_at_the_depth_limit(tmp_path):
    folder = tmp_path
    for level in range(30):
        folder = folder / f"d{level}"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text("deep")
    (tmp_path / "top.txt").write_text("top")
    tree = Tree.walk(tmp_path, Limits(max_depth=10))
    assert [entry.path for entry in tree.files] == ["top.txt"]
    assert any("nested deeper than 10 levels" in note for note in tree.notes)


def test_too_many_files_stop_the_listing_with_a_note(tmp_path):
    for number in range(1500):
        (tmp_path / f"f{number:04}").write_text("")
    tree = Tree.walk(tmp_path, Limits(max_files=1000))
    assert len(tree.files) == 1000
    assert any("stopped listing after 1,000 files" in note for note in tree.notes)


def test_archives_are_files_never_unpacked(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * 20_000_000)
    tree = Tree.walk(tmp_path)
    assert [entry.path for entry in tree.files] == ["bomb.zip"]
    assert tree.read_text(tree.files[0]) is None or tree.bytes_read < 1_000_000


def test_the_git_folder_is_not_part_of_the_tree(tmp_path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "main.py").write_text("print(1)")
    assert [entry.path for entry in Tree.walk(tmp_path).files] == ["main.py"]


def test_environments_caches_and_plainly_ignored_folders_are_not_the_repository(tmp_path):
    for folder in (".venv/lib", "venv/lib", "node_modules/x", "var", "pkg.egg-info", "src/__pycache__", "keep"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file.txt").write_text("x")
    (tmp_path / ".gitignore").write_text("var/\n*.log\n!keep/\n")
    paths = [entry.path for entry in Tree.walk(tmp_path).files]
    assert paths == [".gitignore", "keep/file.txt", "node_modules/x/file.txt"]


def in_a_thread(function, seconds: float = 20):
    """``function()``'s result, or a failed test if it has not returned within ``seconds`` (a hang)."""
    result = []
    worker = threading.Thread(target=lambda: result.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"still running after {seconds} s"
    return result[0]


def test_a_gitignore_that_is_a_fifo_or_a_link_is_not_read(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "README.md").write_text("# Build notes\n")
    os.mkfifo(tmp_path / ".gitignore")
    tree = in_a_thread(lambda: Tree.walk(tmp_path))
    assert "build/README.md" in [entry.path for entry in tree.files]
    (tmp_path / ".gitignore").unlink()
    (tmp_path / "elsewhere").write_text("build/\n")
    (tmp_path / ".gitignore").symlink_to(tmp_path / "elsewhere")
    assert "build/README.md" in [entry.path for entry in Tree.walk(tmp_path).files]
    (tmp_path / ".gitignore").unlink()
    (tmp_path / ".gitignore").write_text("build/\n")
    assert "build/README.md" not in [entry.path for entry in Tree.walk(tmp_path).files]


def test_a_file_replaced_by_a_fifo_or_a_link_after_the_walk_is_not_read(tmp_path):
    (tmp_path / "README.md").write_text("# Tool\n")
    (tmp_path / "LICENSE").write_text("MIT\n")
    tree = Tree.walk(tmp_path)
    readme, licence = sorted(tree.files, key=lambda entry: entry.path, reverse=True)
    (tmp_path / "README.md").unlink()
    os.mkfifo(tmp_path / "README.md")
    (tmp_path / "LICENSE").unlink()
    (tmp_path / "LICENSE").symlink_to("/etc/passwd")
    assert in_a_thread(lambda: tree.read_text(readme)) is None
    assert tree.read_text(licence) is None


def test_files_are_found_by_name_and_by_prefix_in_walk_order(tmp_path):
    names = ["CHANGELOG.md", "changelog", "CHANGES.rst", "changes", "Changelog.txt", "changelogs", "news.md",
             "NEWS", "newsletter.md", "readme", "README.md", "readme.md.bak", "docs/CHANGELOG.md", "a/b/news.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    tree = Tree.walk(tmp_path)

    def plainly(*wanted, max_depth=None):
        wanted = {name.lower() for name in wanted}
        prefixes = tuple(name for name in wanted if name.endswith("."))
        found = [entry for entry in tree.files if (entry.lower_name in wanted or entry.lower_name.startswith(prefixes)
                                                   if prefixes else entry.lower_name in wanted)
                 and (max_depth is None or entry.depth <= max_depth)]
        return sorted(found, key=lambda entry: (entry.depth, entry.path))

    for asked, depth in [(("changelog", "changelog.", "changes", "changes."), None), (("news", "news."), 0),
                         (("news.",), None), (("readme", "readme.md", "readme."), 1), (("nothing.",), None)]:
        assert tree.named(*asked, max_depth=depth) == plainly(*asked, max_depth=depth), asked
    assert [entry.path for entry in tree.named("news.")] == ["news.md", "a/b/news.txt"]


def test_sizes_are_asked_of_the_file_system_only_when_needed_and_entries_are_read_only(tmp_path, monkeypatch):
    import pytest

    from dpg_registry.checks.tree import FileEntry

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "big.py").write_bytes(b"x" * 5000)
    (tmp_path / "README.md").write_text("# Read me\n")
    asked = []
    real_lstat = os.lstat
    monkeypatch.setattr(os, "lstat", lambda path, *a, **k: asked.append(path) or real_lstat(path, *a, **k))
    tree = Tree.walk(tmp_path)
    assert asked == []  # the listing says which entries are files; no file was asked its size
    big = next(entry for entry in tree.files if entry.name == "big.py")
    assert tree.read_text(big, 100) == "x" * 100 and asked == []  # a head is read without it
    assert big.size == 5000 and len(asked) == 1
    assert big.size == 5000 and len(asked) == 1  # asked once
    assert big == FileEntry("src/big.py", 5000, 1) != FileEntry("src/big.py", 4999, 1)
    assert len({big, FileEntry("src/big.py", 5000, 1)}) == 1
    assert repr(big) == "FileEntry(path='src/big.py', size=5000, depth=1)"
    (tmp_path / "src" / "big.py").unlink()
    gone = Tree.walk(tmp_path)
    with pytest.raises(AttributeError):
        big.path = "elsewhere"
    assert [entry.path for entry in gone.files] == ["README.md"]
