"""One module per vendor namespace; importing this package registers every declared method."""

from wdterp.api.methods import setting

__all__ = ["setting"]
