// Question: Which relationships were read with low confidence and deserve a human check?
// Param: min=0.8
MATCH (a)-[r]->(b)
WHERE type(r) <> 'MENTIONS' AND r.confidence < $min
RETURN type(r) AS type, a.name AS source, b.name AS target, r.confidence AS confidence, r.evidence_articles AS articles
ORDER BY confidence, type, source, target
