// Question: How many relationships of each type, and how many evidence sentences back them?
MATCH ()-[r]->()
WHERE type(r) <> 'MENTIONS'
RETURN type(r) AS type, count(*) AS relationships, sum(size(r.evidence_sentences)) AS sentences
ORDER BY relationships DESC, type
