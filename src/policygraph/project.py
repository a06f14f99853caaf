"""The layout of a tracker project: the only module that knows a project's tree."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from policygraph.errors import NotFoundError

GRAPH_DIR = "graph"
TRIG_NAME = "policygraph.trig"
TURTLE_NAME = "policygraph.ttl"
JSONLD_NAME = "policygraph.jsonld"
OVERVIEW_NAME = "overview.html"
TIMELINE_NAME = "timeline.html"
FEED_NAME = "feed.atom"


@dataclass(frozen=True)
class Project:
    """Paths of one tracker project rooted at ``root``."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def records_dir(self) -> Path:
        return self.data_dir / "records"

    @property
    def queries_dir(self) -> Path:
        """A project's own named queries (``*.rq``), added to the packaged ones."""
        return self.root / "queries"

    @property
    def graph_dir(self) -> Path:
        return self.root / GRAPH_DIR

    @property
    def trig_path(self) -> Path:
        return self.graph_dir / TRIG_NAME

    @property
    def turtle_path(self) -> Path:
        return self.graph_dir / TURTLE_NAME

    @property
    def jsonld_path(self) -> Path:
        return self.graph_dir / JSONLD_NAME

    @property
    def overview_path(self) -> Path:
        return self.graph_dir / OVERVIEW_NAME

    @property
    def timeline_path(self) -> Path:
        return self.graph_dir / TIMELINE_NAME

    @property
    def store_dir(self) -> Path:
        """The embedded on-disk store (git-ignored)."""
        return self.root / ".policygraph" / "store"

    @property
    def build_cache_dir(self) -> Path:
        """``build``'s content-addressed cache (git-ignored; safe to delete)."""
        return self.root / ".policygraph" / "cache"

    @property
    def text_index_path(self) -> Path:
        """The full-text index of quotes and archived texts (git-ignored, rebuilt by ``build``)."""
        return self.root / ".policygraph" / "text.sqlite"

    @property
    def feed_path(self) -> Path:
        return self.graph_dir / FEED_NAME


def find_project(start: Path | None = None) -> Project:
    """The project containing ``start`` (default: the working directory).

    A project is a folder with a ``data/records`` folder; parents are searched as git does.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "records").is_dir():
            return Project(folder)
    raise NotFoundError(
        f"no policygraph project at {here} or above it (no data/records folder)",
        hint="run `policygraph init DIR` to create one, or pass --project DIR",
    )


def packaged(relative: str) -> Traversable:
    """A file shipped inside the package (``schema/ontology.ttl``, ``queries/x.rq``...)."""
    node: Traversable = resources.files("policygraph")
    for part in relative.split("/"):
        node = node / part
    return node
