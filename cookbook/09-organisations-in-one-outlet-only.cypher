// Question: Which organisations appear only in one outlet's articles?
// Param: outlet="Mining & Metals Journal"
MATCH (a:Article)-[:MENTIONS]->(o:Organization)
WITH o, collect(DISTINCT coalesce(a.source, 'unknown source')) AS outlets, count(DISTINCT a) AS articles
WHERE outlets = [$outlet]
RETURN o.name AS organisation, o.kind AS kind, articles
ORDER BY articles DESC, organisation
