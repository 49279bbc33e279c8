// Question: Which entity does an acronym or alias stand for?
// Param: alias="SASAC"
MATCH (n:Entity)
WHERE $alias IN n.aliases OR toLower(n.name) = toLower($alias)
RETURN n.id AS id, n.name AS name, labels(n) AS labels, n.aliases AS aliases
ORDER BY id
