"""One error hierarchy. Every error says what is wrong and what to do about it.

Entry points convert these once: the CLI to exit status 2 and one line on stderr,
the HTTP API to a 4xx with the stable ``code``.
"""

from __future__ import annotations


class YichuangError(Exception):
    """Base error: ``code`` is stable for machines, ``str(err)`` is the fix-it message."""

    code = "error"
    exit_code = 2
    http_status = 400

    def __init__(self, message: str, **data: object) -> None:
        super().__init__(message)
        self.message = message
        self.data = data

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "message": self.message}
        out.update({k: v for k, v in self.data.items() if v is not None})
        return out


class InputError(YichuangError):
    """A file given to ingest cannot be read."""

    code = "bad_input"
    http_status = 422


class EmptyFileError(InputError):
    code = "empty_file"


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    http_status = 415


class CorruptFileError(InputError):
    code = "corrupt_file"


class PasswordProtectedError(InputError):
    code = "password_protected"


class TooLargeError(InputError):
    code = "too_large"
    http_status = 413


class NotFoundError(YichuangError):
    code = "not_found"
    http_status = 404


class ForbiddenError(YichuangError):
    code = "forbidden"
    http_status = 403


class UnauthorizedError(YichuangError):
    code = "unauthorized"
    http_status = 401


class ConflictError(YichuangError):
    code = "conflict"
    http_status = 409


class UsageError(YichuangError):
    code = "bad_usage"


class RulesetError(YichuangError):
    """A ruleset file is malformed or refers to something that does not exist."""

    code = "bad_ruleset"


class UnknownMatterError(YichuangError):
    code = "unknown_matter"
    http_status = 404


class EngineUnavailableError(YichuangError):
    code = "engine_unavailable"
    http_status = 503


class StorageError(YichuangError):
    code = "storage_error"
    http_status = 503


class UnreadablePageError(InputError):
    """A page decodes, but to no document page (1×1, a thin strip): that page only is marked."""

    code = "unreadable_page"


class CaseLockedError(ConflictError):
    """The reviewer has decided the case: no more uploads, removals or checks."""

    code = "case_locked"


class RateLimitedError(YichuangError):
    code = "rate_limited"
    http_status = 429


class RequestTooLargeError(YichuangError):
    code = "request_too_large"
    http_status = 413
