"""The one exception a loader raises: its message is the reason shown to people."""


class IngestError(Exception):
    """A file that cannot become a document; `str()` says why, in the UI language."""
