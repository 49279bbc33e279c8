// Question: Which research institutes are the most connected (distinct neighbours, article mentions excluded)?
MATCH (i:Institute)-[r]-(x:Entity)
RETURN i.name AS institute, count(DISTINCT x) AS neighbours, count(DISTINCT type(r)) AS tie_types
ORDER BY neighbours DESC, institute
LIMIT 10
