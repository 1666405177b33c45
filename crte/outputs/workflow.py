"""GitHub's workflow commands (`::error file=…,line=…::message`), escaped as GitHub's
toolkit does: `escape_data` for the message, `escape_property` for the properties.
Used by `make check` (crte.cli.check) and by the build's notice of new addresses."""
from __future__ import annotations


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, message: str, **properties: str | int) -> str:
    """`::kind name=value,…::message`, escaped (kind: error, warning or notice)."""
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{kind}{' ' + given if given else ''}::{escape_data(message)}"
