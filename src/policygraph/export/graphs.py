"""GraphML and GEXF (1.2) from the property graph of ``tables``, written by hand so that the
bytes are stable and every value is escaped the same way.

GraphML node ids must be XML name tokens, which IRIs are not, so nodes are ``n0``, ``n1``... in
IRI order and carry the IRI in their ``iri`` attribute. GEXF node ids are the IRIs themselves.
Both formats are XML 1.0: a character XML cannot carry is refused (see ``rdf.XML_FORBIDDEN``).
"""

from __future__ import annotations

from policygraph.errors import InputError
from policygraph.export.rdf import XML_FORBIDDEN, xml_attr, xml_text
from policygraph.export.tables import PropertyGraph

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GEXF_NS = "http://www.gexf.net/1.2draft"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Node keys every node has, before the literal properties.
NODE_FIELDS = ("label", "iri", "class")
EDGE_FIELDS = ("label", "predicate", "graph")


def check_chars(graph: PropertyGraph, fmt: str) -> None:
    """Refuse a value with a character XML 1.0 cannot carry, naming the node."""
    for node in graph.nodes:
        for key, value in (("label", node.label), ("iri", node.iri), *node.values.items()):
            found = XML_FORBIDDEN.search(value)
            if found:
                raise InputError(
                    f"{fmt} cannot hold U+{ord(found.group()):04X} (in {key} of {node.iri}): "
                    "XML 1.0 has no way to write it",
                    hint="export to turtle, trig, nt, nq or jsonld, which carry every character",
                )


def to_graphml(graph: PropertyGraph) -> str:
    """GraphML: typed ``<key>`` declarations, then a directed graph of nodes and edges."""
    check_chars(graph, "GraphML")
    lines = [
        _HEAD,
        f'<graphml xmlns="{_GRAPHML_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_GRAPHML_NS} '
        f'{_GRAPHML_NS}/1.0/graphml.xsd">\n',
    ]
    node_keys = {name: f"d{i}" for i, name in enumerate(NODE_FIELDS)}
    types = dict.fromkeys(NODE_FIELDS, "string")
    for i, attribute in enumerate(graph.attributes, start=len(NODE_FIELDS)):
        node_keys[attribute.key] = f"d{i}"
        types[attribute.key] = attribute.kind
    for name, key in node_keys.items():
        lines.append(
            f'  <key id="{key}" for="node" attr.name="{xml_attr(name)}" '
            f'attr.type="{types[name]}"/>\n'
        )
    for i, name in enumerate(EDGE_FIELDS):
        lines.append(f'  <key id="e{i}" for="edge" attr.name="{name}" attr.type="string"/>\n')
    lines.append('  <graph id="policygraph" edgedefault="directed">\n')
    ids = {node.iri: f"n{i}" for i, node in enumerate(graph.nodes)}
    for node in graph.nodes:
        fields = {"label": node.label, "iri": node.iri, "class": node.cls, **node.values}
        data = "".join(
            f'      <data key="{node_keys[k]}">{xml_text(v)}</data>\n' for k, v in fields.items()
        )
        lines.append(f'    <node id="{ids[node.iri]}">\n{data}    </node>\n')
    for i, edge in enumerate(graph.edges):
        values = (edge.label, edge.predicate, edge.graph)
        data = "".join(
            f'      <data key="e{k}">{xml_text(v)}</data>\n' for k, v in enumerate(values) if v
        )
        lines.append(
            f'    <edge id="e{i}" source="{ids[edge.source]}" target="{ids[edge.target]}">\n'
            f"{data}    </edge>\n"
        )
    lines.append("  </graph>\n</graphml>\n")
    return "".join(lines)


_GEXF_TYPES = {"string": "string", "long": "long", "double": "double", "boolean": "boolean"}


def to_gexf(graph: PropertyGraph) -> str:
    """GEXF 1.2: node and edge attribute declarations, nodes (id = IRI) and labelled edges."""
    check_chars(graph, "GEXF")
    lines = [
        _HEAD,
        f'<gexf xmlns="{_GEXF_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_GEXF_NS} '
        f'{_GEXF_NS}/gexf.xsd" version="1.2">\n',
        "  <meta>\n    <creator>policygraph</creator>\n  </meta>\n",
        '  <graph defaultedgetype="directed" mode="static">\n',
        '    <attributes class="node" mode="static">\n',
        '      <attribute id="class" title="class" type="string"/>\n',
    ]
    for i, attribute in enumerate(graph.attributes):
        lines.append(
            f'      <attribute id="a{i}" title="{xml_attr(attribute.key)}" '
            f'type="{_GEXF_TYPES[attribute.kind]}"/>\n'
        )
    lines.append("    </attributes>\n")
    lines.append('    <attributes class="edge" mode="static">\n')
    lines.append('      <attribute id="predicate" title="predicate" type="string"/>\n')
    lines.append('      <attribute id="graph" title="graph" type="string"/>\n')
    lines.append("    </attributes>\n    <nodes>\n")
    ids = {a.key: f"a{i}" for i, a in enumerate(graph.attributes)}
    for node in graph.nodes:
        values = {"class": node.cls} if node.cls else {}
        values.update({ids[k]: v for k, v in node.values.items()})
        lines.append(
            f'      <node id="{xml_attr(node.iri)}" label="{xml_attr(node.label)}">\n'
            f"{_attvalues(values)}      </node>\n"
        )
    lines.append("    </nodes>\n    <edges>\n")
    for i, edge in enumerate(graph.edges):
        values = {"predicate": edge.predicate, **({"graph": edge.graph} if edge.graph else {})}
        lines.append(
            f'      <edge id="{i}" source="{xml_attr(edge.source)}" '
            f'target="{xml_attr(edge.target)}" label="{xml_attr(edge.label)}">\n'
            f"{_attvalues(values)}      </edge>\n"
        )
    lines.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(lines)


def _attvalues(values: dict[str, str]) -> str:
    if not values:
        return ""
    inner = "".join(
        f'          <attvalue for="{key}" value="{xml_attr(value)}"/>\n'
        for key, value in values.items()
    )
    return f"        <attvalues>\n{inner}        </attvalues>\n"
