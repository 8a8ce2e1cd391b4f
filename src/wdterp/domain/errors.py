"""Domain failures carry the contract row they answer with; the gateway maps them once."""

from wdterp.protocol.errors import ApiError, business_error

DomainError = ApiError

__all__ = ["DomainError", "business_error"]
