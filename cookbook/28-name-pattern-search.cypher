// Question: Which organisations match a name pattern (a regular expression)?
// Param: pattern="(?i).*rare.?earth.*group.*"
MATCH (o:Organization)
WHERE o.name =~ $pattern
RETURN o.name AS organisation, o.kind AS kind, size(o.aliases) AS aliases
ORDER BY organisation
