"""Text as it enters: the fast search for forbidden characters finds exactly the
characters the rule forbids, and names the first of them."""

from __future__ import annotations

from norrort_cost.loading.text import _FORBIDDEN, forbidden_character, is_forbidden


def test_the_search_forbids_exactly_what_the_rule_forbids():
    """Over the basic plane and the edges of every other plane, the pattern and the rule
    (control characters, surrogates, noncharacters) agree: none slips through and none is
    refused wrongly."""
    edges = {plane << 16 | low for plane in range(1, 17) for low in (0, 1, 0xFFFD, 0xFFFE, 0xFFFF)}
    disagree = [
        point
        for point in sorted({*range(0x10000), *edges})
        if bool(_FORBIDDEN.fullmatch(chr(point))) != is_forbidden(chr(point))
    ]
    assert disagree == []


def test_the_first_forbidden_character_is_named_with_its_place():
    """A name with a vertical tab and a U+FFFF is reported once, for the first of them,
    at its file, line and column."""
    found = forbidden_character("members.csv", 4, "name", "Sol\x0bna\uffff")
    assert found is not None
    assert (found.file, found.line, found.column) == ("members.csv", 4, "name")
    assert "U+000B" in str(found.message)


def test_clean_text_passes():
    """Ordinary Swedish names, with å, ä, ö and a non-breaking space, are not refused."""
    assert forbidden_character("f.csv", 2, "name", "Upplands\u00a0Väsby och Öckerö") is None
