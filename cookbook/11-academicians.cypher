// Question: Which academicians appear in the news, and which bodies do they belong to or lead?
MATCH (p:Person)
WHERE 'academician' IN p.honorifics OR any(t IN p.titles WHERE toLower(t) CONTAINS 'academician')
OPTIONAL MATCH (p)-[r:MEMBER_OF|LEADS]->(o:Organization)
RETURN p.name AS person, p.titles AS titles, type(r) AS tie, o.name AS body
ORDER BY person, body
