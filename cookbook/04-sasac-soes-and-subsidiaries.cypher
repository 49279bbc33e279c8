// Question: Which SOEs does a supervising agency (SASAC) oversee, and what are their subsidiaries down to depth 3?
// Param: agency="state-owned-assets-supervision-and-administration-commission"
MATCH (soe:Organization)-[:SUPERVISED_BY]->(:Agency {id: $agency})
OPTIONAL MATCH chain = (sub:Organization)-[:SUBSIDIARY_OF*1..3]->(soe)
RETURN soe.name AS group_name, sub.name AS subsidiary, length(chain) AS depth
ORDER BY group_name, depth, subsidiary
