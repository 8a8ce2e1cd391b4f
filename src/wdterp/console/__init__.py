"""The web console under `/console/`: server-rendered pages (Starlette + Jinja2, a little plain JS),
signed in with the admin token. Mounted by the gateway app; it reads and changes state through the
domain services, and sends the explorer's calls through the gateway itself."""

from wdterp.console.app import ConsoleContext, console_app

__all__ = ["ConsoleContext", "console_app"]
