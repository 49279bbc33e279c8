// Question: Who holds a given kind of leadership role (chair, secretary, president ...) and where?
// Param: role="chair"
MATCH (p:Person)-[r:LEADS]->(o:Organization)
WHERE toLower(r.role) CONTAINS toLower($role)
RETURN p.name AS person, r.role AS role, o.name AS organisation, o.kind AS kind
ORDER BY organisation, person
