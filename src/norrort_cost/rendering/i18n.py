"""The language people read: English or Swedish, through gettext catalogs.

Texts are written in English in the code, marked ``_("...")``; the Swedish catalog
``locale/sv/LC_MESSAGES/norrort_cost.po`` ships inside the package with its compiled
``.mo`` beside it (``tests/test_i18n.py`` checks the ``.mo`` is up to date with the
``.po``; refresh it with ``python -m norrort_cost.rendering.i18n``, which needs Babel from the
``test`` extra). Machine output (JSON keys, default CSV headers, exit codes) is never
translated.

The language is chosen once per process, before the command line is built (typer
fixes help texts when the commands are defined): ``--lang sv|en`` on the command line,
else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``sv_*`` is Swedish), else
English. :func:`language_from` reads both; :func:`use` switches.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path

from norrort_cost.problem_codes import CODES
from norrort_cost.problems import Problem, Said

LANGUAGES = ("en", "sv")
DOMAIN = "norrort_cost"
LOCALE_DIR = Path(__file__).parent.parent / "locale"

_state: dict[str, gettext.NullTranslations] = {"current": gettext.NullTranslations()}
_language = {"current": "en"}


def language_from(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for by ``--lang`` in ``argv``, else by the locale, else English."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return _known(arg.partition("=")[2])
        if arg == "--lang" and index + 1 < len(argv):
            return _known(argv[index + 1])
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def _known(value: str) -> str:
    return value if value in LANGUAGES else "en"


def use(language: str) -> None:
    """Translate into ``language`` from now on (English: the texts as written)."""
    if language == "sv":
        _state["current"] = gettext.translation(DOMAIN, LOCALE_DIR, languages=["sv"])
    else:
        _state["current"] = gettext.NullTranslations()
    _language["current"] = language if language in LANGUAGES else "en"


def current() -> str:
    """The language in use: ``en`` or ``sv``."""
    return _language["current"]


def _(text: str) -> str:
    """``text`` in the current language."""
    return _state["current"].gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the current language."""
    return _state["current"].ngettext(singular, plural, count)


def spoken(text: str) -> str:
    """An English message or hint in the current language: a fixed text looked up as it
    is, one made with :func:`~norrort_cost.problems.said` by its template (its values,
    and any message among them, put in). As written when the catalog lacks it."""
    if isinstance(text, Said):
        values = {k: spoken(v) if isinstance(v, Said) else v for k, v in text.params.items()}
        return _(text.template).format(**values)
    return _(text)


def translatable(text: str) -> bool:
    """Whether the catalog says ``text`` (a fixed text or a template) in this language."""
    if current() == "en":
        return True
    if not isinstance(text, Said):
        return _in_catalog(text)
    nested = [value for value in text.params.values() if isinstance(value, Said)]
    return _in_catalog(text.template) and all(map(translatable, nested))


def _in_catalog(text: str) -> bool:
    # a text may be translated as itself ("{year}: {message}"), so ask the catalog, not the
    # result; GNUTranslations keeps its messages in _catalog (since Python 2)
    catalog: dict[object, str] = getattr(_state["current"], "_catalog", {})
    return bool(catalog.get(text))


def problem_words(problem: Problem) -> tuple[str, str]:
    """A problem's message and hint for people, in the current language.

    English: as reported. Otherwise each in translation; a message the catalog cannot say
    (one built from its values without a template) is replaced by the title of its code,
    and such a hint by the code's general hint, both from the catalog: with the location
    and the value shown beside them they say the same (the JSON keeps the details)."""
    message, hint = problem.message, problem.hint
    found = CODES.get(problem.code)
    if not translatable(message) and found:
        message = found.title
    if hint and not translatable(hint) and found:
        hint = found.hint
    return spoken(message), spoken(hint) if hint else ""


def compile_catalogs() -> None:  # pragma: no cover - a maintainer's tool, run by hand
    """Compile every ``.po`` next to its ``.mo`` (needs Babel)."""
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        po.with_suffix(".mo").write_bytes(compiled(po))


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes for the catalog ``po`` (needs Babel)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover
    compile_catalogs()
