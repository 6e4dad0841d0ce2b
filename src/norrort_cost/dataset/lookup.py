"""Finding a municipality by kommunkod or by name, forgiving case and diacritics."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from norrort_cost.dataset.models import Municipality
from norrort_cost.problems import UsageError


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: ``Upplands-Bro`` -> ``upplands bro``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def name_forms(text: str) -> list[str]:
    """The folded forms a municipality's name may take: ``Lidingö stad`` -> ``lidingo``.

    Official names add "kommun" or "stad", often in the genitive (``Sundbybergs stad``).
    """
    folded = fold(text)
    for suffix in (" kommun", " stad"):
        if folded.endswith(suffix):
            base = folded.removesuffix(suffix)
            return [folded, base, base.removesuffix("s")] if base.endswith("s") else [folded, base]
    return [folded]


def same_name(written: str, name: str) -> bool:
    """Whether ``written`` names the municipality called ``name`` (case, accents, suffix)."""
    return fold(name) in name_forms(written)


def find_municipality(municipalities: Iterable[Municipality], text: str) -> Municipality:
    """The municipality whose kommunkod or name is ``text``; a did-you-mean on a miss."""
    candidates = list(municipalities)
    wanted = fold(text)
    for municipality in candidates:
        if text.strip() == municipality.kommunkod or same_name(text, municipality.name):
            return municipality
    names = {fold(m.name): m.name for m in candidates}
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    hint = (
        f"did you mean {names[close[0]]}?"
        if close
        else "give a kommunkod (e.g. 0125) or a name (e.g. Ekerö)"
    )
    raise UsageError(f"no municipality {text!r} in the dataset", hint)
