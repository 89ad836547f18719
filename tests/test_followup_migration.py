"""Migration 0005 brings an existing database (at 0002, with a case in it) to the follow-up tables."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect


def test_an_existing_database_is_upgraded_and_keeps_its_cases(tmp_path):
    import yichuang.storage.db as db
    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO cases (id, matters_json, facts_json, token_hash, state, created_by, "
                             "created_at, updated_at) VALUES ('c1', '[\"dog_registration\"]', '{}', 'x', 'done', "
                             "'clerk', '2026-11-23 08:00:00', '2026-11-23 08:00:00')")
    assert not inspect(old).has_table("material_archive")
    old.dispose()

    from yichuang.storage.archive import FollowupStore
    from yichuang.storage.cases import CaseStore

    store = FollowupStore(url)  # make_engine migrates to the head
    names = set(inspect(store.engine).get_table_names())
    assert {"material_archive", "tolerance_promises", "supplements"} <= names
    assert CaseStore(url).get("c1").matters == ["dog_registration"]
    assert store.open_promises() == [] and store.history("c1").promises == {}
