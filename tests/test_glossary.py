"""One vocabulary: the catalog uses the glossary's Swedish words, never the ones it rules out
(kreditnota, huvudman, pott, Totalt, Utg. (kr), ...)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
PO = ROOT / "src" / "norrort_cost" / "locale" / "sv" / "LC_MESSAGES" / "norrort_cost.po"


def glossary() -> list[dict[str, str]]:
    """The glossary's table as rows: Swedish, English, never, where used."""
    lines = [line for line in GLOSSARY.read_text("utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


def _ruled_out() -> list[str]:
    return [
        word.strip()
        for row in glossary()
        for word in row["never (Swedish)"].split(",")
        if word.strip()
    ]


def _found(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def test_the_glossary_settles_the_shared_words():
    """The words every branch agreed on are in the glossary with their English."""
    rows = {row["Swedish"]: row["English"] for row in glossary()}
    assert rows["kreditfaktura"] == "credit note"
    assert rows["förvaltande kommun"] == "managing municipality"
    assert rows["kostnadspost"] == "budget line; cost pool"
    assert rows["Summa"] == "total"
    assert {"delbetalning", "andel", "invånare", "medlem", "ej medlem", "avräkning"} <= set(rows)
    assert {"fakturaregister", "påminnelse"} <= set(rows)


def test_the_catalog_never_uses_a_word_the_glossary_rules_out():
    """No Swedish text in the catalog says kreditnota, huvudman, pott, Totalt, Utg. (kr)..."""
    with PO.open("rb") as file:
        catalog = read_po(file)
    texts = [m.string for m in catalog if m.id and isinstance(m.string, str)]
    offending = sorted(
        (word, text) for word in _ruled_out() for text in texts if _found(word, text)
    )
    assert not offending


def test_the_check_finds_a_ruled_out_word():
    """The word match is whole words only: "potten" is found, "potatis" is not."""
    assert _found("potten", "vikt i potten")
    assert not _found("pott", "potatis")
    assert _found("Utg. (kr)", "Utg. (kr) och Nytt (kr)")
