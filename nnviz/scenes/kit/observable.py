"""An observable value: one thing a person can change, with the views that show it and
the effects that apply it.

The two kinds of listener are kept apart on purpose. *Views* (the controls) follow every
change, whoever made it. *Effects* (a command to the training session, the animation
clock's speed) run only when a person changed the value (:meth:`Observable.set`), never
when the value merely reports what the model already did (:meth:`Observable.show`): a
restored configuration must not be sent back to the session as a new command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Generic, TypeVar

T = TypeVar("T")


class Observable(Generic[T]):
    """A value with views and effects (see the module docstring)."""

    def __init__(self, value: T) -> None:
        self._value = value
        self._views: list[Callable[[T], None]] = []
        self._effects: list[Callable[[T], None]] = []

    @property
    def value(self) -> T:
        return self._value

    def watch(self, view: Callable[[T], None]) -> None:
        """Call ``view`` with every new value (a control showing it)."""
        self._views.append(view)

    def on_set(self, effect: Callable[[T], None]) -> None:
        """Call ``effect`` with every value a person sets (applying it somewhere)."""
        self._effects.append(effect)

    def set(self, value: T) -> None:
        """A person changed the value: views follow, effects apply it."""
        if self._show(value):
            for effect in self._effects:
                effect(value)

    def show(self, value: T) -> None:
        """The model reports the value (a restore): views follow, no effect runs."""
        self._show(value)

    def _show(self, value: T) -> bool:
        if value == self._value:
            return False
        self._value = value
        for view in self._views:
            view(value)
        return True


class ObservableGroup:
    """Base of a dataclass whose fields are observables: looked up by name, so control
    specs can say which value they show (``settings["learning_rate"]``)."""

    def __getitem__(self, name: str) -> Observable:
        value = getattr(self, name, None)
        if not isinstance(value, Observable):
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[tuple[str, Observable]]:
        for f in fields(self):  # type: ignore[arg-type]
            yield f.name, getattr(self, f.name)
