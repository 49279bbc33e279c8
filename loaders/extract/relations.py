"""Read relationships from sentence templates with general English patterns.

Each rule is named; the name travels with the relationship so `rekg explain` can say
why an edge exists. Patterns are about how English news states a tie ("X, chairman
of Y", "A under B", "was approved by"), never about particular names.
"""
from __future__ import annotations

import re
from typing import Callable

from rekg.loaders.extract.doc import Doc, LocalEnt
from rekg.loaders.extract.events import event_of
from rekg.loaders.extract.mentions import iso_date
from rekg.loaders.extract.template import D, L, LIST, OL, PO, SLOT, THE, Template, O, P, T, build_template

Rule = tuple[str, re.Pattern, Callable]

LIST_ITEM = re.compile(r"(?:, and |,? and |, |,? as well as |,? along with |,? together with )?(?:the |The )?(?:§O\d+§'s? )?(?:[a-z-]+ )?§([OP])(\d+)§")
NESTED = re.compile(r"(?: under| of| at| affiliated to| within) (?:the )?§O\d+§| ?\(§O\d+§\)")
LIST_TRIGGER = re.compile(r"\b(?:subsidiaries|units|affiliates|member companies|member enterprises|subordinate (?:units|enterprises)|holdings) (?:include|includes|including|are|such as|comprise|span)\b")

VISIT_VERB = re.compile(
    r"\b(?:visited|toured|inspected|called on|went to|came to|travell?ed to|arrived (?:in|at)|spent (?:§D\d+§(?: and §D\d+§)?|(?:[\w-]+ ){1,3}?(?:days?|weeks?)) in|"
    r"(?:paid|made|conducted|carried out|undertook|began|started|concluded) (?:a |an )?(?:[\w-]+ ){0,3}?(?:visits?|tours?|inspections?|field trips?|trips?|investigations?|research trips?|exchanges?) (?:to|of|at|in|with)|"
    r"led (?:a|the|his|her) (?:[\w-]+ ){0,3}?(?:delegation|group|team)(?: of §O\d+§ (?:experts|officials|researchers|executives))? (?:to|on an? (?:[\w-]+ )?(?:visit|tour) (?:to|of)|that visited)(?: (?:visit|tour|inspect|meet))?|"
    r"led (?:a|the|his|her) (?:[\w-]+ ){0,3}?delegation to (?:conduct|carry out|hold|attend) (?:[\w-]+ ){0,3}?(?:exchanges?|talks|discussions|research|visits?|meetings?) (?:with|at|to|in)|"
    r"(?:on|during) (?:a|an|his|her|their|the) (?:[\w-]+ ){0,3}?(?:visit|tour|trip|inspection) (?:to|of|at))(?= |$)",
    re.I,
)
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
SLOT_T = re.compile(r"§T(\d+)§")
APPOSITION = r"(?:, (?:a |an |the )?[^§,;]*?(?:§L\d+§[^§,;]*?)?,)?"  # ', headquartered in the city of Xiamen,'
SUBJECT = rf"(?:.*? -- )?{THE}{O}"  # the sentence's subject, after any dateline
PLACE_WORD = r"(?: city| county| prefecture| district| province)?"
DIRECTION = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? )?"
UNIT_HEADS = {"School", "College", "Laboratory", "Lab", "Institute", "Department", "Branch", "Center", "Centre", "Division", "Bureau"}
TITLES = rf"(?:{T}(?: ?,| and|, and) )*{T}"  # 'Party Secretary and Chairman', 'Party Secretary , Chairman'
MORE_TITLED = rf"(?:(?: ?,| and|, and) (?:{T}(?: ?,| and|, and)? )*{T} {P})*"  # ', General Manager Xu Ming'
TITLED_PERSON = re.compile(r"((?:§T\d+§(?: ?,| and|, and)? )*§T\d+§) §P(\d+)§")
HONORIFIC = r"(?:Dr|Prof|Mr|Ms|Mrs)\.? "
DEPUTY = re.compile(r"(?:vice|deputy|executive vice)\b", re.I)  # a second-in-command title
LED_DELEGATION = re.compile(r"\bled (?:a|the|his|her) (?:[\w-]+ ){0,3}?(?:delegation|team|group)\b", re.I)
DELEGATION_LED_BY = re.compile(rf"\b(?:delegation|visitors|team|group)(?: from {THE}§O\d+§)? (?:was |were |is |are |will be )?(?:led|headed) by (?:{T} )?{P}", re.I)
GROUP_MEMBERS = re.compile(rf"\b(?:members|experts) (?:including|include|included|are|were)\b(?P<rest>.*)")
THE_VISITORS = re.compile(r"^(?:(?:From|On|In) [^,]*, )?(?:the (?:[\w-]+ )?(?:delegation|visitors|team|group|party)|they|the (?:[\w-]+ )?(?:delegation|group)'s members)\b", re.I)
ORG_PARTY = re.compile(rf"\b(?:delegation|team|group|party) (?:from|of) {THE}{O}")
ORG_ATTENDEES = re.compile(
    rf"\b(?:[Rr]epresentatives|[Dd]elegates|[Ss]peakers|[Ee]xperts|[Oo]fficials|[Dd]elegations|[Tt]eams|[Ll]eaders|[Pp]articipants) (?:of|from) (?P<list>{LIST}),? "
    rf"(?:also )?(?:attended|took part|participated|were present)|"
    rf"\b(?:[Ss]peakers|[Pp]articipants|[Dd]elegates|[Rr]epresentatives|[Ee]xperts) (?:also )?(?:came|were) from (?P<list2>{LIST})")
ISSUERS = re.compile(rf"^(?:.*? -- )?(?:§L\d+§'s? )?(?P<list>{LIST}) (?:have |has |had )?(?:jointly )?(?:issued|allocated|released)\b")
SIGNATORIES = re.compile(rf"^(?:.*? -- )?(?P<list>{LIST})(?:, (?:a|an|the) [^;]*?,)? (?:jointly )?signed (?:a|an|the) (?:[^§]*? with {THE}{O})?")


class RelationExtractor:
    """Component: add `Rel`s to the doc from every sentence's template."""

    def __init__(self) -> None:
        self.rules: list[Rule] = [
            # -- people and the bodies they lead or belong to
            ("org-title-person", re.compile(rf"{O}(?:'s?)? (?P<titles>{TITLES}),? {P}(?P<more>{MORE_TITLED})"), self._org_title_person),
            ("org-title-is-person", re.compile(rf"{O}'s? (?:[\w-]+ )?(?P<titles>{TITLES}) (?:is|was|will be) {P}"), self._org_title_person),
            ("person-org-title", re.compile(rf"{P}, {THE}{O}'s? (?P<titles>{TITLES})(?:,|$| and)"), self._person_org_title),
            ("title-person-of-org", re.compile(rf"{T}(?: and {T})? {P},? (?:of|at|from) {THE}{O}"), self._title_person_org),
            ("at-org-titled-people", re.compile(rf"^(?:At|In) {THE}{O}, (?P<more>(?:{TITLES}) {P}(?:{MORE_TITLED}))"), self._at_org_people),
            ("person-title-of-org", re.compile(
                rf"{P},? (?:(?:who is|who serves as|who was|is|was|as|the|a|an|its|current|former|also) )*(?P<titles>(?:{T}(?:,| and|, and)? (?:the |a |an )?)*{T}),? (?:of|at|from|with|in|for) {THE}{O}"
                rf"(?P<also>(?:,? and (?:the |a |an )?{T} (?:of|at) {THE}{O}(?:'s? [\w-]+ (?:committee|council|board))?)*)(?P<more>,? and {T} {P}(?! of| at|,? §T))?"), self._person_titles_org),
            ("title-of-org-person", re.compile(rf"{T} of {THE}{O},? {P}"), self._title_org_person),
            ("executives-including", re.compile(
                rf"(?:executives|officials|leaders|leadership|management|representatives|heads|executives and experts) (?:of|from|at) {THE}{O},? (?:including|such as|namely|among them|led by) (?P<rest>.*)"), self._executives),
            ("person-role-at-org", re.compile(
                rf"{P},? (?:is |was |who is |who was )?(?:a|an|the) (?:[\w-]+ ){{0,3}}?(?:official|researcher|fellow|expert|scientist|engineer|scholar|economist|student|doctoral student|postdoc|lecturer|employee|staff member|member) (?:at|with|of|from|in) {THE}(?:§L\d+§ ?-(?:based|headquartered) )?{O}"), self._person_of_org),
            ("elected-as-title", re.compile(
                rf"(?P<list>{P}(?:(?:,| and|, and) (?:[^§]*?§T\d+§ )?{P})*) (?:was|were|has been|have been) (?:elected|appointed|named) (?:as )?(?:the |a |an )?(?P<titles>{T}) of {THE}{O}"), self._elected),
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
            # -- organisations and their parents, overseers, places, founders, approvers
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
                rf"^{SUBJECT}[^;]*?,? and (?:is|was|has been|remains) (?:now )?(?:a|an|the) (?:[\w-]+ ){{0,2}}(?:subsidiary|unit|division|arm|branch|affiliate) of {THE}{O}"), self._subsidiary),
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
                rf"(?i:event|conference|forum|meeting|summit|symposium|seminar|expo|exhibition|workshop)(?:[^§]|§D\d+§)*?,? (?:jointly )?(?:organi[sz]ed|hosted|co-organi[sz]ed|co-hosted|sponsored) (?:jointly )?by (?P<rest>.*)"), self._organized_passive_event),
            ("hosted-by-fronted", re.compile(
                rf"(?:^|,? and )(?:[Jj]ointly )?(?:[Hh]osted|[Oo]rgani[sz]ed|[Cc]o-organi[sz]ed|[Cc]o-hosted|[Ss]ponsored|[Uu]ndertaken) by (?=(?P<rest>.*))"), self._organized_passive_event),
            ("serving-as-organizer", re.compile(
                rf"{O},? (?:serving |acting )?as (?:the |a |an |its )?(?:[\w-]+ )?(?:organi[sz]er|co-organi[sz]er|host|co-host|undertaker|undertaking unit|sponsor|co-sponsor)s?\b"), self._organizer_role),
            ("org-possessive-briefing", re.compile(
                rf"{O}'s? (?:[\w-]+ ){{0,2}}?(?:press briefing|briefing|press conference|annual meeting|annual conference)\b"), self._organizer_role),
        ]

    def __call__(self, doc: Doc) -> None:
        self.doc = doc
        self.leaders: list[str] = []  # who led the visiting delegation
        self.visited: list[tuple[str, object]] = []  # (place or body visited, sentence)
        for s in doc.sentences:
            tpl = build_template(doc, s)
            if len(tpl.slots) < 1:
                continue
            self.tpl = tpl
            for name, pattern, handler in self.rules:
                pos = 0
                while (m := pattern.search(tpl.text, pos)):
                    handler(m, name)
                    # go on from the match's last slot, so a chain 'A under B under C' gives A-B and B-C
                    last_slot = max((x.start() for x in SLOT.finditer(m.group())), default=0)
                    pos = m.start() + max(last_slot, 1)
            self._visits(tpl)
            self._events(tpl)
        self._leaders_visited()
        self._nested_units()
        self._person_titles()
        self._prune()

    # -- helpers --------------------------------------------------------------
    def add(self, type_: str, src, dst, rule: str, conf: float, **props) -> None:
        self.doc.add_relation(type_, src, dst, self.tpl.sentence, rule, conf, **props)

    def e(self, i) -> str | None:
        return self.tpl.entity(i)

    def label(self, i) -> str:
        return self.tpl.slot(i).label

    def list_entities(self, fragment: str, codes: str = "O") -> list[str]:
        """The items of a list that opens `fragment`: 'A, the B under C, and D' -> A, B, D."""
        out, pos = [], 0
        while True:
            m = LIST_ITEM.match(fragment, pos)
            if not m:
                break
            if m.group(1) in codes and self.e(m.group(2)):
                out.append(self.e(m.group(2)))
            pos = m.end()
            nested = NESTED.match(fragment, pos)  # 'X under the Y', 'X (Y)': Y is not an item
            if nested:
                pos = nested.end()
        return out

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
        for t, o, body in re.findall(r"§T(\d+)§ (?:of|at) (?:the )?§O(\d+)§('s? [\w-]+ (?:committee|council|board))?", m.group("also")):
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

    # -- organisations ------------------------------------------------------------
    def _subsidiary(self, m, rule):
        child, parent = self.e(m.group(1)), self.e(m.groups()[-1])
        ents = self.doc.entities
        under = re.search(r" (?:directly )?under (?:the )?§O\d+§$", m.group(0)) and not re.search(r"subsidiary|unit|division|branch|arm|member", m.group(0))
        if under and parent and child and ents[parent].kind == "Agency" and ents[child].kind != "Agency":
            self.add("SUPERVISED_BY", child, parent, rule, 0.8)  # 'an enterprise under SASAC' is overseen, not owned
            return
        self.add("SUBSIDIARY_OF", child, parent, rule, 0.85)

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
        for pm in re.finditer(rf"{PO}'s? (?:[\w-]+ ){{0,3}}?(?:visits?|tours?|trips?|inspections?|field trips?) (?:to|of|at|in) (?P<rest>.*)", text):
            sub = tpl.entity(pm.group(1))
            targets = self._targets(tpl, pm.group("rest"), first_only=True)
            for tgt in targets:
                self.add("VISITED", sub, tgt, "possessive-visit", 0.8, date=when[0], end_date=when[1])
            if ev:
                self.add("PARTICIPATED_IN", sub, ev.local_id, "possessive-visit", 0.75)
        for pm in re.finditer(rf"\b(?:tours?|visits?|trips?|inspections?) (?:of|to) (?P<rest>[^§]*?(?:§L\d+§'s? [^§]*?)?{OL}), (?:{O} )?(?:{T} )?{P}", text):
            tgt = self._targets(tpl, pm.group("rest"), first_only=True)
            person = tpl.entity(pm.groups()[-1])
            for t in tgt:
                self.add("VISITED", person, t, "tour-of-place-person", 0.75, date=when[0], end_date=when[1])
            if ev:
                role = "delegation leader" if LED_DELEGATION.search(text[pm.end():]) else None
                self.add("PARTICIPATED_IN", person, ev.local_id, "tour-of-place-person", 0.75, role=role)
        for pm in re.finditer(rf"^(?:At|In|Inside) {THE}{O}(?: \(§O\d+§\))?[^§]*?, {P}'s? (?:team|delegation|group|party)", text):
            self.add("VISITED", tpl.entity(pm.group(2)), tpl.entity(pm.group(1)), "at-org-team", 0.75, date=when[0], end_date=when[1])
        for pm in re.finditer(rf"{O} (?:received|hosted|welcomed) (?:a |an |the )?(?:[\w-]+ ){{0,3}}?(?:delegation|visit|visitors?) (?:led by|headed by|from) (?:{T} )?{PO}", text):
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
        for c, n in SLOT.findall(after):
            if c not in "OL" or not tpl.entity(n) or tpl.possessive(int(n)):
                continue
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
            trig = re.search(r"\b(?:held|opened|convened|took place|hosted|signed|unveiled|inaugurated|tour|visit|conference|forum|summit|meeting|symposium|seminar|expo|exhibition|ceremony|briefing)\b", tpl.text, re.I)
            if trig:
                for lm in re.finditer(rf"\b(?:in|at|of|to) (?:[^§,;]*?)?{L}", tpl.text[trig.start():]):
                    n = int(lm.group(1))
                    if not tpl.possessive(n) and tpl.entity(n):
                        self.add("LOCATED_IN", ev.local_id, tpl.entity(n), "event-place", 0.75)
                        break

    # -- tidy up --------------------------------------------------------------------
    def _nested_units(self) -> None:
        """'Powder Metallurgy Branch of the X Association' is a unit of the association."""
        doc = self.doc
        spans = {(m.start, m.end): m for m in doc.mentions if m.label == "Organization" and m.entity}
        for m in doc.mentions:
            inner = spans.get(m.data.get("inner")) if m.entity else None
            if inner:
                s = next(s for s in doc.sentences if s.start <= m.start < s.end)
                doc.add_relation("SUBSIDIARY_OF", m.entity, inner.entity, s, "unit-of-body", 0.75)

    def _person_titles(self) -> None:
        """Titles written next to a name ('Chairman Tang Wei') belong to the person."""
        doc = self.doc
        ms = doc.mentions
        for i, m in enumerate(ms):
            if m.label != "Title":
                continue
            nxt = next((x for x in ms[i + 1:] if x.start >= m.end), None)
            if nxt and nxt.label == "Person" and nxt.entity and doc.text[m.end:nxt.start] in (" ", ""):
                doc.entities[nxt.entity].properties.setdefault("_titles", []).append(m.data["title"])

    def _prune(self) -> None:
        """One person-org tie per pair: leading beats plain membership; drop self-loops and non-org targets."""
        doc = self.doc
        leads = {(r.source, r.target) for r in doc.relations if r.type == "LEADS"}
        strong_members = {(r.source, r.target) for r in doc.relations if r.type == "MEMBER_OF" and r.rule != "person-of-org"}
        kept = []
        for r in doc.relations:
            if r.type == "MEMBER_OF" and (r.source, r.target) in leads and not DEPUTY.match(r.properties.get("role", "")):
                continue
            if r.rule == "person-of-org" and (r.source, r.target) in strong_members:
                continue
            if not _types_ok(doc, r.type, r.source, r.target):
                continue
            kept.append(r)
        doc.relations = kept


ENDPOINTS = {
    "LEADS": ({"Person"}, {"Organization"}),
    "MEMBER_OF": ({"Person"}, {"Organization"}),
    "VISITED": ({"Person", "Organization"}, {"Organization", "Location"}),
    "ORGANIZED": ({"Organization"}, {"Event", "Organization"}),
    "PARTICIPATED_IN": ({"Person", "Organization"}, {"Event"}),
    "SUBSIDIARY_OF": ({"Organization"}, {"Organization"}),
    "SUPERVISED_BY": ({"Organization"}, {"Organization"}),
    "FOUNDED": ({"Organization", "Person"}, {"Organization"}),
    "APPROVED": ({"Organization"}, {"Organization", "Event"}),
    "LOCATED_IN": ({"Organization", "Event", "Location"}, {"Location"}),
}


def _types_ok(doc: Doc, type_: str, src: str, dst: str) -> bool:
    a, b = doc.entities.get(src), doc.entities.get(dst)
    if not a or not b or src == dst:
        return False
    allowed_src, allowed_dst = ENDPOINTS[type_]
    return a.label in allowed_src and b.label in allowed_dst
