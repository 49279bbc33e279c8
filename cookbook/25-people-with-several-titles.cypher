// Question: Which people hold several titles at once?
MATCH (p:Person)
WHERE size(p.titles) > 1
RETURN p.name AS person, p.titles AS titles, size(p.titles) AS how_many
ORDER BY how_many DESC, person
