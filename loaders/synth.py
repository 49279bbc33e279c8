"""Generate realistic articles with their gold annotation, for scale runs that also measure quality.

A population of people, state-owned groups, companies, institutes, universities,
agencies, societies and places holds fixed facts (who chairs what, which unit sits
under which group, where each is based). Each article reports one occasion (a visit,
a conference, an approval, an appointment, a profile) in one of several outlet styles,
restating some of the standing facts the way news does. The gold says what a careful
reader would extract, in the seed gold's format, so `rekg eval` scores the corpus.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from rekg.loaders.gazetteer import load_gazetteer
from rekg.loaders.resolve import slugify

SURNAMES = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao".split()
SYLLABLES = "an bo chao cheng dong fang feng gang guo hai hao hong hua hui jia jian jie jin jun kai lan lei liang lin ling long mei min ming nan ning peng ping qiang qing rong rui shan sheng shu tao ting wei wen xia xiang xin xiu xu yan yang yi ying yong yu yuan yue zhen zhi zhong".split()
FIELDS = ["Rare Earth Materials", "Magnetic Materials", "Rare Earth Metallurgy", "Applied Chemistry", "Nonferrous Metals",
          "Mineral Resources", "Functional Materials", "Separation Technology", "Green Extraction", "Permanent Magnets"]
TOPICS = ["high-performance magnets", "ionic clay recovery", "separation efficiency", "tailings reuse", "hydrogen storage alloys",
          "polishing powders", "phosphors", "catalytic materials", "green smelting", "standard setting"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass
class Body:
    id: str
    name: str
    kind: str  # SOE, Company, Institute, University, Association, Agency
    city: str
    parent: str | None = None
    supervisor: str | None = None
    acronym: str | None = None


@dataclass
class Person:
    id: str
    name: str
    org: str
    title: str


@dataclass
class Population:
    rng: random.Random
    people: list[Person] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)
    cities: list[tuple[str, str]] = field(default_factory=list)  # (city, province)

    @classmethod
    def build(cls, rng: random.Random, size: int) -> "Population":
        gaz = load_gazetteer()
        seen, cities = set(), []
        for p in gaz.places.values():
            if p.kind == "city" and p.parent and p.parent != "China" and p.name not in seen and "'" not in p.name:
                seen.add(p.name)
                cities.append((p.name, p.parent))
        cities.sort()
        pop = cls(rng, cities=rng.sample(cities, min(len(cities), max(12, size // 40))))
        agencies = ["Ministry of Industry and Information Technology", "Ministry of Natural Resources",
                    "State-owned Assets Supervision and Administration Commission", "Ministry of Science and Technology"]
        for a in agencies:
            pop.add(Body(slugify(a), a, "Agency", "Beijing"))
        names: set[str] = set()
        for i in range(max(8, size)):
            city, prov = rng.choice(pop.cities)
            kind = rng.choices(["SOE", "Company", "Institute", "University", "Association", "Agency"], [3, 3, 3, 2, 1, 1])[0]
            name = pop._name(kind, city, prov, i)
            if name in names:
                continue
            names.add(name)
            body = Body(slugify(name), name, kind, city)
            if kind == "Institute":
                body.acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            pop.add(body)
        soes = [b for b in pop.bodies.values() if b.kind == "SOE"]
        for b in pop.bodies.values():
            if b.kind in ("Institute", "Company") and soes and rng.random() < 0.5:
                b.parent = rng.choice(soes).id
            if b.kind == "SOE":
                b.supervisor = slugify("State-owned Assets Supervision and Administration Commission")
        used: set[str] = set()
        for b in pop.bodies.values():
            for title in rng.sample(["Chairman", "President", "General Manager", "Director", "Secretary-General", "Researcher", "Professor"], 2):
                name = pop._person_name(used)
                pop.people.append(Person(slugify(name), name, b.id, title))
        return pop

    def add(self, b: Body) -> None:
        self.bodies[b.id] = b

    def _name(self, kind: str, city: str, prov: str, i: int) -> str:
        r = self.rng
        field_ = r.choice(FIELDS)
        if kind == "SOE":
            return r.choice([f"{city} Rare Earth Group", f"{prov} {r.choice(['Rare Earth', 'Nonferrous Metals', 'Tungsten'])} Group", f"{city} Steel Group"])
        if kind == "Company":
            return f"{r.choice(['Jin', 'Hua', 'Xin', 'Tai', 'Heng', 'Zhong', 'Da'])}{r.choice(SYLLABLES)} {r.choice(['Magnet', 'Materials', 'New Materials', 'Rare Earth'])} Co., Ltd."
        if kind == "Institute":
            return f"{city} Institute of {field_}"
        if kind == "University":
            return r.choice([f"{city} University", f"{prov} University of Science and Technology", f"{city} University of Technology"])
        if kind == "Association":
            return f"{prov} Rare Earth Society" if r.random() < 0.5 else f"{prov} Rare Earth Industry Association"
        return f"Department of Industry and Information Technology of {prov} Province"

    def _person_name(self, used: set[str]) -> str:
        while True:
            given = self.rng.choice(SYLLABLES) + (self.rng.choice(SYLLABLES) if self.rng.random() < 0.7 else "")
            name = f"{self.rng.choice(SURNAMES)} {given.capitalize()}"
            if name not in used:
                used.add(name)
                return name


LEAD = {"Chairman", "President", "General Manager", "Director", "Secretary-General"}


class Article:
    """One article under construction: text and the gold it supports."""

    def __init__(self, aid: str, pop: Population):
        self.id, self.pop = aid, pop
        self.sentences: list[str] = []
        self.entities: dict[str, dict] = {}
        self.relations: list[dict] = []

    def person(self, p: Person) -> str:
        self.entities[p.id] = {"id": p.id, "name": p.name, "labels": ["Person"], "aliases": [], "properties": {"titles": [p.title] if p.title in LEAD else []}}
        return p.name

    def body(self, b: Body) -> str:
        labels = ["Organization", b.kind]
        self.entities[b.id] = {"id": b.id, "name": b.name, "labels": labels, "aliases": [b.acronym] if b.acronym else [], "properties": {"kind": b.kind.lower()}}
        return b.name

    def place(self, name: str, kind: str) -> str:
        self.entities[slugify(name)] = {"id": slugify(name), "name": name, "labels": ["Location"], "aliases": [], "properties": {"kind": kind}}
        return name

    def event(self, eid: str, name: str, kind: str, date: str) -> str:
        self.entities[eid] = {"id": eid, "name": name, "labels": ["Event"], "aliases": [], "properties": {"kind": kind, "date": date}}
        return eid

    def rel(self, type_: str, source: str, target: str, quote: str, optional: bool = False, **props) -> None:
        self.relations.append({"type": type_, "source": source, "target": target, "properties": props, "quote": quote, "optional": optional})

    def role(self, p: Person, quote: str) -> None:
        self.rel("LEADS" if p.title in LEAD else "MEMBER_OF", p.id, p.org, quote, role=p.title if p.title in LEAD else p.title.lower())


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    m, d = rng.randrange(12), rng.randrange(1, 28)
    return f"{MONTHS[m]} {d}", f"{year:04d}-{m + 1:02d}-{d:02d}"


def visit_article(a: Article, rng: random.Random, year: int) -> None:
    pop = a.pop
    host = pop.bodies[rng.choice([p.org for p in pop.people])]
    visitor = rng.choice([p for p in pop.people if p.title in LEAD and p.org != host.id])
    vorg = pop.bodies[visitor.org]
    when, iso = _date(rng, year)
    ev = a.event(f"ev-{a.id}", f"Visit of {visitor.name} to {host.name}", "visit", iso)
    s1 = rng.choice([
        f"{a.body(vorg)} {visitor.title} {a.person(visitor)} visited {a.body(host)} in {a.place(host.city, 'city')} on {when}.",
        f"On {when}, {a.person(visitor)}, {visitor.title.lower()} of {a.body(vorg)}, led a delegation to {a.body(host)} in {a.place(host.city, 'city')}.",
    ])
    a.sentences.append(s1)
    a.role(visitor, s1)
    a.rel("VISITED", visitor.id, host.id, s1, date=iso)
    a.rel("PARTICIPATED_IN", visitor.id, ev, s1)
    a.rel("LOCATED_IN", ev, slugify(host.city), s1)
    a.rel("VISITED", visitor.id, slugify(host.city), s1, optional=True)  # implied by "X in City"
    a.rel("LOCATED_IN", host.id, slugify(host.city), s1, optional=True)
    hosts = [p for p in pop.people if p.org == host.id and p.title in LEAD]
    if hosts:
        h = hosts[0]
        s2 = rng.choice([
            f"{a.person(h)}, {h.title.lower()} of {host.name}, received the delegation and briefed it on work in {rng.choice(TOPICS)}.",
            f"{h.title} {a.person(h)} of {host.name} received the delegation and briefed it on work in {rng.choice(TOPICS)}.",
        ])
        a.sentences.append(s2)
        a.role(h, s2)
        a.rel("PARTICIPATED_IN", h.id, ev, s2)
    _standing_facts(a, rng, host)


def conference_article(a: Article, rng: random.Random, year: int) -> None:
    pop = a.pop
    city, prov = rng.choice(pop.cities)
    when, iso = _date(rng, year)
    organisers = rng.sample([b for b in pop.bodies.values() if b.kind in ("Association", "Institute", "University", "SOE")], 3)
    topic = rng.choice(TOPICS)
    ev = a.event(f"ev-{a.id}", f"Conference on {topic} in {city}", "conference", iso)
    prov_kind = load_gazetteer().place(prov).kind
    suffix = " Province" if prov_kind == "province" else ""
    s1 = f"A national conference on {topic} opened in {a.place(city, 'city')}, {a.place(prov, prov_kind)}{suffix}, on {when}."
    a.sentences.append(s1)
    a.rel("LOCATED_IN", ev, slugify(city), s1)
    a.rel("LOCATED_IN", slugify(city), slugify(prov), s1)
    names = [a.body(o) for o in organisers]
    s2 = f"The conference was jointly organized by {names[0]}, {names[1]} and {names[2]}."
    a.sentences.append(s2)
    for o in organisers:
        a.rel("ORGANIZED", o.id, ev, s2)
    speakers = rng.sample([p for p in pop.people if p.org in {o.id for o in organisers}], 2)
    for sp in speakers:
        org = pop.bodies[sp.org]
        s = f"{a.person(sp)}, {sp.title.lower()} of {a.body(org)}, delivered a keynote speech on {rng.choice(TOPICS)}."
        a.sentences.append(s)
        a.role(sp, s)
        a.rel("PARTICIPATED_IN", sp.id, ev, s)
    a.sentences.append(f"More than {rng.randrange(150, 600)} experts and executives attended.")


def approval_article(a: Article, rng: random.Random, year: int) -> None:
    pop = a.pop
    ministry = pop.bodies[slugify("Ministry of Industry and Information Technology")]
    founder = pop.bodies[rng.choice([b.id for b in pop.bodies.values() if b.kind in ("SOE", "Company")])]
    city = founder.city
    topic = rng.choice(FIELDS)
    center = Body(slugify(f"National {topic} Innovation Center {a.id}"), f"National {topic} Innovation Center of {city}", "Institute", city)
    center.id = slugify(center.name)
    s1 = f"The {a.body(ministry)} has approved the establishment of the {a.body(center)} by {a.body(founder)}."
    a.sentences.append(s1)
    a.rel("APPROVED", ministry.id, center.id, s1)
    a.rel("FOUNDED", founder.id, center.id, s1)
    s2 = f"The center is based in {a.place(city, 'city')} and will focus on {rng.choice(TOPICS)}."
    a.sentences.append(s2)
    a.rel("LOCATED_IN", center.id, slugify(city), s2)
    _standing_facts(a, rng, founder)


def profile_article(a: Article, rng: random.Random, year: int) -> None:
    pop = a.pop
    b = pop.bodies[rng.choice([x.id for x in pop.bodies.values() if x.parent])]
    parent = pop.bodies[b.parent]
    named = f"{a.body(b)} ({b.acronym})" if b.acronym else a.body(b)
    s1 = f"{named}, a subsidiary of {a.body(parent)}, reported steady output in {rng.choice(TOPICS)}."
    a.sentences.append(s1)
    a.rel("SUBSIDIARY_OF", b.id, parent.id, s1)
    if b.acronym:
        s = f"Analysts said {b.acronym} has become one of the main suppliers in its segment."
        a.sentences.append(s)
    _standing_facts(a, rng, parent)
    leaders = [p for p in pop.people if p.org == b.id]
    if leaders:
        p = leaders[0]
        s = f"{a.person(p)}, {p.title.lower()} of {b.name}, said demand from magnet makers remained strong."
        a.sentences.append(s)
        a.role(p, s)


def _standing_facts(a: Article, rng: random.Random, b: Body) -> None:
    """Background sentences that restate where a body is based and who oversees it."""
    if rng.random() < 0.6:
        s = f"{a.body(b)} is headquartered in {a.place(b.city, 'city')}."
        a.sentences.append(s)
        a.rel("LOCATED_IN", b.id, slugify(b.city), s)
    if b.supervisor and rng.random() < 0.5:
        sup = a.pop.bodies[b.supervisor]
        s = f"The group is overseen by the {a.body(sup)}."
        a.sentences.append(s)
        a.rel("SUPERVISED_BY", b.id, sup.id, s)
    a.sentences.append(rng.choice([
        "Prices of praseodymium-neodymium oxide were little changed over the week.",
        "Demand from electric vehicle and wind turbine makers continued to grow.",
        "Exports of magnets rose compared with the same period last year.",
    ]))


STYLES = [visit_article, conference_article, approval_article, profile_article]


def generate(n: int, seed: int = 0, population: int | None = None) -> tuple[list[tuple[str, str, str]], dict]:
    """`n` articles as (id, published, text) and one gold document covering them all."""
    rng = random.Random(seed)
    pop = Population.build(rng, population or max(40, n // 5))
    articles, gold_ents, gold_rels = [], {}, {}
    for i in range(n):
        aid = f"syn{i:06d}"
        year = rng.choice([2022, 2023, 2024, 2025])
        a = Article(aid, pop)
        rng.choice(STYLES)(a, rng, year)
        text = " ".join(a.sentences)
        published = f"{year}-12-31"
        articles.append((aid, published, text))
        present = set()
        for e in a.entities.values():
            if e["name"] not in text and "Event" not in e["labels"]:
                continue
            present.add(e["id"])
            g = gold_ents.setdefault(e["id"], {**e, "articles": [], "optional": False})
            g["articles"].append(aid)
        for r in a.relations:
            if r["source"] not in present or r["target"] not in present:
                continue
            key = (r["type"], r["source"], r["target"])
            g = gold_rels.setdefault(key, {**r, "articles": []})
            g["optional"] = g["optional"] and r["optional"]  # stated plainly anywhere: required
            if aid not in g["articles"]:
                g["articles"].append(aid)
    gold = {"corpus": f"synth-{n}-{seed}", "articles": [a[0] for a in articles],
            "entities": sorted(gold_ents.values(), key=lambda e: e["id"]), "relations": list(gold_rels.values())}
    return articles, gold


def write(n: int, out: Path, seed: int = 0) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    arts = out / "articles"
    arts.mkdir(exist_ok=True)
    articles, gold = generate(n, seed)
    for aid, published, text in articles:
        (arts / f"{aid}.md").write_text(f"---\npublished: {published}\nsource: synth\n---\n{text}\n", encoding="utf-8")
    path = out / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path
