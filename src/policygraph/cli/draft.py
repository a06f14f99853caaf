"""``add``, ``draft`` and ``review``: from a new source to reviewed records."""

# No `from __future__ import annotations`: Typer reads these annotations on every start, and
# as strings it compiles and evaluates each twice (tests/test_query_startup.py).

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policygraph.cli.app import app, reported
from policygraph.cli.common import ProjectOpt, project_of
from policygraph.errors import shown
from policygraph.textsafe import safe_text

if TYPE_CHECKING:
    from policygraph.drafting.review import LoadedDraft
    from policygraph.project import Project

CONTEXT = 80  # characters of context shown on each side of a quote


@app.command()
@reported
def add(
    target: Annotated[str, typer.Argument(help="A .txt or .html file, or an http(s) URL.")],
    source_id: Annotated[
        str | None, typer.Option("--id", help="The source id (default: proposed from the title).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = 10.0,
    project: ProjectOpt = None,
) -> None:
    """Archive a source: data/sources/<id>.txt and <id>.yaml (unknown metadata stays ~)."""
    from policygraph.drafting.archive import add as add_source

    done = add_source(target, project_of(project), source_id=source_id, timeout=timeout)
    typer.echo(f"wrote {shown(done.text_path)}")
    typer.echo(f"wrote {shown(done.meta_path)}")
    unknown = sorted((k for k, v in done.meta.items() if v is None), key=lambda k: k != "published")
    if unknown:  # the dates the drafter resolves ("on Friday", 今年6月) need the publication date
        why = (
            ': the drafter reads "on Friday", "今年6月" against the published date'
            if "published" in unknown
            else ""
        )
        where = shown(done.meta_path)
        typer.echo(
            f"next: fill in {', '.join(unknown)} in {where} where known (they are ~)"
            f"{why}; then policygraph draft {done.id}",
            err=True,
        )
    else:
        typer.echo(f"next: policygraph draft {done.id}", err=True)


@app.command()
@reported
def draft(
    source_id: Annotated[str | None, typer.Argument(help="The source to draft.")] = None,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Measure drafts against curated sources instead.")
    ] = False,
    by_source: Annotated[
        bool, typer.Option("--by-source", help="With --evaluate: a row per source too.")
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Draft a source's records into data/drafts/<id>.yaml, or --evaluate the drafter."""
    from policygraph.drafting.draft import draft as draft_source

    if evaluate:
        from policygraph.drafting.evaluate import evaluate_project, render_report
        from policygraph.drafting.scoreboard import render_by_language, render_by_source

        measured = evaluate_project(project_of(project))
        parts = [render_report(measured), render_by_language(measured)]
        typer.echo(
            "\n".join([*parts, *([render_by_source(measured)] if by_source else [])]), nl=False
        )
        return
    if by_source:
        raise typer.BadParameter("--by-source goes with --evaluate")
    if source_id is None:
        raise typer.BadParameter("give a SOURCE-ID, or --evaluate")
    path, result = draft_source(source_id, project_of(project))
    counts = ", ".join(f"{len(v)} {k}" for k, v in result.sections.items())
    typer.echo(f"wrote {shown(path)} ({counts or 'nothing found'})")
    typer.echo(f"next: policygraph review {source_id}", err=True)


def _show(text: str, quote: str) -> str:
    at = text.find(quote)
    marked = typer.style(f"»{quote}«", bold=True, underline=True)
    if at < 0:
        return marked
    before = text[max(0, at - CONTEXT) : at].replace("\n", " ")
    after = text[at + len(quote) : at + len(quote) + CONTEXT].replace("\n", " ")
    return f"...{before}{marked}{after}..."


@app.command()
@reported
def review(
    source_id: Annotated[str, typer.Argument(help="The source whose draft to review.")],
    accept: Annotated[
        list[str] | None, typer.Option("--accept", help="Accept this item (id; repeatable).")
    ] = None,
    accept_all_known: Annotated[
        bool, typer.Option("--accept-all-known", help="Accept every item naming only known ids.")
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Walk a draft (accept, edit the id, reject) or accept items; they move to data/records/."""
    from policygraph.drafting.review import apply_review, load_draft

    where = project_of(project)
    loaded = load_draft(source_id, where)
    if accept or accept_all_known:
        keys = [i.key for i in loaded.items if accept_all_known and i.known]
        decisions: Decisions = ([*(accept or []), *keys], [], {}, {})
        path, moved = apply_review(loaded, where, *decisions)
    else:
        path, moved, decisions = _apply_walked(loaded, where, _walk(loaded))
    typer.echo(f"accepted {len(moved)}, rejected {len(decisions[1])}; records in {shown(path)}")
    left = len(loaded.items) - len(moved) - len(decisions[1])
    if left > 0:
        typer.echo(f"{left} item(s) left in {shown(loaded.path)}: policygraph review {source_id}")


#: accepted keys, rejected keys, renames (old id -> new id)
Decisions = tuple[list[str], list[str], dict[str, str], dict[str, str]]


def _apply_walked(
    loaded: "LoadedDraft", where: "Project", decisions: Decisions
) -> tuple[Path, list[str], Decisions]:
    """``apply_review`` of the walk's answers, and the answers as they ended. When it refuses
    items it can place in the draft, their problems are shown and only those items are asked
    about again, the other answers kept, until what is accepted is valid; a refusal it cannot
    place at an accepted item ends as ``apply_review``'s error does (exit 3, nothing written).
    """
    from policygraph.drafting.review import apply_review
    from policygraph.errors import RefusedItems

    while True:
        try:
            return (*apply_review(loaded, where, *decisions), decisions)
        except RefusedItems as err:
            asked = [k for k in err.keys if k in decisions[0]]
            if not asked:
                raise
            typer.echo("\n" + safe_text("\n".join(err.problems)), err=True)
            typer.echo(
                f"{len(asked)} accepted item(s) would make the data invalid: edit the id, "
                "reject or skip each (the other answers are kept)",
                err=True,
            )
            accepted, rejected, renames, relabels = decisions
            kept = [k for k in accepted if k not in asked]
            again, refused, renamed, relabelled = _walk(loaded, only=asked, choices="ersq")
            decisions = (
                [*kept, *again],
                [*rejected, *refused],
                {**renames, **renamed},
                {**relabels, **relabelled},
            )


def _walk(loaded: "LoadedDraft", only: Sequence[str] = (), choices: str = "aersq") -> Decisions:
    """Ask about each item in turn (or about the items ``only`` names): a(ccept), e(dit the
    id, and the label when it has one), r(eject), s(kip), q(uit), as ``choices`` allows;
    anything else skips."""
    from policygraph.drafting.review import item_notes

    items = [i for i in loaded.items if not only or i.key in only]
    names = {"a": "accept", "e": "edit id", "r": "reject", "s": "skip", "q": "quit"}
    question = ", ".join(names[c] for c in choices) + f"? [{'/'.join(choices)}]"
    accepted: list[str] = []
    rejected: list[str] = []
    renames: dict[str, str] = {}
    relabels: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        typer.echo(
            f"\n[{n}/{len(items)}] {item.section}: {item.key}  ({item.rule}, {item.confidence:.2f})"
        )
        for note in item_notes(item):
            typer.echo(f"  {note}")
        typer.echo(_show(loaded.text, item.quote))
        answer = typer.prompt(question, default="s")
        answer = answer if answer in choices else "s"
        if answer == "q":
            break
        if answer == "e":
            renames[item.key] = typer.prompt("new id", default=item.key)
            label = _label(item.item)
            if label is not None:
                relabels[item.key] = typer.prompt("label", default=label)
        if answer in ("a", "e"):
            accepted.append(item.key)
        elif answer == "r":
            rejected.append(item.key)
    return accepted, rejected, renames, relabels


def _label(item: object) -> str | None:
    """The label a draft item gives (its first), which ``e`` lets the reviewer change."""
    labels = item.get("labels") if isinstance(item, dict) else None
    if isinstance(labels, dict) and labels:
        return str(next(iter(labels.values())))
    return None
