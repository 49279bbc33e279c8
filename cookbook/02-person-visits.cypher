// Question: Which institutes and universities did a person visit, when, and which article says so?
// Param: person="Lu Kaiwen"
MATCH (p:Person {name: $person})-[v:VISITED]->(o:Organization)
WHERE o:Institute OR o:University
RETURN o.name AS visited, o.kind AS kind, v.date AS date, v.evidence_articles AS articles
ORDER BY date, visited
