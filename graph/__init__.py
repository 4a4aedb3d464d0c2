"""The alliance network in the graph database, reached only through the neo4j driver."""
