"""Rules about people: who leads, belongs to or represents which body.

Mixed into `RelationExtractor`; each rule is a named regex over a sentence template
(see template.py) and a handler that reads the slots it matched.
"""
from __future__ import annotations

import re

from rekg.loaders.extract.template import THE, O, P, T

SLOT_T = re.compile(r"§T(\d+)§")
TITLES = rf"(?:{T}(?: ?,| and|, and) )*{T}"  # 'Party Secretary and Chairman', 'Party Secretary , Chairman'
MORE_TITLED = rf"(?:(?: ?,| and|, and) (?:{T}(?: ?,| and|, and)? )*{T} {P})*"  # ', General Manager Xu Ming'
TITLED_PERSON = re.compile(r"((?:§T\d+§(?: ?,| and|, and)? )*§T\d+§) §P(\d+)§")
# words between a name and its title: 'who had served as', 'has resigned as', 'took office as', 'previously'
HOLDS = (r"(?:(?:who|is|was|has|had|have|been|will|be|also|now|currently|previously|formerly|once|later|still|as|the|a|an|its|"
         r"current|former|newly|serve|serves|served|serving|resigned|resigns|stepped down|steps down|retired|retires|took office|"
         r"takes office|take office|appointed|named|elected|became|becomes|remains|remained) )*")
# a body's governing organ stands for the body: 'chairman of the Board of X', 'member of the Party Committee of Y'
ORGAN_OF = (r"(?:(?:[\w-]+ )?session of (?:the )?)?(?:(?:[Pp]arty [Cc]ommittee|[Bb]oard of [Dd]irectors|[Bb]oard|[Ss]tanding [Cc]ommittee|"
            r"[Ss]upervisory [Bb]oard|[Cc]ouncil|[Aa]cademic [Cc]ommittee) of (?:the )?)?")
BIO = r"(?:, (?:born (?:in )?)?(?:19|20)?\d\d)?(?:, (?:a |an )?(?:§T\d+§|[a-z][a-z -]{2,30}?))?"  # 'X, born 1965, senior economist, was ...'
HONORIFIC = r"(?:Dr|Prof|Mr|Ms|Mrs)\.? "
DEPUTY = re.compile(r"(?:vice|deputy|executive vice)\b", re.I)  # a second-in-command title


class PeopleRules:
    """Person -> organisation rules (LEADS, MEMBER_OF, FOUNDED by a founder's title)."""

    def people_rules(self) -> list:
        return [
            ("org-title-person", re.compile(rf"{O}(?:'s?)? (?P<titles>{TITLES}),? {P}(?P<more>{MORE_TITLED})"), self._org_title_person),
            ("org-title-is-person", re.compile(rf"{O}'s? (?:[\w-]+ )?(?P<titles>{TITLES}) (?:is|was|will be) {P}"), self._org_title_person),
            ("person-org-title", re.compile(rf"{P}, {THE}{O}'s? (?P<titles>{TITLES})(?:,|$| and)"), self._person_org_title),
            ("title-person-of-org", re.compile(rf"{T}(?: and {T})? {P},? (?:of|at|from) {THE}{O}"), self._title_person_org),
            ("at-org-titled-people", re.compile(rf"^(?:At|In) {THE}{O}, (?P<more>(?:{TITLES}) {P}(?:{MORE_TITLED}))"), self._at_org_people),
            ("person-title-of-org", re.compile(
                rf"{P}{BIO},? {HOLDS}(?:[a-z]+ )?(?P<titles>(?:{T}(?:,| and|, and)? (?:the |a |an )?)*{T}),? (?:of|at|from|with|in|for) {THE}{ORGAN_OF}{O}"
                rf"(?P<also>(?:(?:, (?:a|an|the) [^§,;]*? of (?:the )?§O\d+§)?,? and {HOLDS}{T} (?:of|at) {THE}{ORGAN_OF}{O}(?:'s? [\w-]+ (?:committee|council|board))?)*)(?P<more>,? and {T} {P}(?! of| at|,? §T))?"), self._person_titles_org),
            ("title-of-org-person", re.compile(rf"{T} of {THE}{O},? {P}"), self._title_org_person),
            ("executives-including", re.compile(
                rf"(?:executives|officials|leaders|leadership|management|representatives|heads|executives and experts) (?:of|from|at) {THE}{O},? (?:including|such as|namely|among them|led by) (?P<rest>.*)"), self._executives),
            ("person-role-at-org", re.compile(
                rf"{P},? (?:is |was |who is |who was )?(?:(?:a|an|the) (?:[\w-]+ ){{0,3}}?(?:official|researcher|fellow|expert|scientist|engineer|scholar|economist|student|doctoral student|postdoc|lecturer|employee|staff member|member|executive|manager|consultant|adviser|advisor)|(?:the )?(?:§T\d+§|head) of [a-z]+(?: [a-z]+)?) (?:at|with|of|from|in) {THE}(?:§L\d+§ ?-(?:based|headquartered) )?{O}"), self._person_of_org),
            ("elected-as-title", re.compile(
                rf"(?P<list>{P}(?: (?:of|from|at) {THE}§O\d+§)?(?:(?:,| and|, and) (?:[^§]*?§T\d+§ )?{P}(?: (?:of|from|at) {THE}§O\d+§)?)*) (?:was|were|has been|have been|had been) "
                rf"(?:(?:re-)?elected|appointed|named|promoted to|chosen as) (?:as )?(?:the |a |an |new )?(?P<titles>{T}) of {THE}{ORGAN_OF}{O}"), self._elected),
            ("appointed-person-as", re.compile(
                rf"\b(?:(?:re-)?elected|appointed|named|nominated|designated|promoted|hired|tapped|chose|selected) (?P<rest>{P} as (?:the |its |a |an |new )?{T}.*)"), self._appointed_as),
            ("succeeds-as", re.compile(
                rf"{P},? (?:who )?(?:succeeds|succeeded|replaces|replaced|will succeed|will replace|takes over from|took over from) {P}(?:,? as {THE}(?P<titles>{TITLES})(?: of {THE}{ORGAN_OF}{O})?)?"), self._succeeds),
            ("who-heads-org", re.compile(
                rf"{P},(?: (?:a|an|the) [^;§]*?(?:§[TO]\d+§[^;§]*?)*?)? who (?:(?:had|has|have|now|also|currently|previously|once|still|then) )*"
                rf"(?:heads|headed|leads|led|chairs|chaired|directs|directed|runs|ran|presides over|presided over) {THE}{O}(?! (?:delegation|team|group|party))"), self._person_heads_far),
            ("who-works-at-org", re.compile(
                rf"{P},(?: (?:a|an|the) [^;§]*?(?:§[TO]\d+§[^;§]*?)*?)? who (?:(?:had|has|have|now|also|currently|previously|once|still|then) )*"
                rf"(?:teaches|taught|works|worked|studies|studied|lectures|lectured|researches|researched|serves|served) (?:at|for|with|in) {THE}{O}"), self._person_works_far),
            ("subject-titled-source", re.compile(
                rf"^{THE}(?:§L\d+§ ?-(?:based|headquartered) )?§O(?P<org>\d+)§(?P<mid>[^;]*?), (?:its |the company's )?(?P<titles>{TITLES}) §P(?P<person>\d+)§ said"), self._quoted_subject),
            ("subject-according-to", re.compile(
                rf"^{THE}§O(?P<org>\d+)§(?P<mid>[^;]*?), according to (?:its )?(?P<titles>{TITLES}) §P(?P<person>\d+)§"), self._quoted_subject),
            ("person-heads-org", re.compile(rf"{P},? (?:who )?(?:chairs|heads|leads|directs|runs|presides over|is in charge of) {THE}{O}"), self._person_heads),
            ("org-led-by-person", re.compile(rf"{O},? (?:which is |which was |is |was |will be )?(?:led|headed|chaired|directed) by (?:its )?(?:{T} )?(?:{HONORIFIC})?{P}"), self._org_led_by),
            ("org-work-run-by", re.compile(rf"{O}(?:'s)? [^§,;]{{0,40}}? (?:is |are |was |were )?(?:run|led|headed|managed|overseen) by (?:its )?{T} {P}"), self._org_led_by),
            ("sits-on-council", re.compile(
                rf"{P},? (?:who )?(?:also )?(?:sits|sat|serves|served|is|was) on the (?:[\w-]+ ){{0,3}}?(?:board|council|committee|panel)(?: of directors)? of {THE}{O}"), self._person_of_org),
            ("represented-by", re.compile(rf"{O} ?(?:-|,)? ?(?:was |were )?represented by (?:{T} )?{P}"), self._represented_by),
            ("person-represents", re.compile(rf"{P},? (?:who )?represent(?:s|ed|ing) {THE}{O}"), self._person_represents),
            ("person-of-org", re.compile(rf"(?<!§ ){P} (?:of|from) {THE}{O}"), self._person_of_org),
        ]

    def title(self, i) -> tuple[str, str]:
        m = self.tpl.slot(i)
        return m.data["title"], m.kind

    def role_rel(self, person, org, title_slots, rule: str, conf: float = 0.9) -> None:
        titles = [self.title(t) for t in title_slots if t]
        if not person or not org or self.doc.entities[org].label != "Organization":
            return
        for title, role in titles:
            self.doc.entities[person].properties.setdefault("_titles", []).append(title)
        leads = [t for t, r in titles if r == "lead"]
        members = [t for t, r in titles if r == "member"]
        if any(t.lower() in ("founder", "co-founder") for t in leads):
            self.add("FOUNDED", person, org, rule, conf)
            leads = [t for t in leads if t.lower() not in ("founder", "co-founder")]
        if leads:
            self.add("LEADS", person, org, rule, conf, role=leads[0])
            if DEPUTY.match(leads[0]):  # a vice-president both helps lead and belongs: keep either reading
                self.add("MEMBER_OF", person, org, rule, conf - 0.1, role=leads[0].lower())
        elif members:
            self.add("MEMBER_OF", person, org, rule, conf, role=members[0].lower())

    # -- people ----------------------------------------------------------------
    def _org_title_person(self, m, rule):
        org = self.e(m.group(1))
        person = re.search(r"§P(\d+)§", m.string[m.end("titles"):]).group(1)
        self.role_rel(self.e(person), org, SLOT_T.findall(m.group("titles")), rule)
        self._more_titled(m.groupdict().get("more"), org, rule)

    def _more_titled(self, fragment: str | None, org, rule: str) -> None:
        """', General Manager Xu Ming and Vice President Tang Wei' after a first titled name: same body."""
        for titles, person in TITLED_PERSON.findall(fragment or ""):
            self.role_rel(self.e(person), org, SLOT_T.findall(titles), rule, 0.85)

    def _person_org_title(self, m, rule):
        self.role_rel(self.e(m.group(1)), self.e(m.group(2)), SLOT_T.findall(m.group("titles")), rule)

    def _at_org_people(self, m, rule):
        self._more_titled(m.group("more"), self.e(m.group(1)), rule)

    def _title_person_org(self, m, rule):
        self.role_rel(self.e(m.group(3)), self.e(m.group(4)), [m.group(1), m.group(2)], rule)

    def _person_titles_org(self, m, rule):
        if m.string.startswith(" §P", m.start("also")) and m.start("also") == m.end():
            return  # 'T of X P1, T of Y P2': the second title belongs to the name after it
        head = m.group(0)[:m.start("also") - m.start()]
        person, org = self.e(m.group(1)), self.e(re.findall(r"§O(\d+)§", head)[-1])
        self.role_rel(person, org, SLOT_T.findall(m.group("titles")), rule)
        for t, o, body in re.findall(rf"§T(\d+)§ (?:of|at) (?:the )?{ORGAN_OF}§O(\d+)§('s? [\w-]+ (?:committee|council|board))?", m.group("also")):
            if body:  # 'chairman of the laboratory's academic committee': a member of the laboratory
                self.add("MEMBER_OF", person, self.e(o), rule, 0.8, role=self.title(t)[0].lower())
            else:
                self.role_rel(person, self.e(o), [t], rule)
        self._more_titled(m.group("more"), org, rule)

    def _title_org_person(self, m, rule):
        before = m.string[:m.start()]
        if re.search(r"§P\d+§,? (?:the |a |an )?$", before) and not re.search(r"§T\d+§ of (?:the )?§O\d+§ §P\d+§,? $", before):
            return  # 'Bai, president of X, Gao, ...': the title belongs to the name before it
        self.role_rel(self.e(m.group(3)), self.e(m.group(2)), [m.group(1)], rule)

    def _executives(self, m, rule):
        org = self.e(m.group(1))
        for t, p in re.findall(r"§T(\d+)§ §P(\d+)§", m.group("rest")):
            self.role_rel(self.e(p), org, [t], rule, 0.85)

    def _elected(self, m, rule):
        org = self.e(m.groups()[-1])
        for n in re.findall(r"§P(\d+)§", m.group("list")):
            self.role_rel(self.e(n), org, SLOT_T.findall(m.group("titles")), rule, 0.85)

    def _appointed_as(self, m, rule):
        """'appointed Ms. A as President of X, and Mr. B as Vice President': later names keep the last body named."""
        org = None
        for seg in re.finditer(rf"§P(?P<p>\d+)§ as (?:the |its |a |an |new )?(?P<titles>{TITLES})(?: of {THE}{ORGAN_OF}§O(?P<org>\d+)§)?", m.group("rest")):
            org = self.e(seg.group("org")) if seg.group("org") else org
            if org:
                self.role_rel(self.e(seg.group("p")), org, SLOT_T.findall(seg.group("titles")), rule, 0.85)

    def _succeeds(self, m, rule):
        """'A succeeds B as president of X': both held the post (B before A)."""
        if m.group("titles") and m.groups()[-1]:
            for person in (m.group(1), m.group(2)):
                self.role_rel(self.e(person), self.e(m.groups()[-1]), SLOT_T.findall(m.group("titles")), rule, 0.8)

    def _person_heads_far(self, m, rule):
        self.add("LEADS", self.e(m.group(1)), self.e(m.groups()[-1]), rule, 0.8, role="Head")

    def _person_works_far(self, m, rule):
        self.add("MEMBER_OF", self.e(m.group(1)), self.e(m.groups()[-1]), rule, 0.75, role="member")

    def _quoted_subject(self, m, rule):
        """'X plans a new line, general manager Y said': a titled source speaks for the sentence's subject."""
        org = self.e(m.group("org"))
        if any(self.e(n) != org for n in re.findall(r"§O(\d+)§", m.group("mid"))):
            return  # another body is named in between: the title may be its
        self.role_rel(self.e(m.group("person")), org, SLOT_T.findall(m.group("titles")), rule, 0.75)

    def _person_heads(self, m, rule):
        self.add("LEADS", self.e(m.group(1)), self.e(m.group(2)), rule, 0.85, role="Head")

    def _org_led_by(self, m, rule):
        if m.group(2) and self.title(m.group(2))[1] == "lead":
            self.role_rel(self.e(m.group(3)), self.e(m.group(1)), [m.group(2)], rule, 0.85)
        else:
            self.add("LEADS", self.e(m.group(3)), self.e(m.group(1)), rule, 0.8, role="Head")

    def _represented_by(self, m, rule):
        self.add("MEMBER_OF", self.e(m.group(3)), self.e(m.group(1)), rule, 0.85, role="representative")

    def _person_represents(self, m, rule):
        self.add("MEMBER_OF", self.e(m.group(1)), self.e(m.group(2)), rule, 0.8, role="representative")

    def _person_of_org(self, m, rule):
        self.add("MEMBER_OF", self.e(m.group(1)), self.e(m.group(2)), rule, 0.6 if rule == "person-of-org" else 0.8, role="member")

