"""``policygraph serve``: a small HTTP front that guards Oxigraph's read-only SPARQL server."""
