"""Store implementations, all on Oxigraph: in memory, embedded on disk, remote SPARQL 1.1.

The public entry point is ``policygraph.store`` (``open_store``, ``Store``, ``MemoryStore``).
"""
