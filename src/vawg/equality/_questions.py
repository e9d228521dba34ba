"""The board paper's questions answered directly.

Para 42: "whether there is any disproportionality of the outcome between male and female suspects
of domestic abuse offences" — female against male DA suspects at arrest, bail, charge, caution and
NFA, overall and within each ethnic group (para 56: "through the lens of intersectional location").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from vawg.equality._disproportionality import DEFAULT_REFERENCE, Disproportionality, person_frame, rate_table
from vawg.equality._findings import PARA_42_STAGES, missing_caveat, rate_sentence
from vawg.equality._groups import DIMENSIONS, NOT_STATED
from vawg.equality._populations import population


@dataclass
class Para42Answer:
    overall: Disproportionality  # by sex
    by_ethnicity: dict[str, Disproportionality]  # female vs male within each ethnic group
    overall_sentences: list[str]
    by_ethnicity_sentences: list[str]
    caveat: list[str]

    @property
    def sentences(self) -> list[str]:
        return self.overall_sentences + self.by_ethnicity_sentences


def answer_para_42(con: duckdb.DuckDBPyConnection, *, start: date, end: date) -> Para42Answer:
    """Female vs male DA suspects, overall and within each ethnic group, with the ethnicity caveat."""
    pop = population("da-suspects")
    people = person_frame(con, pop, start, end)
    refs = dict(DEFAULT_REFERENCE)
    overall = rate_table(people, pop, ("Sex",), refs, start, end)
    overall_sentences = _female_sentences(overall, None)
    sentences: list[str] = []
    by_eth = {}
    for eth in DIMENSIONS["Ethnicity"]:
        part = people[people["Ethnicity"] == eth]
        if not (part["Sex"] == refs["Sex"]).any():
            continue
        words = "ethnicity-not-stated" if eth == NOT_STATED else eth
        sub = rate_table(part, replace(pop, people=f"{words} DA suspects"), ("Sex",), refs, start, end)
        by_eth[eth] = sub
        sentences += _female_sentences(sub, f"{words} suspects")
    missing = int((people["Ethnicity"] == NOT_STATED).sum())
    caveat = [
        f"Ethnicity was not stated for {missing:,} of the {len(people):,} DA suspects "
        f"({missing / max(len(people), 1):.0%}); the comparisons within ethnic groups leave them out, "
        "and they are compared as a group of their own."
    ]
    eth_table = rate_table(people, pop, ("Ethnicity",), refs, start, end)
    caveat += missing_caveat(eth_table, "charged", lead=False)
    return Para42Answer(overall, by_eth, overall_sentences, sentences, caveat)


def _female_sentences(table: Disproportionality, ref_noun: str | None) -> list[str]:
    out = []
    for row in table.rows.to_dict(orient="records"):
        if row["group"] == "Female" and row["stage"] in PARA_42_STAGES:
            sentence = rate_sentence(table, row, ref_noun=ref_noun)
            if sentence:
                out.append(sentence)
    return out


__all__ = ["Para42Answer", "answer_para_42"]
