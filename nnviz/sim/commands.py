"""Commands into the training worker, and how superseded ones are dropped.

A slider drag sends a command per frame (a history seek, a hidden size, a learning rate).
Applying each of them would queue seconds of work (every seek may replay epochs) in front
of the pause the person presses next. Each command may carry a *key*; of several queued
commands with the same key only the last one is applied. A *barrier* (a command that
changes what the keys refer to: a new model, a dataset, a resume) stops that: commands
before it are never superseded by commands after it. Neutral commands (play, pause, step,
the animation's acknowledgements) are neither keyed nor barriers, since they change
nothing a keyed command refers to before the next epoch.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

__all__ = ["NEUTRAL", "Command", "coalesce"]

#: Commands that neither supersede nor block superseding.
NEUTRAL = frozenset({"play", "pause", "step", "anim_done", "_wake"})


@dataclass(frozen=True, eq=False)
class Command:
    """One command: its name, arguments and coalescing key (None: never superseded)."""

    name: str
    args: tuple = ()
    key: Hashable | None = None


def coalesce(commands: Iterable[Command]) -> list[Command]:
    """``commands`` in order, without those a later command with the same key supersedes
    (unless a barrier lies between them)."""
    kept: list[Command] = []
    seen: set[Hashable] = set()
    for cmd in reversed(list(commands)):
        if cmd.key is not None:
            if cmd.key in seen:
                continue
            seen.add(cmd.key)
        elif cmd.name not in NEUTRAL:
            seen.clear()
        kept.append(cmd)
    kept.reverse()
    return kept
