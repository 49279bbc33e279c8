// Question: Who visited a city, or a body located in it, and when?
// Param: city="Ganzhou"
MATCH (p:Person)-[v:VISITED]->(x)
WHERE x.name = $city OR EXISTS { MATCH (x)-[:LOCATED_IN]->(:Location {name: $city}) }
RETURN p.name AS visitor, x.name AS visited, v.date AS date
ORDER BY visitor, visited
