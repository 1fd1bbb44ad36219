"""An article reads the same whatever its encoding: the seed article in cp1252, Latin-1 and
UTF-16 (with a byte-order mark) gives the events, reactions and claims it gives in UTF-8."""

from __future__ import annotations

import pytest

from casus.news import read_article
from casus.views import to_json
from conftest import SHARED, need_shared_file

SEED = SHARED / "seed" / "000_79d6bd2e27eacd37.txt"
# Latin-1 has no curly quotes, ellipsis or en dash: the Latin-1 copy spells them in ASCII, and
# is compared with the same text read from UTF-8.
LATIN1 = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "–": "-"})


def _found(data: bytes) -> dict:
    j = to_json(read_article(data))
    return {k: j[k] for k in ("events", "reactions", "claims")}


@pytest.fixture(scope="module")
def seed() -> str:
    return need_shared_file(SEED).read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-be-bom", "utf-32",
                                      "utf-8-sig"])
def test_the_seed_reads_the_same_in_every_encoding(seed: str, encoding: str) -> None:
    data = (b"\xfe\xff" + seed.encode("utf-16-be") if encoding == "utf-16-be-bom"
            else seed.encode(encoding))
    utf8 = _found(seed.encode("utf-8"))
    assert utf8["events"] and utf8["claims"]
    assert _found(data) == utf8


def test_the_seed_in_latin1_reads_as_in_utf8(seed: str) -> None:
    text = seed.translate(LATIN1)
    assert any(ord(c) > 127 for c in text)  # still not ASCII (no-break spaces)
    assert _found(text.encode("latin-1")) == _found(text.encode("utf-8"))


def test_cp1252_is_said_to_be_cp1252(seed: str) -> None:
    reading = read_article(seed.encode("cp1252"))
    assert any("cp1252" in w for w in reading.warnings)
