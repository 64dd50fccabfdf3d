"""Uploaded files: PDF, JPEG or PNG only, judged by what the file is and by its name (a PDF
named .exe and a program named .pdf are both refused), and never above the size limit."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ejcms.core.errors import ApplicationError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# The first bytes of each accepted type, and the names it may carry.
SIGNATURES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}


def sniff(head: bytes) -> str | None:
    """The type a file's first bytes say it is, if it is one we accept."""
    for content_type, (magic, _names) in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload: UploadedFile | None, field: str, *, required: bool = True) -> str:
    """Return the file's content type, or raise ApplicationError naming `field`.

    The browser's word for the type is not trusted: the content decides, and the name must
    agree with it."""
    if upload is None:
        if required:
            raise ApplicationError({field: _("Choose a file.")})
        return ""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError({field: _("The file is larger than 10 MB.")})
    head = upload.read(8)
    upload.seek(0)
    content_type = sniff(head)
    name = (upload.name or "").lower()
    if content_type is None or not name.endswith(SIGNATURES[content_type][1]):
        raise ApplicationError({field: _("Attach a PDF, JPEG or PNG file.")})
    return content_type
