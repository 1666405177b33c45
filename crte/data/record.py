"""The base of every record: a frozen pydantic model that knows where it was written.

A record type is declared once, as a subclass of `Record` whose fields use the
types of `fields.py`. From that one declaration come: the validation of the
YAML (loader.py), the JSON Schemas of schemas/ and the field reference for
staff (schemas.py), and the Table Schema of the open data (site/opendata.py).

Fields computed by the loader (an action's orientation, resolved from its ENJEU
label) are pydantic `computed_field`s backed by private attributes: they are
published (open data) and documented, but never read from the YAML.
"""
from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator
from pydantic.fields import FieldInfo

from crte.data.errors import Where
from crte.data.fields import FieldType
from crte.data.reader import RawMap, Scalar


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", revalidate_instances="never")

    _where: Where = PrivateAttr(default_factory=lambda: Where("", 0))  # a factory: a default is deep-copied
    _path: str = PrivateAttr(default="")
    _keylines: dict[str, int] = PrivateAttr(default_factory=dict)
    _itemlines: dict[str, list[int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _from_yaml(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, RawMap):
            return handler(data)
        # An optional field written empty (`part_cahc:` or "") is an absent field.
        present = {k: v for k, v in data.items()
                   if not (isinstance(v, Scalar) and k in cls.model_fields
                           and not cls.model_fields[k].is_required() and (v.is_null or not v.strip()))}
        record = handler(present)
        record._where = Where(data.file, data.line)
        record._path = data.path
        record._keylines = data.keylines
        record._itemlines = data.itemlines
        return record

    def _private(self, name: str) -> Any:
        """A private attribute (`_where`, a computed field's `_orientation`), read without
        pydantic's `__getattr__` (2 µs a read; an action's orientation is read 75 000 times
        a build at 2 500 actions)."""
        return self.__pydantic_private__[name]  # type: ignore[index]

    # -- where it was written ---------------------------------------------------
    @property
    def where(self) -> Where:
        """File and first line of the record."""
        return self._private("_where")  # type: ignore[no-any-return]

    @property
    def path(self) -> str:
        """Display path of the record in its file, e.g. `actions[voie-albert-carre]`."""
        return self._private("_path")  # type: ignore[no-any-return]

    def sub(self, name: str) -> str:
        path = self._private("_path")
        return f"{path}.{name}" if path else name

    def where_of(self, name: str, index: int | None = None) -> Where:
        """Where a field (or one item of a list field) was written; the record's
        first line when the field is absent."""
        where, itemlines = self._private("_where"), self._private("_itemlines")
        if index is not None and name in itemlines:
            return Where(where.file, itemlines[name][index])
        return Where(where.file, self._private("_keylines").get(name, where.line))

    def set_computed(self, **values: Any) -> None:
        """Set computed fields (loader only, before the model is handed out)."""
        for name, value in values.items():
            setattr(self, f"_{name}", value)


# --- Introspection, for the schema, reference and open-data generators -------------------

def unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """(inner type, optional, is_list) of a field annotation.

    `Money | None` -> (Money, True, False); `tuple[Slug, ...]` -> (Slug, False, True)."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        return typing.get_args(annotation)[0], optional, True
    return annotation, optional, False


def field_type(annotation: Any) -> FieldType | None:
    """The FieldType in an `Annotated` alias of fields.py, if any."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, FieldType):
            return meta
    return None


def record_type(annotation: Any) -> type[Record] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, Record) else None


def fields(cls: type[Record]) -> dict[str, FieldInfo]:
    return cls.model_fields


def declared(info: FieldInfo) -> tuple[Any, FieldType | None, bool]:
    """(inner annotation, its FieldType, is_list) of a declared field. Pydantic
    keeps the metadata of a required field apart from its annotation."""
    inner, _, many = unwrap(info.annotation)
    ft = field_type(inner) or next((m for m in info.metadata if isinstance(m, FieldType)), None)
    return inner, ft, many
