// ofsted-kg: saved queries for the analysts' questions
// One query per question, each after a comment header: its title, then what it answers.
// The queries that take a parameter name it; set them first (edit the values):
:param council => 'Haringey';
:param uid => 'Council:E09000014';
:param words => 'supervision';

// Recurring themes across councils
// Themes whose recommendations come from two or more inspections, with how many
// councils they come from: a theme raised in many councils is a national pattern.
MATCH (t:Theme)<-[:ABOUT]-(r:Recommendation)<-[:RECOMMENDED]-(i:Inspection)-[:INSPECTED]->(c:Council)
WITH t, count(DISTINCT i) AS inspections, count(DISTINCT c) AS councils,
     count(DISTINCT r) AS recommendations, collect(DISTINCT c.name) AS names
WHERE inspections >= 2
RETURN t.name AS theme, inspections, councils, recommendations, names[..12] AS some_councils
ORDER BY councils DESC, inspections DESC, theme;

// Recurring themes within each council over time
// A council and a theme its inspections raised again and again: recommendations on
// the theme from two or more of the council's inspections, with their years.
MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)-[:RECOMMENDED]->(:Recommendation)-[:ABOUT]->(t:Theme)
WITH c, t, count(DISTINCT i) AS inspections,
     collect(DISTINCT coalesce(i.year, toInteger(left(i.start_date, 4)))) AS years
WHERE inspections >= 2
RETURN c.name AS council, t.name AS theme, inspections, years
ORDER BY inspections DESC, council, theme
LIMIT 200;

// One council's recurring themes, inspection by inspection ($council)
// For each theme raised by two or more of the council's inspections, what each
// inspection recommended on it, oldest first.
MATCH (c:Council) WHERE c.name = $council OR c.code = $council
MATCH (c)<-[:INSPECTED]-(i:Inspection)-[:RECOMMENDED]->(r:Recommendation)-[:ABOUT]->(t:Theme)
WITH t, i, collect(r.text) AS recommendations
ORDER BY coalesce(i.start_date, toString(i.year))
WITH t, collect({
       inspection: coalesce(i.start_date, toString(i.year)),
       framework: i.framework,
       judgement: i.judgement,
       recommendations: recommendations
     }) AS history
WHERE size(history) >= 2
RETURN t.name AS theme, size(history) AS inspections, history
ORDER BY inspections DESC, theme;

// Near-identical recommendations and findings (SIMILAR_TO clusters)
// Recommendations and findings joined by SIMILAR_TO form clusters of near-identical
// wording; clusters spanning two or more inspections are recurring recommendations
// whether or not the theme taxonomy names them.
MATCH (x:Recommendation|Finding)-[:SIMILAR_TO]-()
WITH DISTINCT x
MATCH (x)-[:SIMILAR_TO*0..6]-(y:Recommendation|Finding)
WITH x, collect(DISTINCT y) AS members
// a cluster is named by the smallest uid among its members, so each is listed once
WITH x, members, reduce(least = x.uid, m IN members | CASE WHEN m.uid < least THEN m.uid ELSE least END) AS cluster
WHERE x.uid = cluster
UNWIND members AS m
MATCH (i:Inspection)-[:RECOMMENDED|FOUND]->(m)
OPTIONAL MATCH (i)-[:INSPECTED]->(c:Council)
WITH cluster, count(DISTINCT m) AS size, count(DISTINCT i) AS inspections,
     collect(DISTINCT c.name) AS councils, collect(DISTINCT m.text)[..4] AS wording
WHERE inspections >= 2
RETURN cluster, size, inspections, councils, wording
ORDER BY inspections DESC, size DESC, cluster
LIMIT 100;

// Who owns each action of a council's plans ($council)
// The board named as owner (OWNS); where no board is named, the boards that monitor
// the plan, reported as inherited; otherwise nobody.
MATCH (c:Council) WHERE c.name = $council OR c.code = $council
CALL (c) {
  // the council's plans: those answering its inspections, and those its boards monitor
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(p:ActionPlan)
  RETURN p
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(p:ActionPlan)
  RETURN p
}
MATCH (p)-[:INCLUDES]->(a:Action)
OPTIONAL MATCH (owner:Board)-[:OWNS]->(a)
WITH p, a, collect(DISTINCT owner.name) AS owners
OPTIONAL MATCH (monitor:Board)-[:MONITORS]->(p)
WITH p, a, owners, collect(DISTINCT monitor.name) AS monitors
RETURN p.title AS plan, a.reference AS ref, a.text AS action,
       CASE WHEN size(owners) > 0 THEN owners ELSE monitors END AS boards,
       CASE
         WHEN size(owners) > 0 THEN 'owns'
         WHEN size(monitors) > 0 THEN 'inherited: monitors the plan'
         ELSE 'nobody'
       END AS ownership
ORDER BY plan, ref, action;

// Boards by the actions they answer for
// Per board: actions it owns directly, and actions it inherits as the monitor of a
// plan whose action no board owns.
MATCH (b:Board)
OPTIONAL MATCH (b)-[:OWNS]->(owned:Action)
WITH b, count(DISTINCT owned) AS owned
OPTIONAL MATCH (b)-[:MONITORS]->(:ActionPlan)-[:INCLUDES]->(orphan:Action)
  WHERE NOT EXISTS { (:Board)-[:OWNS]->(orphan) }
WITH b, owned, count(DISTINCT orphan) AS inherited
OPTIONAL MATCH (b)-[:PART_OF]->(c:Council)
RETURN c.name AS council, b.name AS board, owned, inherited, owned + inherited AS total
ORDER BY total DESC, council, board
LIMIT 100;

// Actions no board owns
// Actions with no owning board and in no plan that a board monitors: nobody is
// answerable for them in the documents read.
MATCH (a:Action)
WHERE NOT EXISTS { (:Board)-[:OWNS]->(a) }
  AND NOT EXISTS { (:Board)-[:MONITORS]->(:ActionPlan)-[:INCLUDES]->(a) }
OPTIONAL MATCH (p:ActionPlan)-[:INCLUDES]->(a)
RETURN p.title AS plan, a.reference AS ref, a.text AS action, a.status AS status, a.due_date AS due
ORDER BY plan, ref, action
LIMIT 200;

// A council's timeline ($council)
// Inspections and their judgements, plans, meetings and actions falling due, by date.
MATCH (c:Council) WHERE c.name = $council OR c.code = $council
CALL (c) {
  MATCH (c)<-[:INSPECTED]-(i:Inspection)
  RETURN coalesce(i.start_date, toString(i.year)) AS date, 'inspection' AS kind,
         coalesce(i.framework, 'inspection') + coalesce(': ' + i.judgement, '') AS what, i.uid AS uid
  UNION
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(p:ActionPlan)
  RETURN p.submitted_date AS date, 'plan' AS kind, p.title AS what, p.uid AS uid
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(p:ActionPlan)
  RETURN p.submitted_date AS date, 'plan' AS kind, p.title AS what, p.uid AS uid
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)<-[:HELD_BY]-(m:Meeting)
  RETURN m.date AS date, 'meeting' AS kind, m.title AS what, m.uid AS uid
  UNION
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:CONSIDERED]-(m:Meeting)
  RETURN m.date AS date, 'meeting' AS kind, m.title AS what, m.uid AS uid
  UNION
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(a:Action)
  RETURN a.due_date AS date, 'action due' AS kind, a.text AS what, a.uid AS uid
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(:ActionPlan)-[:INCLUDES]->(a:Action)
  RETURN a.due_date AS date, 'action due' AS kind, a.text AS what, a.uid AS uid
}
RETURN date, kind, what, uid
ORDER BY date IS NULL, date, kind, what;

// Who sits on which of a council's boards ($council)
// Each board of the council with its chairs and its other members, by name or,
// where a document gives only the post, by role.
MATCH (c:Council) WHERE c.name = $council OR c.code = $council
MATCH (c)<-[:PART_OF]-(b:Board)
OPTIONAL MATCH (p:Person)-[tie:MEMBER_OF|CHAIRS]->(b)
WITH b, p, collect(type(tie)) AS ties
WITH b, collect(CASE WHEN p IS NOT NULL THEN {
       person: coalesce(p.name, p.role), chair: 'CHAIRS' IN ties
     } END) AS people
RETURN b.name AS board, b.kind AS kind,
       [x IN people WHERE x.chair | x.person] AS chairs,
       [x IN people WHERE NOT x.chair | x.person] AS members
ORDER BY board;

// People on more than one board
// Officers and councillors who sit on, or chair, two or more boards.
MATCH (p:Person)-[tie:MEMBER_OF|CHAIRS]->(b:Board)
OPTIONAL MATCH (p)-[:SERVES]->(c:Council)
WITH p, collect(DISTINCT c.name) AS councils, collect(DISTINCT b.name) AS boards,
     collect(DISTINCT CASE WHEN type(tie) = 'CHAIRS' THEN b.name END) AS chairs
WHERE size(boards) >= 2
RETURN coalesce(p.name, p.role) AS person, p.role AS role, councils, boards, chairs
ORDER BY size(boards) DESC, person;

// Find a node's uid by its words ($words)
// Full-text search over names, titles and texts, for the uid the provenance query takes.
CALL db.index.fulltext.queryNodes('entity_text', $words) YIELD node, score
RETURN labels(node) AS labels, node.uid AS uid,
       coalesce(node.name, node.title, node.text) AS words, score
ORDER BY score DESC
LIMIT 25;

// Where a node was read from ($uid)
// Each quote the node was read from, where it sits in the document, and the document.
MATCH (n {uid: $uid})-[e:EVIDENCED_BY]->(d:Document)
RETURN labels(n) AS labels, e.quote AS quote, e.start AS start, e.end AS end,
       d.title AS document, d.kind AS kind, d.date AS date, d.source AS source
ORDER BY date, source, start;

// Where a node's relationships were read from ($uid)
// The quote and document behind each of the node's relationships that a document asserted.
MATCH (n {uid: $uid})-[r]-(other)
WHERE r.quote IS NOT NULL AND type(r) <> 'EVIDENCED_BY'
OPTIONAL MATCH (d:Document {uid: r.document})
RETURN type(r) AS relationship, startNode(r) = n AS outgoing, other.uid AS other,
       r.quote AS quote, d.title AS document, d.source AS source
ORDER BY relationship, other;
