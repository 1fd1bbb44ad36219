"""From bytes or a string to clean article text, its title, author, date and url.

HTML goes through ``trafilatura`` (offline; no network call is made). Plain text is cleaned by
rules: corpus header lines (``URL:``, ``FOUND:``, ``PARTIAL:``) and the `` date YYYY-MM-DD``
marker become metadata; the trailing furniture of a web page (Keep Reading, Recent Posts, an
author bio, tag lines, cookie notices) is cut at its first heading; caption and cookie lines are
dropped wherever they stand.

Work is capped: the raw input is cut at :data:`MAX_INPUT_CHARS` and the article text at
:data:`MAX_TEXT_CHARS`, each with a warning, so a 10 MB input costs about as much as a long
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from casus.errors import InputError
from casus.news import lexicon
from casus.news.dates import parse_date_text

MAX_INPUT_CHARS = 2_000_000
MAX_TEXT_CHARS = 100_000
MAX_HTML_ELEMENTS = 30_000

_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|div|p|span|meta|title)\b",
                   re.IGNORECASE)
_HEADER = re.compile(r"^(URL|FOUND|PARTIAL|SOURCE|TITLE|DATE|AUTHOR|BY):[ \t]*(.*)$", re.IGNORECASE)
_DATE_MARKER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*", re.IGNORECASE)
_MONTH_MARKER = re.compile(r"^[ \t]*date[ \t]+((?:19|20)\d\d)-([01]\d)(?![\d-])[ \t]*",
                           re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^\s*(?:published|updated|posted|last updated|publié le|publié|mis à jour|publicado|fecha|"
    r"datum|дата|date(?=\s*:)|stand(?=\s*:)|"
    r"actualizado|veröffentlicht|aktualisiert|опубликовано|обновлено)\b[:\s]*(.*)$",
    re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:by|par|por|von|автор:?)\s+"
                     r"([A-ZÀ-ÞА-Я][\w.'’-]+(?:\s+[A-ZÀ-ÞА-Я][\w.'’-]+){0,3})\s*$")
_ABOUT = re.compile(r"^\s*about\s+([A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)\s*$", re.IGNORECASE)
_START = re.compile(r"^\s*(?:" + "|".join(lexicon.BOILERPLATE_START) + r")\s*$", re.IGNORECASE)
_DROP = re.compile(r"^\s*(?:" + "|".join(lexicon.BOILERPLATE_LINE) + r")\s*$", re.IGNORECASE)
_CAPTION = re.compile(r"(?:\bfile photo\b|\bphoto\b|\bimage\b|©|\bcredit\b)\s*:?\s*\S",
                      re.IGNORECASE)


@dataclass
class Cleaned:
    """The article's text (offsets in events refer to it) and what was learnt on the way."""

    text: str
    title: str | None = None
    author: str | None = None
    date: date | None = None
    url: str | None = None
    source_format: str = "text"
    month: tuple[int, int] | None = None  # " date 2024-03": only the year and month are known
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decode(data: str | bytes, warnings: list[str]) -> str:
    """Text from bytes: UTF-8, else the encoding charset-normalizer finds; binary is refused."""
    if isinstance(data, str):
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if not raw.strip():
            raise InputError("empty input: there is no article to read")
        bom = next((enc for mark, enc in _BOMS if raw.startswith(mark)), None)
        if bom is not None:  # UTF-16/32 are full of NUL bytes: decode before the binary test
            try:
                return _checked(raw[len(next(m for m, e in _BOMS if e == bom)):].decode(bom),
                                warnings)
            except UnicodeDecodeError as e:
                raise InputError(f"input starts with a {bom} byte-order mark but is not "
                                 f"{bom} ({e.reason} at byte {e.start})") from None
        head = raw[:8192]
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        if b"\x00" in head or controls > len(head) * 0.05:
            raise InputError("input looks binary, not an article (found NUL or control bytes); "
                             "pass HTML or plain text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _guess_decode(raw, warnings)
    else:
        raise InputError(f"cannot read an article from a {type(data).__name__}; "
                         "pass str or bytes")
    return _checked(text, warnings)


#: Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _checked(text: str, warnings: list[str]) -> str:
    if not text.strip():
        raise InputError("empty input: there is no article to read")
    if "\x00" in text[:8192]:
        raise InputError("input looks binary, not an article (found NUL characters)")
    if len(text) > MAX_INPUT_CHARS:
        warnings.append(f"input is {len(text):,} characters; only the first "
                        f"{MAX_INPUT_CHARS:,} were read")
        text = text[:MAX_INPUT_CHARS]
    return text


def _guess_decode(raw: str | bytes, warnings: list[str]) -> str:
    try:
        from charset_normalizer import from_bytes

        results = from_bytes(raw[:200_000])
        best = results.best()
        if best is not None and best.encoding:
            encoding = best.encoding
            # A few accented letters and curly quotes fit many single-byte code pages equally
            # well (charset-normalizer then picks one at random, e.g. cp775 for an English
            # article). Windows-1252 (which reads Latin-1 text the same, and is what browsers
            # read "latin-1" as) wins a near tie.
            western = next((m for m in results if "cp1252" in m.could_be_from_charset), None)
            if (encoding != "cp1252" and western is not None
                    and western.chaos <= best.chaos + 0.05 and _decodes(raw, "cp1252")):
                encoding = "cp1252"
            warnings.append(f"input is not UTF-8; decoded as {encoding}")
            return raw.decode(encoding, errors="replace")
    except Exception:  # any failure of the detector falls back below
        pass
    warnings.append("input is not UTF-8; decoded as cp1252 with replacement characters")
    return raw.decode("cp1252", errors="replace")


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML.search(head)) and head.count("<") >= 3


def clean(data: str | bytes) -> Cleaned:
    """Decode, extract (HTML) or strip (plain text), and cap the article text."""
    warnings: list[str] = []
    text = decode(data, warnings)
    out = _from_html(text, warnings) if looks_like_html(text) else _from_text(text, warnings)
    if not _has_prose(out.text):
        raise InputError("no article text found: the page has no paragraphs of prose "
                         "(navigation, scripts or boilerplate only)")
    if len(out.text) > MAX_TEXT_CHARS:
        out.warnings.append(f"article text is {len(out.text):,} characters; only the first "
                            f"{MAX_TEXT_CHARS:,} were analysed")
        out.text = out.text[:MAX_TEXT_CHARS]
    return out


def _has_prose(text: str) -> bool:
    """At least one sentence-like line (four words and a full stop), or forty words in all."""
    if len(re.findall(r"\w+", text[:20_000])) >= 40:
        return True
    return any(len(line.split()) >= 4 and re.search(r"[.!?。»”\"']\s*$", line)
               for line in text.splitlines())


def _from_html(html: str, warnings: list[str]) -> Cleaned:
    try:
        import trafilatura
    except ImportError as e:  # lxml_html_clean missing breaks trafilatura's import
        warnings.append(f"trafilatura unavailable ({e}); HTML tags stripped by rule instead")
        return _from_text(_strip_tags(html), warnings, fmt="html")
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError) as e:
        warnings.append(f"HTML did not parse ({e}); tags stripped by rule instead")
        return _from_text(_strip_tags(html), warnings, fmt="html")
    size = sum(1 for _ in tree.iter())
    if size > MAX_HTML_ELEMENTS:
        # trafilatura's cost grows faster than linearly with the tree; a page this large is
        # not a news article's page, so it is read as text instead
        warnings.append(f"HTML page has {size:,} elements (limit {MAX_HTML_ELEMENTS:,}); "
                        "tags stripped by rule instead of trafilatura")
        return _from_text(_strip_tags(html), warnings, fmt="html")
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        return Cleaned(text="", source_format="html", warnings=warnings)
    out = _from_text(body, warnings, fmt="html")
    out.title = getattr(doc, "title", None) or out.title
    out.author = getattr(doc, "author", None) or out.author
    out.url = getattr(doc, "url", None) or out.url
    when = getattr(doc, "date", None)
    if when and out.date is None:
        out.date = parse_date_text(str(when))
    if out.title and not out.text.startswith(out.title):
        out.text = out.title + "\n\n" + out.text
    return out


def _strip_tags(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|nav|footer|header|aside)\b.*?</\1\s*>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p\s*>|</h\d\s*>|</div\s*>", "\n", html)
    text = re.sub(r"<[^>]{0,2000}>", " ", html)
    import html as _html

    return _html.unescape(text)


def _from_text(text: str, warnings: list[str], fmt: str = "text") -> Cleaned:
    out = Cleaned(text="", source_format=fmt, warnings=warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    kept: list[str] = []
    header_done = False
    for line in lines:
        if not header_done:
            m = _HEADER.match(line)
            if m:
                key, value = m.group(1).upper(), m.group(2).strip()
                if key == "URL":
                    out.url = value
                elif key == "TITLE":
                    out.title = value
                elif key == "DATE":
                    out.date = parse_date_text(value)
                elif key in ("AUTHOR", "BY"):
                    out.author = value
                out.removed.append(line)
                continue
            if not line.strip():
                continue
            header_done = True
        m = _DATE_MARKER.match(line)
        if m:
            out.date = out.date or parse_date_text(m.group(1))
            out.removed.append(m.group(0))
            line = line[m.end():]
        m = _MONTH_MARKER.match(line)
        if m and 1 <= int(m.group(2)) <= 12:
            out.month = out.month or (int(m.group(1)), int(m.group(2)))
            out.removed.append(m.group(0))
            line = line[m.end():]
        m = _PUBLISHED.match(line)
        if m and len(line) < 120:
            out.date = out.date or parse_date_text(m.group(1))
            out.removed.append(line)
            continue
        m = _BYLINE.match(line)
        if m and len(kept) < 6:
            out.author = out.author or m.group(1)
            out.removed.append(line)
            continue
        if _DROP.match(line) or (len(line) < 90 and _CAPTION.search(line)
                                 and not line.rstrip().endswith((".", "”", '"'))):
            out.removed.append(line)
            continue
        kept.append(line)
    kept = _cut_trailing(kept, out)
    body = "\n".join(kept).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    out.text = body
    if out.title is None:
        first = body.split("\n", 1)[0].strip()
        if 8 <= len(first) <= 200 and not first.endswith((".", "!", "?", ":", "”", '"', "»")):
            out.title = first
    return out


def _cut_trailing(lines: list[str], out: Cleaned) -> list[str]:
    """Cut at the first boilerplate heading in the last 70% of the text."""
    total = sum(len(x) + 1 for x in lines)
    pos = 0
    for i, line in enumerate(lines):
        if pos >= total * 0.3 and _START.match(line):
            for later in lines[i:]:
                m = _ABOUT.match(later)
                if m and out.author is None:
                    out.author = m.group(1)
            out.removed.extend(x for x in lines[i:] if x.strip())
            return lines[:i]
        pos += len(line) + 1
    return lines
