"""One exception hierarchy with coded, one-line messages ("[V012] empty_text: ...")."""

from __future__ import annotations


class VedetteError(Exception):
    """Base class: every error a user can see carries a stable code and a reason."""

    code: str = "V000"
    reason: str = "error"

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {self.reason}: {where}{self.message}"


class InputRejected(VedetteError):
    """An input that cannot be analysed; the batch goes on without it."""


def _rejection(code: str, reason: str, doc: str) -> type[InputRejected]:
    cls = type(reason.title().replace("_", ""), (InputRejected,), {"code": code, "reason": reason})
    cls.__doc__ = doc
    return cls


NotFound = _rejection("V001", "not_found", "The path does not exist or is not readable.")
EmptyText = _rejection("V002", "empty_text", "The input holds no text after stripping.")
BinaryFile = _rejection("V003", "binary_file", "The input looks like binary data, not text.")
DecodeError = _rejection("V004", "decode_error", "The bytes cannot be decoded as text.")
TooLarge = _rejection("V005", "too_large", "The text exceeds the size limit.")
NoArticleText = _rejection("V006", "no_article_text", "HTML without extractable article text.")
MissingText = _rejection("V007", "missing_text", "A JSON record without a text field.")
BadJson = _rejection("V008", "bad_json", "JSON that cannot be parsed.")
BadDate = _rejection("V009", "bad_date", "A date that is not YYYY-MM-DD.")
UnsupportedInput = _rejection("V010", "unsupported", "A file type Vedette cannot read.")


class ModelMissing(VedetteError):
    """The spaCy English model is not installed."""

    code = "V020"
    reason = "model_missing"


BadFeed = _rejection("V012", "bad_feed", "A file that cannot be parsed as an RSS or Atom feed.")
BadWarc = _rejection("V013", "bad_warc", "A WARC archive that is corrupt or truncated.")
TooSlow = _rejection("V014", "too_slow", "The input took longer than its time budget.")
InternalError = _rejection(
    "V015", "internal_error",
    "An unexpected failure on one input (a bug to report); the batch went on without it.",
)
UnsafePath = _rejection(
    "V016", "unsafe_path", "A path skipped: a symbolic-link loop, or a link out of the root.",
)
LibraryWarning = _rejection(
    "V017", "library_warning",
    "A reader library warned about an input that was still read (a note, not a rejection).",
)
