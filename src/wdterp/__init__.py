"""wdterp: an open implementation of the Wangdian flagship-edition ERP open API."""

__version__ = "0.1.0"
