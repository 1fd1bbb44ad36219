"""Quotes are quotes: treaty text is shown in quotation marks only when it is the treaty's own
words; a translation, a paraphrase or a dataset's coding is labelled as what it is, so nobody
quotes a summary as treaty text."""

from __future__ import annotations

#: How a text that is not the treaty's own words is introduced (text_status → label).
LABELS = {
    "translation": "translation, not the official text",
    "paraphrase": "paraphrase, not the treaty's words",
    "coded": "ATOP's coding, not the treaty's words",
    "unconfirmed": "wording unconfirmed",
    "not_public": "text not public",
}

_LANGUAGES = {"en": "English", "fr": "French", "ru": "Russian", "es": "Spanish",
              "de": "German", "ar": "Arabic", "pt": "Portuguese", "zh": "Chinese",
              "ko": "Korean", "ja": "Japanese", "tr": "Turkish", "pl": "Polish"}


def shown_text(text: str, status: str, language: str = "en") -> str:
    """The clause as a reader may see it: “verbatim” in quotation marks, anything else
    labelled and unquoted (``[paraphrase, not the treaty's words] ...``)."""
    words = " ".join(text.split())
    if status == "verbatim":
        lang = "" if language == "en" else f" ({_LANGUAGES.get(language, language)})"
        return f"“{words}”{lang}"
    return f"[{LABELS.get(status, status)}] {words}"
