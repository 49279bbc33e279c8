// Question: Which people or organisations took part in the same event?
MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
WHERE a.name < b.name
RETURN e.name AS event, a.name AS first_participant, b.name AS second_participant
ORDER BY event, first_participant, second_participant
