"""Every command is a thin call of a library verb of the same name, and the docs name both."""

from __future__ import annotations

import inspect
from pathlib import Path

import typer

from policygraph import api
from policygraph.cli import app

REPO = Path(__file__).resolve().parent.parent


def commands(group: typer.Typer, prefix: str = "") -> list[str]:
    """Every command's full name, sub-commands joined with "_" (``store_check``)."""
    found = [prefix + (c.name or c.callback.__name__) for c in group.registered_commands]  # type: ignore[union-attr]
    for sub in group.registered_groups:
        name = sub.name or ""
        if sub.typer_instance.registered_callback is not None:
            found.append(prefix + name)  # a group that runs on its own (`queries`)
        found += commands(sub.typer_instance, prefix=f"{prefix}{name}_")
    return sorted(found)


def test_every_command_has_its_verb() -> None:
    names = commands(app)
    assert len(names) >= 22
    missing = [n for n in names if not callable(getattr(api, n.replace("-", "_"), None))]
    assert not missing, f"commands without a verb in policygraph.api: {missing}"
    assert sorted(api.__all__) == sorted(api.__all__)  # documented list, no duplicates


def test_every_verb_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in commands(app):
        spelled = name.replace("_", " ")
        assert f"policygraph {spelled}" in readme, f"README does not show `policygraph {spelled}`"
    for verb in api.__all__:
        assert f"api.{verb}" in readme or f"{verb}(" in readme, f"README misses api.{verb}"


def test_verbs_are_typed_and_explained() -> None:
    for verb in api.__all__:
        function = getattr(api, verb)
        assert function.__doc__, verb
        assert inspect.signature(function).return_annotation is not inspect.Signature.empty, verb


def test_one_meaning_per_flag_and_old_spellings_warn(sasac_project: object, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    trig = str(sasac_project.trig_path)  # type: ignore[attr-defined]
    runner = CliRunner()
    new = runner.invoke(app, ["stats", "--input", trig])
    old = runner.invoke(app, ["stats", "--graph", trig])
    assert new.exit_code == old.exit_code == 0 and new.stdout == old.stdout
    assert new.stderr == ""
    assert "--graph FILE is deprecated here; use --input FILE" in old.stderr
    both = runner.invoke(app, ["stats", "--input", trig, "--graph", trig])
    assert both.exit_code == 2 and "not both" in both.stderr
    exported = runner.invoke(app, ["export", "--input", trig, "--named-graph", "ref"])
    legacy = runner.invoke(app, ["export", "--from", trig, "--graph", "ref", "-f", "turtle"])
    assert exported.stdout == legacy.stdout and exported.exit_code == legacy.exit_code == 0
    for spelling in ("--from FILE", "--graph NAME", "-f FORMAT"):
        assert f"{spelling} is deprecated here" in legacy.stderr
