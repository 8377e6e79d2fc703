"""Coalescing of superseded commands."""

from __future__ import annotations

from nnviz.sim import Command, coalesce


def names(commands: list[Command]) -> list[str]:
    return [f"{c.name}{c.args[0] if c.args else ''}" for c in commands]


def seek(e: int) -> Command:
    return Command("seek", (e,), ("seek",))


def test_the_last_of_equal_keys_wins_in_its_own_place():
    cmds = [seek(1), Command("pause"), seek(2), Command("set", ("lr",), ("set", "lr")), seek(3)]
    assert names(coalesce(cmds)) == ["pause", "setlr", "seek3"]


def test_different_keys_and_unkeyed_neutral_commands_all_stay():
    cmds = [Command("play"), Command("anim_done", (3,)), Command("anim_done", (4,)), seek(5)]
    assert coalesce(cmds) == cmds


def test_a_barrier_keeps_what_came_before_it():
    hidden = [Command("task", (f"hidden{n}",), ("task", ("hidden", 0))) for n in range(4)]
    add = Command("task", ("add_layer",))  # changes what "layer 0" means
    cmds = [hidden[0], hidden[1], add, hidden[2], hidden[3]]
    assert coalesce(cmds) == [hidden[1], add, hidden[3]]
