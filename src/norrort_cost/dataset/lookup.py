"""Finding a municipality by kommunkod or by name: exact up to case, spacing and suffix.

Diacritics matter: Håbo (0187) and Habo (0643) are two municipalities, so a name matches
only with its own letters. Forgiving forms (without diacritics, a prefix) are used for
suggestions only: a did-you-mean may suggest, it never decides.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from norrort_cost.dataset.models import Municipality
from norrort_cost.problems import UsageError, said

# what str.isalnum() refuses: re's \w is exactly isalnum() plus "_" (one C pass, not a
# Python loop per character: a name is keyed for every region of an export)
_NOT_ALNUM = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """The name as compared: NFC, case folded, punctuation as spaces, diacritics kept.

    ``Upplands-Bro`` -> ``upplands bro``; ``Håbo`` stays ``håbo`` (never ``habo``).
    """
    composed = unicodedata.normalize("NFC", text.casefold())
    return " ".join(_NOT_ALNUM.sub(" ", composed).split())


def fold(text: str) -> str:
    """:func:`name_key` without diacritics, for suggestions only: ``Håbo`` -> ``habo``."""
    key = name_key(text)
    if key.isascii():
        return key  # nothing to decompose
    decomposed = unicodedata.normalize("NFKD", key)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def name_forms(text: str) -> list[str]:
    """The forms a municipality's name may take: ``Lidingö stad`` -> ``lidingö``.

    Official names add "kommun" or "stad", often in the genitive (``Sundbybergs stad``).
    """
    key = name_key(text)
    for suffix in (" kommun", " stad"):
        if key.endswith(suffix):
            base = key.removesuffix(suffix)
            return [key, base, base.removesuffix("s")] if base.endswith("s") else [key, base]
    return [key]


def same_name(written: str, name: str) -> bool:
    """Whether ``written`` names the municipality called ``name`` (case, suffix; not accents)."""
    return name_key(name) in name_forms(written)


def find_municipality(municipalities: Iterable[Municipality], text: str) -> Municipality:
    """The municipality whose kommunkod or name is ``text``; every candidate on a miss."""
    candidates = list(municipalities)
    code = text.strip()
    if code.isdigit() and len(code) == 3:
        code = "0" + code  # a lost leading zero (125 for 0125), as the loader forgives in files
    for municipality in candidates:
        if code == municipality.kommunkod or same_name(text, municipality.name):
            return municipality
    suggested = suggestions(candidates, text)
    hint = (
        said("did you mean {names}?", names=" or ".join(m.name for m in suggested))
        if len(suggested) == 1
        else said(
            "did you mean {names} or {last}?",
            names=", ".join(m.name for m in suggested[:-1]),
            last=suggested[-1].name,
        )
        if suggested
        else "give a kommunkod (e.g. 0125) or a name (e.g. Ekerö)"
    )
    raise UsageError(said("no municipality {text!r} in the dataset", text=text), hint)


def suggestions(municipalities: Iterable[Municipality], text: str) -> list[Municipality]:
    """Every municipality ``text`` may have meant, by kommunkod order.

    Names that start with the text (``Upplands``: Upplands Väsby and Upplands-Bro), names
    equal to it without diacritics (``Habo``: Håbo), and close spellings.
    """
    wanted = fold(text)
    by_fold = {fold(m.name): m for m in municipalities}
    found = {m.kommunkod: m for key, m in by_fold.items() if wanted and key.startswith(wanted)}
    for close in difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.6):
        found.setdefault(by_fold[close].kommunkod, by_fold[close])
    return [found[k] for k in sorted(found)]
