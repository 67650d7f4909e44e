"""Writers for the graph: files (JSON, GraphML, GEXF, JSON Lines), RDF and HTML."""
