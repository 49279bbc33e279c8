// Question: How many entities of each label does the graph hold?
MATCH (n:Entity)
RETURN labels(n) AS labels, count(*) AS entities
ORDER BY entities DESC, labels[size(labels) - 1]
