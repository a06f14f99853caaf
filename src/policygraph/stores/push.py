"""``push``: the built dataset to a SPARQL 1.1 server, by Update or by the Graph Store Protocol."""

from __future__ import annotations

from rdflib import URIRef

from policygraph.project import Project

PROTOCOLS = ("update", "gsp")


def push(
    project: Project,
    endpoint: str,
    *,
    protocol: str = "update",
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    replace: bool = False,
) -> dict[URIRef, int]:
    """Upload each named graph of the build; the triples pushed per graph."""
    from policygraph.errors import InputError
    from policygraph.serialize import named_graphs
    from policygraph.store import MemoryStore, load_file

    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}", hint="use update or gsp")
    graphs = named_graphs(MemoryStore(load_file(project.trig_path)).dataset())
    if protocol == "gsp":
        from policygraph.stores.gsp import gsp_url, put_graphs

        return put_graphs(gsp_endpoint or gsp_url(endpoint), graphs, replace=replace)
    from policygraph.stores.remote import RemoteStore, push_graphs

    return push_graphs(RemoteStore(endpoint, update_endpoint), graphs, replace=replace)


def push_target(endpoint: str, protocol: str, gsp_endpoint: str | None) -> str:
    """The URL the graphs go to, for messages."""
    if protocol == "gsp":
        from policygraph.stores.gsp import gsp_url

        return gsp_endpoint or gsp_url(endpoint)
    return endpoint
