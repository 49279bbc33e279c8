// Question: Which entities does one article name, by label?
// Param: article="dev20_mt_sasac_inspection"
MATCH (a:Article {id: $article})-[m:MENTIONS]->(n)
RETURN labels(n)[1] AS label, n.name AS name, m.count AS mentions
ORDER BY label, name
