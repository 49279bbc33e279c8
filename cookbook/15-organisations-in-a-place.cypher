// Question: Which organisations sit in a place, directly or through a city located in it?
// Param: place="Ganzhou"
MATCH (o:Organization)-[:LOCATED_IN*1..2]->(l:Location {name: $place})
RETURN DISTINCT o.name AS organisation, o.kind AS kind
ORDER BY kind, organisation
