// Question: Who approved what, and when?
MATCH (approver)-[r:APPROVED]->(x)
RETURN approver.name AS approved_by, labels(x)[1] AS what_label, x.name AS approved, r.date AS date
ORDER BY approved_by, approved
