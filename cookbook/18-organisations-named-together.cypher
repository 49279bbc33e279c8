// Question: Which pairs of organisations are most often named in the same article?
MATCH (a:Article)-[:MENTIONS]->(x:Organization), (a)-[:MENTIONS]->(y:Organization)
WHERE x.id < y.id
RETURN x.name AS first, y.name AS second, count(DISTINCT a) AS articles
ORDER BY articles DESC, first, second
LIMIT 15
