// Question: Which universities are within two ties of an SOE or a company (article mentions excluded)?
MATCH (u:University)-[:LEADS|MEMBER_OF|VISITED|ORGANIZED|PARTICIPATED_IN|SUBSIDIARY_OF|FOUNDED|APPROVED|LOCATED_IN*1..2]-(c:SOE|Company)
RETURN DISTINCT u.name AS university, c.name AS industry, c.kind AS kind
ORDER BY university, industry
