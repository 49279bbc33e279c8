// Question: What lies two steps from an organisation (its partners' partners), excluding itself?
// Param: org="China Rare Earth Group"
MATCH (o:Organization {name: $org})-[r1]-(x:Entity)-[r2]-(y:Entity)
WHERE y.id <> o.id
RETURN DISTINCT y.name AS reached, labels(y)[1] AS label, x.name AS via
ORDER BY label, reached, via
