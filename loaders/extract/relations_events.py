"""Visits and participation: who visited what, who took part in which occasion, where it was held.

Mixed into `RelationExtractor`; run once per sentence template after the named rules.
"""
from __future__ import annotations

import re

from rekg.loaders.extract.template import L, LIST, OL, PO, SLOT, THE, Template, O, P, T

from rekg.loaders.extract.events import event_of
from rekg.loaders.extract.mentions import iso_date

VISIT_VERB = re.compile(
    r"\b(?:visited|toured|inspected|called on|went to|came to|travell?ed to|arrived (?:in|at)|spent (?:§D\d+§(?: and §D\d+§)?|(?:[\w-]+ ){1,3}?(?:days?|weeks?)) in|"
    r"(?:paid|made|conducted|carried out|undertook|began|started|concluded) (?:a |an )?(?:[\w-]+ ){0,3}?(?:visits?|tours?|inspections?|field trips?|trips?|investigations?|research trips?|exchanges?) (?:to|of|at|in|with)|"
    r"(?:led|lead|leads|leading) (?:(?:a|the|his|her) )?(?:[\w-]+ |§[LO]\d+§ ){0,5}?(?:delegation|group|team)(?: of §O\d+§ (?:experts|officials|researchers|executives))? (?:to|on an? (?:[\w-]+ )?(?:visit|tour) (?:to|of)|that visited)(?: (?:visit|tour|inspect|meet))?|"
    r"led (?:a|the|his|her) (?:[\w-]+ ){0,3}?delegation to (?:conduct|carry out|hold|attend) (?:[\w-]+ ){0,3}?(?:exchanges?|talks|discussions|research|visits?|meetings?) (?:with|at|to|in)|"
    r"(?:on|during) (?:a|an|his|her|their|the) (?:[\w-]+ ){0,3}?(?:visit|tour|trip|inspection) (?:to|of|at))(?= |$)",
    re.I,
)
CONTAINER = re.compile(r".*§[OL]\d+§(?: (?:city|county|prefecture|district|province))?(?:,| in| of)(?: the)? (?:(?:north|south|east|west|central)[\w-]* )?$")
CLAUSE_END = re.compile(r", (?:where|while|which|who|when|during which)\b|; | where | while | to (?:discuss|review|inspect|learn|study|explore)\b|\. ")
PARTICIPATION = re.compile(
    r"\b(?:attended|attending|participated|participating|took part|taking part|(?:was|were) present|presence of|joined|"
    r"delivered|addressed|spoke|speech|keynote|presided|chaired the (?:meeting|conference|forum)|"
    r"accompanied|met (?:with )?the (?:delegation|visitors|guests)|met|held talks|briefed|welcomed the|opened the (?:meeting|conference|forum|symposium|ceremony|event)|"
    r"plenary|lecture|gave (?:a|the) (?:[\w-]+ ){0,2}(?:talk|report|presentation)|signed|unveiled|"
    r"(?:opening|closing|welcome|welcoming|keynote) (?:address|remarks)|(?:another |a |the )?(?:keynote )?speakers?|sidelines|"
    r"told (?:delegates|participants|attendees|the (?:audience|delegates|participants))|"
    r"told (?:the |§O\d+§'s? )(?:[\w-]+ ){0,2}(?:forum|conference|meeting|summit|briefing|gathering)|"
    r"made (?:a |the )?(?:[\w-]+ ){0,3}(?:report|speech|presentation)|presented|"
    r"^At the (?:opening |closing )?(?:ceremony|conference|forum|meeting|summit|event|symposium|seminar))\b",
    re.I,
)
SPEAKER = re.compile(r"\b(?:delivered|addressed|spoke|speech|keynote|remarks|opening ceremony|presided|speaker|address|told)\b", re.I)
LED_DELEGATION = re.compile(r"\b(?:led|lead|leads|leading) (?:(?:a|the|his|her) )?(?:[\w-]+ |§[LO]\d+§ ){0,5}?(?:delegation|team|group)\b", re.I)
DELEGATION_LED_BY = re.compile(rf"\b(?:delegation|visitors|team|group)(?: from {THE}§O\d+§)? (?:was |were |is |are |will be )?(?:led|headed) by (?:{T} )?{P}", re.I)
GROUP_MEMBERS = re.compile(r"\b(?:members|experts) (?:including|include|included|are|were)\b(?P<rest>.*)")
THE_VISITORS = re.compile(r"^(?:(?:From|On|In) [^,]*, )?(?:the (?:[\w-]+ )?(?:delegation|visitors|team|group|party)|they|the (?:[\w-]+ )?(?:delegation|group)'s members)\b", re.I)
ORG_PARTY = re.compile(rf"\b(?:delegation|team|group|party) (?:from|of) {THE}{O}")
ORG_ATTENDEES = re.compile(
    rf"\b(?:[Rr]epresentatives|[Dd]elegates|[Ss]peakers|[Ee]xperts|[Oo]fficials|[Dd]elegations|[Tt]eams|[Ll]eaders|[Pp]articipants) (?:of|from) (?P<list>{LIST}),? "
    rf"(?:also )?(?:attended|took part|participated|were present)|"
    rf"\b(?:[Ss]peakers|[Pp]articipants|[Dd]elegates|[Rr]epresentatives|[Ee]xperts) (?:also )?(?:came|were) from (?P<list2>{LIST})")
ISSUERS = re.compile(rf"^(?:.*? -- )?(?:§L\d+§'s? )?(?P<list>{LIST}) (?:have |has |had )?(?:jointly )?(?:issued|allocated|released)\b")
POSSESSIVE_VISIT = re.compile(rf"{PO}'s? (?:[\w-]+ ){{0,3}}?(?:visits?|tours?|trips?|inspections?|field trips?) (?:to|of|at|in) (?P<rest>.*)")
TOUR_OF_PLACE_PERSON = re.compile(rf"\b(?:tours?|visits?|trips?|inspections?) (?:of|to) (?P<rest>[^§]*?(?:§L\d+§'s? [^§]*?)?{OL}), (?:{O} )?(?:{T} )?{P}")
AT_ORG_TEAM = re.compile(rf"^(?:At|In|Inside) {THE}{O}(?: \(§O\d+§\))?[^§]*?, {P}'s? (?:team|delegation|group|party)")
RECEIVED_DELEGATION = re.compile(
    rf"{O} (?:received|hosted|welcomed) (?:a |an |the )?(?:[\w-]+ ){{0,3}}?(?:delegation|visit|visitors?) (?:led by|headed by|from) (?:{T} )?{PO}")
EVENT_TRIGGER = re.compile(
    r"\b(?:held|opened|convened|took place|hosted|signed|unveiled|inaugurated|tour|visit|conference|forum|summit|meeting|symposium|seminar|expo|exhibition|ceremony|briefing)\b", re.I)
EVENT_PLACE = re.compile(rf"\b(?:in|at|of|to) (?:[^§,;]*?)?{L}")
SIGNATORIES = re.compile(rf"^(?:.*? -- )?(?P<list>{LIST})(?:, (?:a|an|the) [^;]*?,)? (?:jointly )?signed (?:a|an|the) (?:[^§]*? with {THE}{O})?")


class EventRules:
    """Visits, delegations, attendance, organisers of issued documents, signatories, event places."""

    # -- visits and participation -------------------------------------------------
    def _visits(self, tpl: Template) -> None:
        text = tpl.text
        date = next((tpl.slot(n) for c, n in SLOT.findall(text) if c == "D"), None)
        year = int(self.doc.article.published[:4]) if self.doc.article.published else None
        when = iso_date(date.data, year) if date else (None, None)
        ev = event_of(self.doc, tpl.sentence, ("visit",))
        if ev and not when[0]:
            when = (self.doc.entities[ev.local_id].properties.get("date"), self.doc.entities[ev.local_id].properties.get("end_date"))
        for lm in DELEGATION_LED_BY.finditer(text):
            self.leaders.append(tpl.entity(lm.groups()[-1]))
            if ev:
                self.add("PARTICIPATED_IN", tpl.entity(lm.groups()[-1]), ev.local_id, "delegation-led-by", 0.75, role="delegation leader")
            if gm := GROUP_MEMBERS.search(text, lm.end()):  # '..., members including X and Y'
                for n in re.findall(r"§P(\d+)§", gm.group("rest")):
                    if ev:
                        self.add("PARTICIPATED_IN", tpl.entity(n), ev.local_id, "delegation-members", 0.7)
        for vm in VISIT_VERB.finditer(text):
            before, after = text[: vm.start()], text[vm.end():]
            subjects = self._visitors(tpl, before)
            targets = self._targets(tpl, after)
            led = LED_DELEGATION.search(vm.group())
            if led:
                self.leaders += [x for x in subjects if self.doc.entities[x].label == "Person"]
            self.visited += [(t, tpl.sentence) for t in targets]
            for sub in subjects:
                for tgt in targets:
                    self.add("VISITED", sub, tgt, "visit-verb", 0.8, date=when[0], end_date=when[1])
                if ev:
                    role = "delegation leader" if led and sub == subjects[0] else None
                    self.add("PARTICIPATED_IN", sub, ev.local_id, "visit-verb", 0.8, role=role)
        for pm in POSSESSIVE_VISIT.finditer(text):
            sub = tpl.entity(pm.group(1))
            targets = self._targets(tpl, pm.group("rest"), first_only=True)
            for tgt in targets:
                self.add("VISITED", sub, tgt, "possessive-visit", 0.8, date=when[0], end_date=when[1])
            if ev:
                self.add("PARTICIPATED_IN", sub, ev.local_id, "possessive-visit", 0.75)
        for pm in TOUR_OF_PLACE_PERSON.finditer(text):
            tgt = self._targets(tpl, pm.group("rest"), first_only=True)
            person = tpl.entity(pm.groups()[-1])
            for t in tgt:
                self.add("VISITED", person, t, "tour-of-place-person", 0.75, date=when[0], end_date=when[1])
            if ev:
                role = "delegation leader" if LED_DELEGATION.search(text[pm.end():]) else None
                self.add("PARTICIPATED_IN", person, ev.local_id, "tour-of-place-person", 0.75, role=role)
        for pm in AT_ORG_TEAM.finditer(text):
            self.add("VISITED", tpl.entity(pm.group(2)), tpl.entity(pm.group(1)), "at-org-team", 0.75, date=when[0], end_date=when[1])
        for pm in RECEIVED_DELEGATION.finditer(text):
            self.add("VISITED", tpl.entity(pm.groups()[-1]), tpl.entity(pm.group(1)), "received-delegation", 0.8, date=when[0], end_date=when[1])
            if ev:
                self.add("PARTICIPATED_IN", tpl.entity(pm.groups()[-1]), ev.local_id, "received-delegation", 0.75)

    def _visitors(self, tpl: Template, before: str) -> list[str]:
        clause = re.split(r"[;:]|, (?:and|but|while) ", before)[-1]
        if THE_VISITORS.match(clause.strip()) and self.leaders:
            return list(dict.fromkeys(self.leaders))  # 'the group listened to X, then toured': the group, not X
        people = [tpl.entity(n) for c, n in SLOT.findall(clause) if c == "P" and tpl.entity(n)]
        frm = ORG_PARTY.search(clause)  # 'a delegation from X led by Y': X visits too
        if people or frm:
            return list(dict.fromkeys([*people, *([tpl.entity(frm.group(1))] if frm else [])]))
        if THE_VISITORS.match(clause.strip()) and self.leaders:
            return list(dict.fromkeys(self.leaders))
        orgs = [n for c, n in SLOT.findall(clause) if c == "O"]
        if orgs and re.match(rf"^(?:[A-Z][\w-]*,? )?{THE}§O{orgs[0]}§", clause.strip()):
            return [tpl.entity(orgs[0])]
        return []

    def _targets(self, tpl: Template, after: str, first_only: bool = False) -> list[str]:
        cut = CLAUSE_END.search(after)
        after = after[: cut.start()] if cut else after
        out = []
        for sm in SLOT.finditer(after):
            c, n = sm.groups()
            if c not in "OL" or not tpl.entity(n) or tpl.possessive(int(n)):
                continue
            if c == "L" and out and CONTAINER.match(after[:sm.start()]):
                continue  # 'a tour of Yichun in western Jiangxi': Jiangxi only locates the target
            out.append(tpl.entity(n))
            if first_only:
                break
        lead = re.match(r"(?:the )?§L(\d+)§'s? ", after)  # 'a tour of Ganzhou's rare-earth industry'
        if not out and lead and tpl.entity(lead.group(1)):
            out.append(tpl.entity(lead.group(1)))
        return list(dict.fromkeys(out))

    def _leaders_visited(self) -> None:
        """The person who led the delegation visited what the delegation visited."""
        ev = event_of(self.doc, self.doc.sentences[0], ("visit",)) if self.doc.sentences else None
        for leader in dict.fromkeys(self.leaders):
            if not leader or self.doc.entities[leader].label != "Person":
                continue
            for tgt, sentence in self.visited:
                self.doc.add_relation("VISITED", leader, tgt, sentence, "delegation-leader", 0.7)
                if ev:
                    self.doc.add_relation("PARTICIPATED_IN", leader, ev.local_id, sentence, "delegation-leader", 0.7, role="delegation leader")

    def _events(self, tpl: Template) -> None:
        """Who took part, where it was held."""
        doc = self.doc
        if not doc.events:
            return
        ev = event_of(doc, tpl.sentence)
        if ev is None:
            return
        if PARTICIPATION.search(tpl.text):
            role = "speaker" if SPEAKER.search(tpl.text) else None
            for c, n in SLOT.findall(tpl.text):
                if c == "P" and tpl.entity(n):
                    self.add("PARTICIPATED_IN", tpl.entity(n), ev.local_id, "participation-cue", 0.75, role=role)
        for om in ORG_ATTENDEES.finditer(tpl.text):
            for org in self.list_entities(om.group("list") or om.group("list2"), "O"):
                self.add("PARTICIPATED_IN", org, ev.local_id, "attendees-from-orgs", 0.75)
        for om in ORG_PARTY.finditer(tpl.text):
            if VISIT_VERB.search(tpl.text) or LED_DELEGATION.search(tpl.text):
                self.add("PARTICIPATED_IN", tpl.entity(om.group(1)), ev.local_id, "delegation-from-org", 0.75)
        issue = ISSUERS.search(tpl.text)
        issued = event_of(doc, tpl.sentence, ("approval",))
        if issue and issued and any(x is tpl.sentence for x in issued.sentences):
            for org in self.list_entities(issue.group("list"), "O"):
                self.add("ORGANIZED", org, issued.local_id, "issuers", 0.75)
        sign = SIGNATORIES.search(tpl.text)
        signing = event_of(doc, tpl.sentence, ("signing",))
        if sign and signing:
            partner = [sign.groups()[-1]] if sign.groups()[-1] else []
            for org in [*self.list_entities(sign.group("list"), "O"), *(tpl.entity(x) for x in partner)]:
                self.add("PARTICIPATED_IN", org, signing.local_id, "signatories", 0.75)
        if any(x is tpl.sentence for x in ev.sentences) and not any(r.type == "LOCATED_IN" and r.source == ev.local_id for r in doc.relations):
            trig = EVENT_TRIGGER.search(tpl.text)
            if trig:
                for lm in EVENT_PLACE.finditer(tpl.text[trig.start():]):
                    n = int(lm.group(1))
                    if not tpl.possessive(n) and tpl.entity(n):
                        self.add("LOCATED_IN", ev.local_id, tpl.entity(n), "event-place", 0.75)
                        break

