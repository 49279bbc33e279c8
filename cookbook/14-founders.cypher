// Question: Which bodies or people founded which organisations, and when?
MATCH (f)-[r:FOUNDED]->(o:Organization)
RETURN f.name AS founder, labels(f)[1] AS founder_label, o.name AS founded, o.kind AS kind, r.date AS date
ORDER BY founded, founder
