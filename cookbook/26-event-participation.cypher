// Question: How many participants did each event have, and who organised it?
MATCH (e:Event)
OPTIONAL MATCH (x)-[:PARTICIPATED_IN]->(e)
OPTIONAL MATCH (org)-[:ORGANIZED]->(e)
RETURN e.name AS event, e.kind AS kind, count(DISTINCT x) AS participants, count(DISTINCT org) AS organisers
ORDER BY participants DESC, event
