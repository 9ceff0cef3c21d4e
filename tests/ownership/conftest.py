import pytest


@pytest.fixture
def local_claim_repositories(monkeypatch):
    """Let the claim task read local git folders (the worker otherwise clones only https on public hosts)."""
    from dpg_registry.ownership import tasks

    public_only = tasks.checked_out
    monkeypatch.setattr(tasks, "checked_out", lambda target, **options: public_only(target, public_only=False))
