// Question: Which entities have no relationship to any other entity (only article mentions) - candidates for review?
MATCH (n:Entity)
WHERE NOT EXISTS { MATCH (n)-[]-(:Entity) }
RETURN labels(n)[1] AS label, count(*) AS isolated, min(n.name) AS first_example, max(n.name) AS last_example
ORDER BY isolated DESC, label
