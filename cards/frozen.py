"""`@frozen`: the frozen, slotted dataclasses of every layer, made without generated code.

On Python 3.11 `@dataclass(frozen=True, slots=True)` compiles six methods per class with
`exec`, about 1 ms a class; with our 50-odd classes that was a sixth of the board's start-up
(measured in `bench/`). `@frozen` still makes a real dataclass (`dataclasses.fields`,
`replace` and `asdict` work as before) but asks it for no methods, and gives every class the
same few methods, which read the fields the dataclass found: an `__init__`, `__repr__`,
`__eq__` and `__hash__` that honour `field(default_factory=..., repr=False, compare=False)`,
and assignment that raises `FrozenInstanceError`. Type checkers see a frozen dataclass
(PEP 681). Making one instance is about a microsecond slower than with the generated methods.

`cards/` is the bottom layer, so the layers above use this from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_set = object.__setattr__


def _init(self: Any, *args: Any, **values: Any) -> None:
    cls = type(self)
    # each field in order with its default and default factory (each MISSING when it has
    # none), the names of all fields, and of those that may be given by position
    fields, names, positional = cls.__frozen_spec__
    if not args and len(values) == len(names):
        # every field given by name (`replace`, an event read back): no defaults to look up
        try:
            for name in names:
                _set(self, name, values[name])
            return
        except KeyError:
            pass  # one missing, one unknown instead: the way below says which
    if args:
        if len(args) > len(positional):
            raise TypeError(
                f"{cls.__qualname__}() takes at most {len(positional)} positional arguments"
            )
        for name, value in zip(positional, args, strict=False):
            if name in values:
                raise TypeError(f"{cls.__qualname__}() got multiple values for argument {name!r}")
            values[name] = value
    for name, default, factory in fields:
        if name in values:
            value = values.pop(name)
        elif default is not MISSING:
            value = default
        elif factory is not MISSING:
            value = factory()
        else:
            raise TypeError(f"{cls.__qualname__}() missing required argument: {name!r}")
        _set(self, name, value)
    if values:
        raise TypeError(
            f"{cls.__qualname__}() got an unexpected keyword argument {next(iter(values))!r}"
        )


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__frozen_compare__)


def _eq(self: Any, other: object) -> Any:  # a bool, or NotImplemented
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__frozen_repr__)
    return f"{type(self).__qualname__}({shown})"


def _refuse_set(self: Any, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:  # copy and pickle: slots, and no assignment
    return [getattr(self, field.name) for field in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for field, value in zip(dataclasses.fields(self), state, strict=True):
        _set(self, field.name, value)


def _make(cls: type[T], kw_only: bool) -> type[T]:
    if not cls.__doc__:
        # what the dataclass would say, without its `inspect.signature` (3 ms the first time)
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__annotations__)})"
    made: Any = dataclasses.dataclass(
        init=False, repr=False, eq=False, slots=True, kw_only=kw_only, match_args=False
    )(cls)
    fields = dataclasses.fields(made)
    made.__frozen_spec__ = (
        tuple((f.name, f.default, f.default_factory) for f in fields),
        tuple(f.name for f in fields),
        tuple(f.name for f in fields if not f.kw_only),
    )
    made.__frozen_compare__ = tuple(f.name for f in fields if f.compare)
    made.__frozen_repr__ = tuple(f.name for f in fields if f.repr)
    made.__init__ = _init
    made.__repr__ = _repr
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__setattr__ = _refuse_set
    made.__delattr__ = _refuse_delete
    made.__getstate__ = _getstate
    made.__setstate__ = _setstate
    return made  # type: ignore[no-any-return]


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(
    cls: type[T] | None = None, /, *, kw_only: bool = False
) -> type[T] | Callable[[type[T]], type[T]]:
    """A frozen, slotted dataclass (`kw_only`: its fields are given by name only)."""
    if cls is None:
        return lambda cls: _make(cls, kw_only)
    return _make(cls, kw_only)
