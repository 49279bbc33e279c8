// Question: Everything organised or held in a city in a given year: the events, their dates and organisers.
// Param: city="Ganzhou"
// Param: year="2024"
MATCH (e:Event)-[:LOCATED_IN]->(:Location {name: $city})
WHERE e.date STARTS WITH $year
OPTIONAL MATCH (org)-[:ORGANIZED]->(e)
RETURN e.name AS event, e.kind AS kind, e.date AS date, org.name AS organiser
ORDER BY date, event, organiser
