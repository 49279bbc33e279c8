// Question: What does the graph say about a person, with the sentences it was read from?
// Param: person="Huang Zhenyu"
MATCH (p:Person {name: $person})-[r]->(x)
RETURN type(r) AS relation, x.name AS other, r.confidence AS confidence, r.evidence_sentences AS sentences
ORDER BY relation, other
