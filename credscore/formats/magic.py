"""Recognise files that are not text by their first bytes (their "magic numbers").

A PDF, a Word document or a photo named on the command line would otherwise be refused only
as "binary", or worse, a text-only PDF would be scored as prose with findings inside its
syntax. :func:`file_kind` names what the file is, so that the error can say so: "is a PDF
document; credscore reads text, Markdown and HTML".
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["file_kind"]

# (offset, magic bytes, what the file is), checked in order. Signatures that a text file
# could start with (a few ASCII letters) are left out or made longer.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "a PDF document"),
    (
        0,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a Microsoft Office 97-2003 document (.doc, .xls or .ppt)",
    ),
    (0, b"{\\rtf", "an RTF document"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (257, b"ustar", "a tar archive"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"\x00\x00\x01\x00", "an icon image (.ico)"),
    (0, b"\x7fELF", "an executable (ELF)"),
    (0, b"\xca\xfe\xba\xbe", "an executable or Java class file"),
    (0, b"ID3\x02", "an MP3 audio file"),
    (0, b"ID3\x03", "an MP3 audio file"),
    (0, b"ID3\x04", "an MP3 audio file"),
    (0, b"OggS\x00", "an Ogg media file"),
    (0, b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"\x00asm", "a WebAssembly module"),
)
_RIFF = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
_ISO_MEDIA = {
    b"heic": "a HEIC image",
    b"heix": "a HEIC image",
    b"mif1": "a HEIF image",
    b"avif": "an AVIF image",
    b"qt  ": "a QuickTime video",
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
    b"application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    b"application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    b"application/epub+zip": "an EPUB e-book",
}
_OFFICE_OPEN_XML = (
    ("word/", "a Word document (.docx)"),
    ("xl/", "an Excel workbook (.xlsx)"),
    ("ppt/", "a PowerPoint presentation (.pptx)"),
)


def file_kind(raw: bytes) -> str | None:
    """What a file is when its first bytes say it is not text (``"a PDF document"``,
    ``"a Word document (.docx)"``, ``"a PNG image"``, ...), else None.

    Examples
    --------
    >>> file_kind(b"%PDF-1.7 ...")
    'a PDF document'
    >>> file_kind(b"A small trial suggests ...") is None
    True
    """
    if raw.startswith(_ZIP_MAGIC):
        return _zip_kind(raw)
    for offset, magic, kind in _SIGNATURES:
        if raw.startswith(magic, offset):
            return kind
    if raw.startswith(b"BZh") and raw[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    if raw.startswith(b"RIFF") and raw[8:12] in _RIFF:
        return _RIFF[raw[8:12]]
    if raw.startswith(b"\x00\x00") and raw[4:8] == b"ftyp":
        return _ISO_MEDIA.get(raw[8:12], "an MP4 or other ISO media file")
    return None


def _zip_kind(raw: bytes) -> str:
    """A zip archive's kind: an OpenDocument or EPUB (its first entry, ``mimetype``, names
    it), an Office Open XML document (by its folders), or a plain zip archive."""
    if raw[30:38] == b"mimetype":
        mimetype = raw[38:120]
        for prefix, kind in _OPEN_DOCUMENT.items():
            if mimetype.startswith(prefix):
                return kind
    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        names = []
    if "[Content_Types].xml" in names:
        for folder, kind in _OFFICE_OPEN_XML:
            if any(name.startswith(folder) for name in names):
                return kind
        return "an Office Open XML document"
    return "a zip archive"
