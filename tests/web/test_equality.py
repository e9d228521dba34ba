"""The equality page: relative rates by stage with the chart, table, findings and missing-data
caveat; hand-worked on the tiny store of tests/equality/_handmade.py; small counts withheld."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.equality._handmade import build_handmade
from tests.web.conftest import PASSWORD, sign_in
from vawg.accounts import AccountStore


@pytest.fixture(scope="module")
def handmade_client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from vawg.web import create_app

    db = build_handmade(tmp_path_factory.mktemp("web-equality") / "handmade.duckdb")
    with AccountStore.for_store(db) as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        accounts.add_user("board", roles={"board"}, password=PASSWORD, by=admin)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        yield sign_in(client, "board")


def _cells(html: str, stage: str, group: str) -> list[str]:
    """The cells of the table row of ``stage`` and ``group`` (group cell first)."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        if len(cells) > 2 and cells[0] == stage and cells[1].startswith(group):
            return cells[1:]
    raise AssertionError(f"no row {stage} / {group}")


def test_hand_worked_rates_on_the_page(handmade_client: TestClient) -> None:
    page = handmade_client.get("/equality")  # DA suspects by sex, the 12 months to the last crime
    assert page.status_code == 200
    html = page.text
    # 51 people (the 2021 suspect is before the window, the non-DA suspect not in the population).
    assert "51 people" in html
    # Women: 8 of 21 arrested (6 White, 2 Black); men 15 of 30 (man 0 arrested twice: one person).
    # RR = (8/21) / (15/30) = 0.762; Katz: sqrt(1/8 - 1/21 + 1/15 - 1/30) = 0.3329,
    # 0.762 × exp(±1.96 × 0.3329) = 0.40–1.46.
    female = _cells(html, "arrested", "Female")
    assert female[1:6] == ["8", "21", "38.1%", "0.76", "0.40–1.46"]
    assert _cells(html, "arrested", "Male")[0] == "Male (reference)"
    assert 'role="img"' in html and "<svg" in html and "Relative rate against Male" in html
    assert "style=" not in html and "<script>" not in html  # the CSP stays strict (D-web-5)
    assert "Female DA suspects were arrested at 0.76 times the rate of male suspects" in html
    assert "no clear difference" in html
    # The first stage per head: the shipped synthetic residents, said so beside the table.
    assert 'id="per-head-table"' in html and "1,479,001" in html  # the shipped file's women
    assert "SYNTHETIC" in html and "not ONS figures" in html


def test_withheld_intersection_and_missing_data(handmade_client: TestClient) -> None:
    html = handmade_client.get("/equality", params={"by": "sex,ethnicity"}).text
    # Black women: 5 people, 2 arrested: under the threshold, withheld with their rates.
    cells = _cells(html, "arrested", "Female · Black")
    assert cells[1] == "withheld" and cells[3:5] == ["", ""]
    # The not-stated caveat: 10 of the 51 suspects' ethnicity was not stated.
    assert "Ethnicity was not stated for 10 of the 51 DA suspects (20%)." in html
    assert "Male · Not stated" in html


def test_every_published_count_is_zero_or_at_least_the_threshold(client_for) -> None:  # type: ignore[no-untyped-def]
    from vawg.config import get_settings

    threshold = get_settings().suppression_threshold
    client = client_for("board")
    for by in ("sex,ethnicity", "sex,age"):
        html = client.get("/equality", params={"population": "da-victims", "by": by}).text
        rows = re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S)[0]
        counts = re.findall(r'<td class="n">([\d,]+|withheld)</td><td class="n">([\d,]+|withheld)</td>', rows)
        assert counts
        values = [c for pair in counts for c in pair]
        assert "withheld" in values, by  # the small force has small intersections
        for value in values:
            assert (
                value == "withheld"
                or int(value.replace(",", "")) == 0
                or int(value.replace(",", "")) >= threshold
            ), (by, value)


def test_page_is_in_the_nav_and_bad_choices_are_400(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("strand_lead")
    assert '<a href="/equality"' in client.get("/").text
    for name, value in (
        ("population", "everyone"),
        ("by", "sex,sex"),
        ("by", "<b>"),
        ("population", "x" * 3000),
    ):
        assert client.get("/equality", params={name: value}).status_code == 400, (name, value)
    assert client.get("/equality", params={"population": "stalking-suspects", "by": "age"}).status_code == 200


def test_a_store_without_the_reference_group_says_so(tmp_path: Path) -> None:
    from tests.risk.storebuilder import StoreBuilder
    from vawg.web import create_app

    b = StoreBuilder.open(tmp_path / "women.duckdb")
    from datetime import date

    for _ in range(3):
        b.crime(date(2022, 6, 1), offence="105A", da=True, suspects=(b.person(sex="F"),))
    b.con.close()
    with AccountStore.for_store(tmp_path / "women.duckdb") as accounts:
        admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
        accounts.add_user("board", roles={"board"}, password=PASSWORD, by=admin)
    with TestClient(create_app(tmp_path / "women.duckdb"), base_url="http://127.0.0.1") as client:
        page = sign_in(client, "board").get("/equality")
    assert page.status_code == 200 and 'id="equality-problem"' in page.text and "Male" in page.text
