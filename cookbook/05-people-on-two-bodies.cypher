// Question: Which people sit on two bodies at once (lead or belong to two different organisations)?
MATCH (p:Person)-[r1:LEADS|MEMBER_OF]->(a:Organization), (p)-[r2:LEADS|MEMBER_OF]->(b:Organization)
WHERE a.name < b.name
RETURN p.name AS person, a.name AS first_body, type(r1) AS first_tie, b.name AS second_body, type(r2) AS second_tie
ORDER BY person, first_body, second_body
