"""Every command has help text and is documented in README.md."""

import re

import click
import pytest

from cli import main
from conftest import ROOT

COMMANDS = sorted(main.commands)


def test_the_group_has_help():
    assert main.help and main.help.strip()


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(name):
    command = main.commands[name]
    assert command.help and command.help.strip(), f"kg {name} has no help text"
    assert command.get_short_help_str().strip()


@pytest.mark.parametrize("name", COMMANDS)
def test_command_options_have_help(name):
    undocumented = [p.name for p in main.commands[name].params if isinstance(p, click.Option) and not p.help]
    assert undocumented == []


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_named_in_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {re.escape(name)}\b", readme), f"README.md does not mention `kg {name}`"
