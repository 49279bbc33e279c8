// Question: How many events happened per month (events with a full year-month date)?
MATCH (e:Event)
WHERE e.date =~ '[0-9]{4}-[0-9]{2}.*'
RETURN substring(e.date, 0, 7) AS month, count(*) AS events, count(DISTINCT e.kind) AS kinds
ORDER BY month
