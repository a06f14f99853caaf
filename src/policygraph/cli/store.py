"""Commands of this area are registered here (see policygraph.cli)."""
