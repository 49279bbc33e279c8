// Question: Who leads which state-owned enterprises, and in what role?
MATCH (p:Person)-[r:LEADS]->(o:Organization:SOE)
RETURN o.name AS soe, p.name AS leader, r.role AS role
ORDER BY soe, leader
