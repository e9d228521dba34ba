"""The docs describe everything there is: every contract column, rule, store table and column."""

from __future__ import annotations

import re
from pathlib import Path

from vawg.contract import RULES, TABLES
from vawg.store import connect

DOCS = Path(__file__).parents[2] / "docs"


def _sections(text: str) -> dict[str, str]:
    """Level-3 sections of a Markdown page by title."""
    parts = re.split(r"^### ", text, flags=re.M)
    return {part.split("\n", 1)[0].strip(): part for part in parts[1:]}


def test_every_contract_column_is_in_the_contract_doc() -> None:
    sections = _sections((DOCS / "data-contract.md").read_text())
    for spec in TABLES:
        section = sections[spec.name]
        for column in spec.columns:
            assert f"| `{column.name}` |" in section, (
                f"{spec.name}.{column.name} missing from docs/data-contract.md"
            )
        header, example = section.split("```csv\n", 1)[1].split("\n")[:2]
        assert header.split(",") == list(spec.column_names)  # the example row has every column
        assert len(example.split(",")) == len(spec.columns)


def test_every_rule_is_documented() -> None:
    for page in ("data-contract.md", "ingest.md"):
        text = (DOCS / page).read_text()
        for rule in RULES:
            assert f"`{rule}`" in text, f"rule {rule} missing from docs/{page}"


def test_every_store_table_and_column_is_in_the_store_doc() -> None:
    text = (DOCS / "store.md").read_text()
    sections = _sections(text)
    con = connect(":memory:")
    for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        assert f"`{name}`" in text, f"table {name} missing from docs/store.md"
        body = sections.get(name, text)
        for column, *_ in con.execute(f"DESCRIBE {name}").fetchall():
            assert f"`{column}`" in body, f"{name}.{column} missing from docs/store.md"
    for (type_name,) in con.execute(
        "SELECT DISTINCT type_name FROM duckdb_types() WHERE type_name LIKE '%\\_t' ESCAPE '\\'"
    ).fetchall():
        assert f"`{type_name}`" in text
