"""Rules about organisations: parents, overseers, places, founders, approvers, organisers.

Mixed into `RelationExtractor`; each rule is a named regex over a sentence template.
"""
from __future__ import annotations

import re

from rekg.loaders.extract.template import L, LIST, SLOT, THE, O, build_template

from rekg.loaders.extract.doc import LocalEnt
from rekg.loaders.extract.events import event_of

LIST_TRIGGER = re.compile(r"\b(?:subsidiaries|units|affiliates|member companies|member enterprises|subordinate (?:units|enterprises)|holdings) (?:include|includes|including|are|such as|comprise|span)\b")
APPOSITION = r"(?:, (?:a |an |the )?[^§,;]*?(?:§L\d+§[^§,;]*?)?,)?"  # ', headquartered in the city of Xiamen,'
SUBJECT = rf"(?:.*? -- )?{THE}{O}"  # the sentence's subject, after any dateline
OWNED = r"(?:(?:wholly|majority|partly|jointly)[- ])?owned by|controlled by|affiliated (?:to|with)|subordinate to|(?:a )?part of|attached to"
# a government notice's numbered list: '... has approved the following centres:', '1.', 'X.', 'Lead builder: A; co-builder: B.', 'Location: C.'
APPROVES_FOLLOWING = re.compile(
    rf"{O} (?:has |have |hereby |formally |officially )*(?:approved|designated|recogni[sz]ed|accredited|identified|selected|named|confirmed|certified|listed) (?:the following|as follows)")
LIST_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-z][.)]|[IVX]{1,4}\.)$")
BUILDER_FIELD = re.compile(
    rf"(?:^|; )(?:[Ll]ead(?:ing)? (?:builder|unit|applicant|institution|organi[sz]ation)|[Cc]o-?builders?|[Jj]oint builders?|[Bb]uilders?|"
    rf"[Cc]onstruction units?|[Pp]artners?|[Ff]ounders?|[Cc]o-founders?): (?P<list>{LIST})")
PLACE_FIELD = re.compile(rf"^(?:Location|Located in|Address|Seat|Headquarters|Base): {L}")
PLACE_WORD = r"(?: city| county| prefecture| district| province)?"
DIRECTION = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
UNIT_HEADS = {"School", "College", "Laboratory", "Lab", "Institute", "Department", "Branch", "Center", "Centre", "Division", "Bureau"}


class OrgRules:
    """Organisation -> organisation / place / event rules."""

    def org_rules(self) -> list:
        return [
            ("org-under-org", re.compile(
                rf"{O}{APPOSITION},? (?:which |that )?(?:is |was |are )?(?:now |also |in turn )?(?:as (?:a |an )?(?:[\w-]+ ){{0,2}}?(?:enterprise|company|group|unit|institute|body) )?"
                rf"(?:under|directly under|affiliated (?:to|with)|(?:a |an |the )(?:[\w-]+ ){{0,3}}?(?:unit|subsidiary|division|branch|arm|member company|member enterprise|institute|platform) (?:of|under)|"
                rf"part of|a part of|(?:(?:wholly|majority|partly|jointly)[- ])?owned by|controlled by|belongs? to|belonging to|subordinate to|sits? (?:within|under)|established under|set up under) {THE}{O}"), self._subsidiary),
            ("org-is-subsidiary-of", re.compile(
                rf"{O} (?:is|was|became|has become|remains) (?:now )?(?:(?:a|an|the) )?(?:[\w-]+ ){{0,2}}(?:subsidiary|unit|division|arm|branch|member|affiliate) (?:of|under) {THE}{O}"), self._subsidiary),
            ("unit-of-body", re.compile(rf"{O} of {THE}{O}"), self._unit_of_body),
            ("org-parent-paren", re.compile(rf"{O} \({THE}{O}\)"), self._parent_in_parentheses),
            ("org-comma-academy", re.compile(rf"{O} ?, {O}(?! ?,? and| ?, §)"), self._parent_after_comma),
            ("which-org-controls", re.compile(rf"{O}, which {THE}{O} (?:controls|owns|runs)\b"), self._subsidiary),
            ("org-owns-org", re.compile(
                rf"{O}{APPOSITION},? (?:which |that )?(?:in turn )?(?:owns|controls|is the controlling shareholder of|holds a controlling stake in) {THE}{O}"), self._parent_first),
            ("one-of-its-subsidiaries", re.compile(rf"{O},? (?:one of|among) {O}(?:'s?)? (?:[\w-]+ )?(?:subsidiaries|units|affiliates|arms)"), self._subsidiary),
            ("org-possessive-arm", re.compile(rf"{O}, (?:the |a |an )?{O}'s? (?:[\w-]+ ){{0,3}}(?:arm|unit|subsidiary|division|branch|affiliate)\b"), self._subsidiary),
            ("org-own-unit", re.compile(rf"{O}(?P<poss>'s?)? {O}"), self._own_unit),
            ("org-subordinate-list", re.compile(rf"{O}(?:'s)? subordinate (?:units? |enterprises? |companies )?(?P<rest>{LIST})"), self._subordinate_list),
            ("subsidiaries-include", re.compile(
                rf"(?:{O}(?:'s?)?|[Ii]ts|[Tt]heir) (?:[\w-]+ ){{0,3}}?(?:subsidiaries|units|affiliates|member companies|member enterprises|subordinate (?:units|enterprises)|holdings) (?:include|includes|including|are|such as|comprise|span)(?: companies such as)? (?P<rest>.*)"), self._subsidiaries_include),
            ("org-subsidiary-org", re.compile(rf"{O}(?:'s?)? (?:[\w-]+ )?(?:subsidiary|unit|arm|affiliate),? {O}"), self._possessive_subsidiary),
            ("org-has-parent", re.compile(rf"^(?:§L\d+§ ?-(?:based|headquartered) )?{THE}{O}[^;§]*? (?:its|one|a|the) (?:[\w-]+ )?parent(?: company| group)?,? {THE}{O}"), self._subsidiary),
            ("within-org", re.compile(rf"{O}(?P<mid>[^§]*?) within {THE}{O}(?:'s)? (?:ecosystem|group|system|family|conglomerate|structure|framework)"), self._within),
            ("supervised-by", re.compile(
                rf"{O}(?:,[^§;]*?,)?,? (?:(?:a|an|the) [^§,;]*? )?(?:which |that )?(?:is |are |was |were )?(?:directly )?(?:overseen|supervised|regulated|administered|managed|governed) (?:directly )?by {THE}{O}"), self._supervised),
            ("supervised-by-fronted", re.compile(
                rf"^(?:.*? and )?(?:directly )?(?:overseen|supervised|regulated|administered|governed) by {THE}{O}[^§]*?, {THE}{O}"), self._supervised_fronted),
            ("reports-to", re.compile(rf"{O},? (?:which |that )?(?:also |directly )?(?:reports|answers|report|answer) (?:directly )?to {THE}{O}"), self._supervised),
            ("which-oversees", re.compile(rf"{O}, (?:which|that) (?:also |directly )?(?:oversees|supervises|regulates|administers) (?P<list>{LIST})"), self._oversees),
            ("supervising-unit-is", re.compile(
                rf"{O}[^§]*? (?:whose|its|their) (?:[\w-]+ )?(?:supervising|supervisory|competent|governing|administrative) (?:unit|authority|body|department|agency) (?:is|was) {THE}{O}"), self._supervised),
            ("under-supervision-of", re.compile(
                rf"{O}[^§]*? under the (?:supervision|oversight|administration|guidance) of {THE}{O}"), self._supervised),
            ("subject-and-based-in", re.compile(rf"^{SUBJECT}[^;]*?,? and (?:is |was |will be |has been )?(?:now |also )?(?:headquartered|based|located) in (?:the city of )?{L}"), self._org_located),
            ("subject-and-subsidiary", re.compile(
                rf"^{SUBJECT}[^;]*?,? and (?:is|was|has been|remains) (?:now )?(?:(?:a|an|the) (?:[\w-]+ ){{0,2}}(?:subsidiary|unit|division|arm|branch|affiliate) of|{OWNED}) {THE}{O}"), self._subsidiary),
            ("owner-is", re.compile(
                rf"(?:{O}(?:'s?)?|[Tt]he) (?:(?:largest|biggest|main|major|single largest|controlling|majority|actual|ultimate|de facto) )+(?:shareholder|owner|controller|stakeholder)(?: of {THE}{O})? "
                rf"(?:is|was|remains|became|has become) {THE}{O}"), self._owner),
            ("org-apposed-unit-of", re.compile(
                rf"{O}, (?:a|an|the) (?:[\w-]+ ){{0,4}}?(?:agency|institute|institution|unit|arm|department|bureau|subsidiary|affiliate|branch|division|body|cent(?:er|re)|laboratory|lab|company|enterprise|firm) "
                rf"(?:of|under|affiliated (?:to|with)|attached to|belonging to|owned by|run by|within) {THE}{O}"), self._subsidiary),
            ("org-apposed-owner-unit", re.compile(
                rf"{O}, (?:a|an) {O}(?:-(?:run|owned|affiliated|backed|controlled))? (?:[\w-]+ )?(?:institute|unit|subsidiary|laboratory|lab|company|firm|enterprise|arm|affiliate|school|college)\b"), self._subsidiary),
            ("org-is-org-subordinate", re.compile(
                rf"{O} (?:is|was|as) (?:a |an |the )?{O}(?:'s?)? (?:directly )?(?:subordinate|affiliated|wholly[- ]owned|majority[- ]owned)\b"), self._subsidiary),
            ("subject-and-supervised", re.compile(
                rf"^{SUBJECT}[^;]*?,? and (?:is |was |has been )?(?:directly )?(?:overseen|supervised|regulated|administered) (?:directly )?by {THE}{O}"), self._supervised),
            ("headquartered-in", re.compile(
                rf"{O}(?:,[^§]*?,)?,? (?:which |that )?(?:is |was |are |has been )?(?:also |now )?(?:headquartered|based|located|situated|registered) (?:in |at )?(?:the city of )?(?:{L}, )?{L}"), self._org_located),
            ("headquartered-fronted", re.compile(rf"^(?:Headquartered|Based|Located) in {L}(?:, {L})?, {THE}{O}"), self._located_fronted),
            ("place-based-org", re.compile(rf"{L} ?-(?:based|headquartered) {THE}{O}"), self._place_based),
            ("org-the-place-based", re.compile(rf"{O},? (?:a |an |the )?{L} ?-(?:based|headquartered)"), self._org_located),
            ("where-org-is-based", re.compile(rf"{L},? where {THE}{O} is (?:based|headquartered|located)"), self._place_based),
            ("org-headquarters-in", re.compile(rf"{O}'s? (?:headquarters|head office|offices|main office|main campus) (?:is |are |was )?(?:located )?in {L}"), self._org_located),
            ("place-a-city-in", re.compile(
                rf"{L}, (?:a|an|the) (?:[\w-]+ )?(?:city|county|town|district|prefecture|port|region|province)(?: city)? (?:in|of) {THE}{DIRECTION}(?:§L\d+§'s? {DIRECTION})?{L}"), self._place_apposed),
            ("place-possessive-place", re.compile(rf"{L}(?: province| region)?'s? {L} (?:prefecture|city|county|district)\b"), self._place_in_possessor),
            ("place-city-of-place", re.compile(rf"{L} (?:city|county|prefecture|district) of {L}(?: province| region)?"), self._place_apposed),
            ("place-capital-of", re.compile(rf"{L}, (?:the )?(?:[\w-]+ )?capital(?: city)? of {THE}{L}"), self._place_apposed),
            ("with-headquarters-in", re.compile(rf"{O}[^§;]*? with (?:its |their )?(?:headquarters?|head office|offices) (?:in|at) {L}"), self._org_located),
            ("subject-comma-located-in", re.compile(rf"^(?:\d+\. )?{THE}{O}, [^;]*?, (?:located|headquartered|based|situated) in {L}"), self._org_located),
            ("at-org-in-place", re.compile(rf"\b(?:at|with) {THE}{O} in {L}(?=[.;,]|$)"), self._org_located),
            ("place-in-place", re.compile(rf"{L}{PLACE_WORD},? (?:(?:located|situated|which is|is) )?in {THE}{DIRECTION}{L}(?:, {L})?"), self._place_chain),
            ("places-in-place", re.compile(rf"(?P<list>{L}(?:, {L})*,? and {L})(?: (?:counties|cities|prefectures|districts|provinces))?,? (?:all |both )?in {DIRECTION}{L}"), self._places_in_place),
            ("place-comma-place", re.compile(rf"{L}{PLACE_WORD} ?, {L}"), self._place_pair),
            ("approved-establishment-by", re.compile(
                rf"{O} (?:has |had )?(?:officially |formally )?approved the (?:establishment|founding|creation|construction|setting up|building) of {THE}{O} by {THE}{O}"), self._approved_with_founder),
            ("org-approved-org", re.compile(
                rf"{O} (?:has |had |recently |officially |formally )*(?:approved|authori[sz]ed|designated|accredited|licensed) (?:the (?:establishment|founding|creation|construction|setting up|building) of )?{THE}{O}"), self._approved),
            ("creation-approved-by", re.compile(
                rf"{O}(?:'s?)? (?:creation|establishment|founding|formation|setting up) (?:was|were|has been|had been) (?:officially |formally )?approved by {THE}{O}"), self._approved_passive),
            ("founded-with-approval-of", re.compile(
                rf"{O}[^§]*? (?:founded|established|set up|created)[^§]*? with the approval of {THE}{O}"), self._approved_passive),
            ("approved-by-no-subject", re.compile(rf"(?:^|[^§] )(?:was|were|has been|had been) (?:officially |formally )?approved by {THE}{O}"), self._approved_event_only),
            ("org-was-approved-by", re.compile(
                rf"{O} (?:itself )?(?:was|were|has been|had been|is|have been) (?:officially |formally |recently )*(?:approved|authori[sz]ed|designated|accredited|recognized|recognised)(?: as [^§]*?)? by {THE}{O}"), self._approved_passive),
            ("was-founded-by", re.compile(
                rf"{O}(?:, (?:which|that) [^;]*?,)? (?:was|were|is|has been|had been) (?:jointly |originally |officially )?(?:established|founded|set up|created|formed|launched|initiated|built|co-built|co-founded)(?: in \d{{4}}| in §D\d+§| on §D\d+§)? by (?P<rest>.*)"), self._founded_passive),
            ("org-comma-founded-by", re.compile(
                rf"{O}, (?:jointly |originally |officially )?(?:established|founded|set up|created|co-founded|built|co-built)(?: in \d{{4}}| in §D\d+§| on §D\d+§)? by (?P<rest>.*)"), self._founded_passive),
            ("parties-jointly-establish", re.compile(
                rf"\b(?:to|will|would|shall|agreed to|plan to|plans to) (?:jointly|together|co-)(?:[- ])?(?:establish|set up|build|found|create|launch) {THE}(?:[\w-]+ ){{0,3}}?{O}"), self._founded_jointly),
            ("formed-by-merging", re.compile(
                rf"{O} (?:was|were|has been|had been) (?:created|formed|established|set up|founded) (?:by|through|via) (?:merging|the merger of|combining|consolidating|the consolidation of|integrating|restructuring) (?P<rest>[^;]*)"), self._founded_by_merger),
            ("list-founded-org", re.compile(
                rf"(?P<list>{LIST})(?: \(§O\d+§\))? (?:have |has |had )?(?:jointly |together |co-)?(?:established|founded|set up|created|formed|launched) (?:a |an |the )?(?:[\w-]+ ){{0,3}}?{O}"), self._founded_active),
            ("organized-by", re.compile(
                rf"(?P<subj>(?:[Tt]he |[Tt]his |[Tt]hat )?(?:[\w-]+ ){{0,4}}?(?:event|conference|forum|meeting|summit|symposium|seminar|expo|exhibition|ceremony|workshop|congress|competition|session|gathering|{O})|^It)(?:,)? (?:was|is|were|are|has been|had been|will be) (?:jointly |co-)?(?:organi[sz]ed|hosted|co-organi[sz]ed|co-hosted|sponsored|convened|initiated|held|undertaken|guided) (?:jointly )?by (?P<rest>.*)"), self._organized_passive),
            ("list-organized-event", re.compile(
                rf"(?P<list>{LIST})(?:, (?:a|an|the) [^;]*?,)? (?:jointly |together |co-)?(?:organi[sz]ed|hosted|co-hosted|convened|held|sponsored) (?:the|a|an|its|their|§O\d+§) (?:[\w-]+ ){{0,6}}?(?:event|conference|forum|meeting|summit|symposium|seminar|expo|exhibition|ceremony|workshop)"), self._organized_active),
            ("event-organized-by", re.compile(
                r"(?i:event|conference|forum|meeting|summit|symposium|seminar|expo|exhibition|workshop)(?:[^§]|§D\d+§)*?,? (?:jointly )?(?:organi[sz]ed|hosted|co-organi[sz]ed|co-hosted|sponsored) (?:jointly )?by (?P<rest>.*)"), self._organized_passive_event),
            ("hosted-by-fronted", re.compile(
                r"(?:^|,? and )(?:[Jj]ointly )?(?:[Hh]osted|[Oo]rgani[sz]ed|[Cc]o-organi[sz]ed|[Cc]o-hosted|[Ss]ponsored|[Uu]ndertaken) by (?=(?P<rest>.*))"), self._organized_passive_event),
            ("serving-as-organizer", re.compile(
                rf"{O},? (?:serving |acting )?as (?:the |a |an |its )?(?:[\w-]+ )?(?:organi[sz]er|co-organi[sz]er|host|co-host|undertaker|undertaking unit|sponsor|co-sponsor)s?\b"), self._organizer_role),
            ("org-possessive-briefing", re.compile(
                rf"{O}'s? (?:[\w-]+ ){{0,2}}?(?:press briefing|briefing|press conference|annual meeting|annual conference)\b"), self._organizer_role),
        ]

    def _subsidiary(self, m, rule):
        child, parent = self.e(m.group(1)), self.e(m.groups()[-1])
        ents = self.doc.entities
        under = re.search(r" (?:directly )?under (?:the )?§O\d+§$", m.group(0)) and not re.search(r"subsidiary|unit|division|branch|arm|member", m.group(0))
        if under and parent and child and ents[parent].kind == "Agency" and ents[child].kind != "Agency":
            self.add("SUPERVISED_BY", child, parent, rule, 0.8)  # 'an enterprise under SASAC' is overseen, not owned
            return
        self.add("SUBSIDIARY_OF", child, parent, rule, 0.85)

    def _listed_item(self, tpl) -> None:
        """A notice's numbered list: each item is approved by the body that lists it; its
        'Lead builder / co-builder' fields founded it, its 'Location' field places it."""
        st, text = self.listing, tpl.text.rstrip(".")
        if m := APPROVES_FOLLOWING.search(tpl.text):
            st.update(approver=self.e(m.group(1)), item=None)
        elif LIST_NUMBER.match(tpl.text.strip()):
            st.update(expect=True, item=None)
        elif st.get("expect") and (m := re.fullmatch(rf"{THE}{O}", text)):
            st.update(expect=False, item=self.e(m.group(1)))
            self.add("APPROVED", st.get("approver"), st["item"], "notice-list-item", 0.8)
        elif st.get("item") and (BUILDER_FIELD.search(text) or PLACE_FIELD.match(text)):
            for m in BUILDER_FIELD.finditer(text):
                for src in self.list_entities(m.group("list"), "O"):
                    self.add("FOUNDED", src, st["item"], "notice-builder-field", 0.8)
            if m := PLACE_FIELD.match(text):
                self.add("LOCATED_IN", st["item"], self.e(m.group(1)), "notice-place-field", 0.8)
        else:
            st.update(expect=False, item=None)

    def _owner(self, m, rule):
        """'X's largest shareholder is Y', 'its actual controller is Z': owned by a firm, or answerable to an agency."""
        slots = [n for c, n in SLOT.findall(m.group(0)) if c == "O"]
        child, parent = self.e(slots[0]), self.e(slots[-1])
        if len(slots) < 2 or not child or not parent:
            return
        kind = "SUPERVISED_BY" if self.doc.entities[parent].kind == "Agency" else "SUBSIDIARY_OF"
        self.add(kind, child, parent, rule, 0.8)

    def _parent_first(self, m, rule):
        self.add("SUBSIDIARY_OF", self.e(m.groups()[-1]), self.e(m.group(1)), rule, 0.8)

    def _parent_after_comma(self, m, rule):
        """'Institute of Physics, Chinese Academy of Sciences': an institute, then its academy."""
        child, parent = self.tpl.slot(m.group(1)), self.tpl.slot(m.group(2))
        ents = self.doc.entities
        if (child.entity and parent.entity and parent.rule == "org:gazetteer" and ents[parent.entity].kind == "Institute"
                and ents[child.entity].kind in ("Institute", "University") and not child.ref):
            self.add("SUBSIDIARY_OF", child.entity, parent.entity, rule, 0.75)

    def _own_unit(self, m, rule):
        """"the university's School of Chemistry", "its State Key Laboratory": a unit of the owner."""
        owner, unit = self.tpl.slot(m.group(1)), self.tpl.slot(m.group(3))
        if not m.group("poss") and owner.text.lower() not in ("its", "their"):
            return
        if unit.data.get("head") in UNIT_HEADS and not unit.ref:
            self.add("SUBSIDIARY_OF", unit.entity, owner.entity, rule, 0.75)

    def _subordinate_list(self, m, rule):
        for child in self.list_entities(m.group("rest"), "O"):
            self.add("SUBSIDIARY_OF", child, self.e(m.group(1)), rule, 0.75)

    def _unit_of_body(self, m, rule):
        """'the Institute of X (IX) of the Y Academy': a unit, then (past its acronym) the body it belongs to."""
        unit, body = self.tpl.slot(m.group(1)), self.tpl.slot(m.group(2))
        ents = self.doc.entities
        if unit.entity and body.entity and unit.text.split()[0] in UNIT_HEADS | {"State", "Key"} and not unit.ref and ents[body.entity].kind in ("Institute", "University", "Agency", "Association", "SOE"):
            self.add("SUBSIDIARY_OF", unit.entity, body.entity, rule, 0.75)

    def _parent_in_parentheses(self, m, rule):
        child, parent = self.e(m.group(1)), self.e(m.group(2))
        ents = self.doc.entities
        if child and parent and ents[child].kind in ("Institute", "University") and ents[parent].kind in ("Institute", "SOE", "University", "Agency"):
            self.add("SUBSIDIARY_OF", child, parent, rule, 0.75)

    def _subsidiaries_include(self, m, rule):
        owner = self.e(m.group(1)) if m.group(1) else None
        if owner is None or self.doc.entities[owner].label != "Organization":
            return
        self._promote_list_members()
        tpl = build_template(self.doc, self.tpl.sentence)  # again, with the promoted names as slots
        again = re.search(r"(?:subsidiaries|units|affiliates|member companies|member enterprises|subordinate (?:units|enterprises)|holdings) (?:include|includes|including|are|such as|comprise|span)(?: companies such as)? (?P<rest>.*)", tpl.text)
        self.tpl = tpl
        for child in self.list_entities(again.group("rest") if again else "", "O"):
            self.add("SUBSIDIARY_OF", child, owner, rule, 0.85)

    def _promote_list_members(self) -> None:
        """Unexplained names listed after 'subsidiaries include' are organisations too."""
        s = self.tpl.sentence
        trig = LIST_TRIGGER.search(s.text)
        if not trig:
            return
        for x in self.doc.mentions:
            if x.label == "Proper" and x.entity is None and x.start >= s.start + trig.end() and x.end <= s.end:
                after = self.doc.text[x.end:x.end + 5]
                if re.match(r"(?:,|\)|\.| and\b| \(|$)", after):
                    eid = f"e{len(self.doc.entities) + 1}"
                    self.doc.entities[eid] = LocalEnt(eid, "Organization", x.text, kind="Company", kind_score=0.3, rule="org:list-member")
                    x.entity, x.label, x.rule = eid, "Organization", "org:list-member"
                    for alias in x.data.get("alias_names", []):
                        self.doc.entities[eid].aliases.add(alias)

    def _possessive_subsidiary(self, m, rule):
        self.add("SUBSIDIARY_OF", self.e(m.group(2)), self.e(m.group(1)), rule, 0.8)

    def _within(self, m, rule):
        mid = m.group("mid")
        subj = m.group(1)
        for c, n in SLOT.findall(mid):  # the org nearest before 'within' is the clause's subject
            if c == "O":
                subj = n
        if re.search(r"\bwhile\b|;", mid) and subj == m.group(1):
            return
        self.add("SUBSIDIARY_OF", self.e(subj), self.e(m.groups()[-1]), rule, 0.75)

    def _supervised(self, m, rule):
        self.add("SUPERVISED_BY", self.e(m.group(1)), self.e(m.group(2)), rule, 0.85)

    def _oversees(self, m, rule):
        for org in self.list_entities(m.group("list"), "O"):
            self.add("SUPERVISED_BY", org, self.e(m.group(1)), rule, 0.8)

    def _supervised_fronted(self, m, rule):
        self.add("SUPERVISED_BY", self.e(m.group(2)), self.e(m.group(1)), rule, 0.8)

    def _org_located(self, m, rule):
        if rule == "headquartered-in" and re.search(r"\bby (?:[^§]*?§O\d+§ )*?[^§]*$", m.string[:m.start()]) and " and " in m.string[max(0, m.start() - 6):m.start()]:
            return  # 'founded by A and B, located in C': the place is the founded body's, not B's
        self.add("LOCATED_IN", self.e(m.group(1)), self.e(next(g for g in m.groups()[1:] if g)), rule, 0.85)

    def _located_fronted(self, m, rule):
        self.add("LOCATED_IN", self.e(m.group(3)), self.e(m.group(1)), rule, 0.8)

    def _places_in_place(self, m, rule):
        for c, n in SLOT.findall(m.group("list")):
            self.add("LOCATED_IN", self.e(n), self.e(m.groups()[-1]), rule, 0.8)

    def _place_apposed(self, m, rule):
        """'Hami, a city in northwest China's Xinjiang': the place, then the larger one it lies in."""
        if self.label(m.group(1)) == "Location":
            self.add("LOCATED_IN", self.e(m.group(1)), self.e(m.groups()[-1]), rule, 0.85)

    def _place_in_possessor(self, m, rule):
        """'Yunnan province's Honghe prefecture': the possessed place lies in the possessor."""
        if self.label(m.group(1)) == "Location" and self.label(m.group(2)) == "Location":
            self.add("LOCATED_IN", self.e(m.group(2)), self.e(m.group(1)), rule, 0.85)

    def _place_based(self, m, rule):
        self.add("LOCATED_IN", self.e(m.group(2)), self.e(m.group(1)), rule, 0.85)

    def _place_chain(self, m, rule):
        a, b, c = (self.e(g) if g else None for g in m.groups())
        if self.label(m.group(1)) != "Location":
            return
        self.add("LOCATED_IN", a, b, rule, 0.85)
        if c:
            self.add("LOCATED_IN", b, c, rule, 0.85)

    def _place_pair(self, m, rule):
        """'Ganzhou, Jiangxi Province': a place followed by the larger place that holds it."""
        a, b = self.e(m.group(1)), self.e(m.group(2))
        ea, eb = self.doc.entities.get(a), self.doc.entities.get(b)
        if not ea or not eb:
            return
        rank = {"city": 0, "region": 1, "province": 1, "country": 2}
        if ea.properties.get("_parent") == eb.name or (rank.get(ea.kind, 0) < rank.get(eb.kind, 0) and eb.kind == "country" and ea.kind != "country"):
            self.add("LOCATED_IN", a, b, rule, 0.8)

    def _approved_with_founder(self, m, rule):
        self.add("APPROVED", self.e(m.group(1)), self.e(m.group(2)), rule, 0.9)
        self.add("FOUNDED", self.e(m.group(3)), self.e(m.group(2)), rule, 0.85)
        self._approval_event(m.group(1))

    def _approved(self, m, rule):
        self.add("APPROVED", self.e(m.group(1)), self.e(m.group(2)), rule, 0.85)
        self._approval_event(m.group(1))

    def _approved_passive(self, m, rule):
        self.add("APPROVED", self.e(m.group(2)), self.e(m.group(1)), rule, 0.85)
        self._approval_event(m.group(2))

    def _approved_event_only(self, m, rule):
        self._approval_event(m.group(1))

    def _approval_event(self, approver_slot):
        """An approval is an occasion of its own only when the sentence dates it to a day or month."""
        ev = event_of(self.doc, self.tpl.sentence, ("approval",))
        if ev and "§D" in self.tpl.text:
            self.add("APPROVED", self.e(approver_slot), ev.local_id, "approval-event", 0.7)

    def _founded_passive(self, m, rule):
        target = self.e(m.group(1))
        rest = m.group("rest")
        partners = re.findall(r"\bwith (?:the )?§O(\d+)§ as (?:a |an |the )?co-?(?:found|build|establish)", rest)
        for src in [*self.list_entities(rest, "OP"), *(self.e(n) for n in partners)]:
            self.add("FOUNDED", src, target, rule, 0.8)

    def _founded_jointly(self, m, rule):
        """'A signed a deal with B to jointly establish the C': the parties found C."""
        before = m.string[:m.start()]
        parties = self.list_entities(re.sub(r"^.*? -- ", "", before), "O")
        parties += [self.e(n) for n in re.findall(r"\bwith (?:the )?§O(\d+)§", before)]
        if re.search(r"\b(?:the )?(?:two|three|both) (?:parties|sides|partners)\b", before) or parties:
            for src in dict.fromkeys(parties):
                self.add("FOUNDED", src, self.e(m.groups()[-1]), rule, 0.75)

    def _founded_by_merger(self, m, rule):
        """'X was formed by merging the assets of A and B': A and B founded X."""
        for c, n in SLOT.findall(re.split(r"\. |; ", m.group("rest"))[0]):
            if c == "O" and not self.tpl.possessive(int(n)):
                self.add("FOUNDED", self.e(n), self.e(m.group(1)), rule, 0.7)

    def _founded_active(self, m, rule):
        target = self.e(m.groups()[-1])
        for src in self.list_entities(m.group("list"), "OP"):
            self.add("FOUNDED", src, target, rule, 0.75)

    def _organized_passive(self, m, rule):
        subj = m.group("subj")
        orgs = self.list_entities(m.group("rest"), "O")
        slot = re.search(r"§O(\d+)§", subj)
        if slot:
            target = self.e(slot.group(1))
        else:
            ev = event_of(self.doc, self.tpl.sentence, ("gathering",)) or event_of(self.doc, self.tpl.sentence)
            target = ev.local_id if ev else None
        for org in orgs:
            self.add("ORGANIZED", org, target, rule, 0.85)

    def _organizer_role(self, m, rule):
        ev = event_of(self.doc, self.tpl.sentence, ("gathering",))
        self.add("ORGANIZED", self.e(m.group(1)), ev.local_id if ev else None, rule, 0.75)

    def _organized_active(self, m, rule):
        ev = event_of(self.doc, self.tpl.sentence, ("gathering",))
        for org in self.list_entities(m.group("list"), "O"):
            self.add("ORGANIZED", org, ev.local_id if ev else None, rule, 0.8)

    def _organized_passive_event(self, m, rule):
        if re.match(rf"{THE}(?:[\w-]+ )*?(?:event|conference)", m.group(0)) and " was " in m.group(0)[:60]:
            return  # the passive-subject rule already read it
        ev = event_of(self.doc, self.tpl.sentence, ("gathering",))
        for org in self.list_entities(m.group("rest"), "O"):
            self.add("ORGANIZED", org, ev.local_id if ev else None, rule, 0.8)

