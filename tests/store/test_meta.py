from datetime import date

from vawg.store import connect, extract_date, sql_string


def test_extract_date_is_none_before_a_load_then_the_stored_date() -> None:
    con = connect(":memory:")
    assert extract_date(con) is None
    con.execute("INSERT INTO meta VALUES ('extract_date', '2023-03-31')")
    assert extract_date(con) == date(2023, 3, 31)


def test_sql_string_doubles_quotes() -> None:
    con = connect(":memory:")
    text = "O'Brien's ''x''"
    assert con.execute(f"SELECT {sql_string(text)}").fetchall()[0][0] == text
