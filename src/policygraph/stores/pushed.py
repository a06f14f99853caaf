"""What a push sent, and whether a failed write surely changed nothing: shared by both ways of
pushing (SPARQL Update in ``push``, the Graph Store Protocol in ``gsp``)."""

from __future__ import annotations

import socket
import urllib.error
from dataclasses import dataclass

from rdflib import URIRef

from policygraph.errors import PolicyGraphError, QueryTimeout


@dataclass(frozen=True)
class Pushed:
    """What a push sent: triples per named graph, and the triples of the default graph."""

    graphs: dict[URIRef, int]
    default: int

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def not_applied(err: PolicyGraphError) -> str:
    """Why a failed write surely changed nothing on the server, or "" when that is unknown."""
    cause = err.__cause__
    if isinstance(err, QueryTimeout):
        return ""
    if isinstance(cause, urllib.error.HTTPError):
        return "the server refused it"
    if isinstance(getattr(cause, "reason", None), ConnectionRefusedError | socket.gaierror):
        return "nothing was sent"
    return ""
