// Question: What is the shortest chain of ties linking two people (ignoring article mentions)?
// Param: a="Lu Kaiwen"
// Param: b="Huang Zhenyu"
MATCH (a:Person {name: $a}), (b:Person {name: $b})
MATCH p = allShortestPaths((a)-[:LEADS|MEMBER_OF|VISITED|ORGANIZED|PARTICIPATED_IN|SUBSIDIARY_OF|SUPERVISED_BY|FOUNDED|APPROVED|LOCATED_IN*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS chain, length(p) AS hops
