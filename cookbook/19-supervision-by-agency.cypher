// Question: Which agencies supervise which kinds of organisations, and how many?
MATCH (o:Organization)-[:SUPERVISED_BY]->(a:Organization)
RETURN a.name AS supervisor, o.kind AS kind, count(*) AS supervised, min(o.name) AS first_name
ORDER BY supervised DESC, supervisor, kind
