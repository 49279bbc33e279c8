"""One behaviour, two stores: everything here runs against NetworkX and against a real Neo4j.

Each store is compared with a NetworkX reference loaded with the same extractions, so the
Neo4j store is held to the embedded store's answers (stats, search, neighbors, paths, export)
and both are checked for the write rules (skip unchanged, replace changed, delete, atomicity).
"""
from __future__ import annotations

import hashlib
import socket
import time

import pytest

from rekg.graph.model import Extraction
from rekg.graph.nx_store import NetworkXStore
from rekg.graph.store import StoreError, Subgraph

STORES = ["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)]
NOTE = "Editor's note: this article was updated. "


@pytest.fixture(params=STORES)
def store(request):
    return request.getfixturevalue("nx_store" if request.param == "networkx" else "neo4j_store")


@pytest.fixture
def loaded(store, seed_extractions):
    report = store.put_extractions(seed_extractions)
    assert sorted(report.added) == sorted(ex.article.id for ex in seed_extractions)
    assert not report.updated and not report.unchanged
    return store


@pytest.fixture
def reference(tmp_path, seed_extractions):
    ref = NetworkXStore(tmp_path / "reference")
    ref.put_extractions(seed_extractions)
    return ref


def _most_relations(seed: list[Extraction]) -> Extraction:
    return max(seed, key=lambda ex: (len(ex.relations), ex.article.id))


@pytest.fixture(scope="session")
def edited(seed_extractions) -> tuple[Extraction, str]:
    """The article with the most relations, re-extracted after an edit: a note prepended (every
    evidence offset moves) and the sentence of its first relation removed. Also returns that sentence."""
    import hashlib

    from rekg.loaders.extract.pipeline import Extractor

    ex = _most_relations(seed_extractions)
    dropped = ex.relations[0].evidence.sentence
    text = NOTE + ex.article.text.replace(dropped, "", 1)
    article = ex.article.model_copy(update={"text": text, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
    return Extractor()(article), dropped


def snapshot(store) -> tuple:
    return store.stats(), store.export().model_dump(), store.article_hashes()


# -- reads ---------------------------------------------------------------------------------------


def test_stats_equal_and_not_trivial(loaded, reference, seed_extractions):
    stats = loaded.stats()
    assert stats == reference.stats()
    assert stats["articles"] == len(seed_extractions) >= 10
    assert stats["entities"] >= 40 and stats["relations"] >= 10 and stats["evidence"] >= stats["relations"]
    assert {"Person", "Organization", "Location"} <= set(stats["labels"])
    assert len(stats["relation_types"]) >= 3


def test_export_equals_networkx(loaded, reference):
    doc, ref = loaded.export(), reference.export()
    assert doc.model_dump() == ref.model_dump()
    assert doc.model_dump_json() == ref.model_dump_json()  # same key and list order too
    assert len(doc.articles) == len(ref.articles) and all(r.evidence for r in doc.relations)


def test_extractions_round_trip(loaded, seed_extractions):
    by_id = {ex.article.id: ex for ex in seed_extractions}
    assert loaded.article_hashes() == {k: v.article.sha256 for k, v in by_id.items()}
    assert loaded.extractions() == [by_id[k] for k in sorted(by_id)]
    some = sorted(by_id)[0]
    assert loaded.get_extraction(some) == by_id[some]
    assert loaded.get_extraction("no-such-article") is None


def test_entities_equal(loaded, reference):
    assert loaded.all_entities() == reference.all_entities()
    for ent in reference.all_entities():
        assert loaded.get_entity(ent.id) == ent
    assert loaded.get_entity("no-such-entity") is None


def test_search_equal(loaded, reference):
    ents = reference.all_entities()
    queries = [e.name for e in ents[:: max(1, len(ents) // 6)]] + ["baotou", "rare earth", "society", "Chin", "zzqxj"]
    hits = 0
    for q in queries:
        for label in (None, "Organization"):
            got = [(e.model_dump(), s) for e, s in loaded.search(q, label=label, limit=10)]
            assert got == [(e.model_dump(), s) for e, s in reference.search(q, label=label, limit=10)], q
            hits += len(got)
        assert loaded.find(q) == reference.find(q)
    assert hits > 20


def _typed_queries(reference) -> list[str]:
    """What people type: whole names, their first 3-4 letters, one word of a name, a name with a typo in one word."""
    names = sorted({n for e in reference.all_entities() for n in [e.name, *e.aliases]})
    queries = []
    for name in names[:: max(1, len(names) // 12)]:
        words = name.split()
        queries += [name, name[:3], name[:4], words[-1]]
        if len(words) > 1 and len(words[0]) > 3:
            queries.append(" ".join([words[0][:2] + words[0][3:], *words[1:]]))  # one letter dropped from one word
    return queries


def test_search_same_hits_in_same_order(loaded, reference):
    hits = 0
    for q in _typed_queries(reference):
        for label in (None, "Person", "Organization"):
            got = [(e.model_dump(), s) for e, s in loaded.search(q, label=label, limit=10**9)]
            assert got == [(e.model_dump(), s) for e, s in reference.search(q, label=label, limit=10**9)], (q, label)
            hits += len(got)
        page = loaded.search(q, limit=3, offset=2)
        assert [(e.id, s) for e, s in page] == [(e.id, s) for e, s in reference.search(q, limit=3, offset=2)], q
    assert hits > 100


def test_search_page_counts_every_hit(loaded, reference):
    """search_page gives the same page as search and the number of hits in all (the API's `total`)."""
    for q in _typed_queries(reference)[:40]:
        every = [(e.id, s) for e, s in loaded.search(q, limit=10**9)]
        page, total = loaded.search_page(q, limit=2, offset=1)
        assert total == len(every) and [(e.id, s) for e, s in page] == every[1:3], q
        assert reference.search_page(q, limit=2, offset=1)[1] == total, q
    assert loaded.search_page("   ") == ([], 0)


@pytest.mark.parametrize("query", ["", "   ", "!", "*", "?", "~", "\\", "/", ":", '"', "( )", "{ }", "[ ]", "^", "&&", "||",
                                   "+rare -earth", "rare && earth || baotou", "!baotou", "(baotou)", "{baotou}",
                                   "[baotou TO z]", "baotou^4", '"rare earth"', "baotou~", "bao*", "b?otou",
                                   "title:baotou", "baotou\\", "baotou/", "AND", "OR NOT", "rare AND earth"])
def test_search_takes_query_syntax_literally(loaded, reference, query):
    got = [(e.id, s) for e, s in loaded.search(query, limit=10**9)]
    assert got == [(e.id, s) for e, s in reference.search(query, limit=10**9)]
    if not query.strip():
        assert got == []


def test_search_sees_a_write_at_once(loaded, reference):
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.graph.model import Article

    text = "Quorvex Lanthanide Research Institute opened a laboratory in Baotou on Monday."
    article = Article(id="quorvex-news", title="Quorvex", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    ex = Extractor()(article)
    assert any(e.name == "Quorvex Lanthanide Research Institute" for e in ex.entities)
    assert not any("Quorvex" in e.name for e, _ in loaded.search("Quorvex"))
    loaded.put_extractions([ex])
    reference.put_extractions([ex])
    for q in ("Quorvex", "quorvex lanthanide research institute", "Quorvx Lanthanide Research Institute", "Quor"):
        got = [(e.id, s) for e, s in loaded.search(q, limit=10**9)]
        assert got and got == [(e.id, s) for e, s in reference.search(q, limit=10**9)], q
        assert "quorvex" in got[0][0], q
    loaded.delete_article("quorvex-news")
    assert not any("Quorvex" in e.name for e, _ in loaded.search("Quorvex"))


def test_articles_meta(loaded, seed_extractions):
    ids = [ex.article.id for ex in seed_extractions[:3]]
    meta = loaded.articles_meta([*ids, "no-such-article", ids[0]])
    assert list(meta) == ids
    for ex in seed_extractions[:3]:
        got = meta[ex.article.id]
        assert (got.id, got.title, got.source, got.url, got.published, got.path) == (
            ex.article.id, ex.article.title, ex.article.source, ex.article.url, ex.article.published, ex.article.path)
    assert loaded.articles_meta([]) == {}


def _connected(reference) -> list[str]:
    return sorted({x for r in reference.export().relations for x in (r.source, r.target)})


FILTERS = [(None, None), (["LEADS", "MEMBER_OF"], None), (None, ["Organization"]), (["LOCATED_IN"], ["Location"]),
           (["LOCATED_IN", "SUBSIDIARY_OF", "ORGANIZED"], ["Organization", "Location", "Event"])]


def test_neighbors_equal(loaded, reference):
    connected = _connected(reference)
    isolated = [e.id for e in reference.all_entities() if e.id not in set(connected)][:3]
    grew = False
    for eid in connected + isolated:
        sizes = []
        for depth in (1, 2, 3):
            for rel_types, labels in FILTERS:
                got = loaded.neighbors(eid, depth, rel_types, labels)
                assert got == reference.neighbors(eid, depth, rel_types, labels), (eid, depth, rel_types, labels)
            sizes.append(len(loaded.neighbors(eid, depth).entities))
        grew = grew or sizes[2] > sizes[0] + 1
    assert grew, "the corpus should have neighbourhoods that grow beyond one hop"
    assert loaded.neighbors("no-such-entity", 2) == Subgraph()


def test_paths_equal(loaded, reference):
    connected = _connected(reference)
    multi_hop = 0
    for a in connected[::5]:
        for b in connected:
            for max_depth, limit in ((4, 10), (2, 1)):
                got = loaded.paths(a, b, max_depth, limit)
                assert got == reference.paths(a, b, max_depth, limit), (a, b, max_depth, limit)
                multi_hop += sum(1 for p in got if len(p.entities) >= 3)
    assert multi_hop > 0, "the corpus should have paths longer than one hop"
    assert loaded.paths(connected[0], "no-such-entity") == []


# -- writes --------------------------------------------------------------------------------------


def test_same_extractions_twice_change_nothing(loaded, seed_extractions):
    before = snapshot(loaded)
    report = loaded.put_extractions(seed_extractions)
    assert sorted(report.unchanged) == sorted(ex.article.id for ex in seed_extractions)
    assert not report.added and not report.updated
    assert snapshot(loaded) == before


def test_changed_article_replaces_its_evidence(loaded, reference, edited):
    new, dropped = edited
    aid, text = new.article.id, new.article.text
    def others(doc):
        return sorted((r.key, e.article, e.start, e.end, e.sentence) for r in doc.relations for e in r.evidence if e.article != aid)

    others_before = others(loaded.export())

    report = loaded.put_extractions([new])
    assert report.updated == [aid] and not report.added and not report.unchanged
    reference.put_extractions([new])
    doc = loaded.export()
    assert doc.model_dump() == reference.export().model_dump()
    assert loaded.get_extraction(aid) == new and loaded.article_hashes()[aid] == new.article.sha256

    mine = [e for r in doc.relations for e in r.evidence if e.article == aid]
    assert mine, "the edited article still supports relations"
    assert all(text[e.start:e.end] == e.sentence for e in mine), "stale offsets from the old text survived"
    assert all(dropped != e.sentence for e in mine)
    assert others(doc) == others_before


def test_delete_article_removes_what_only_it_supported(loaded, reference):
    doc = loaded.export()
    own = {a.id: {e.id for e in doc.entities if e.articles == [a.id]} for a in doc.articles}
    aid = max(own, key=lambda k: (len(own[k]), k))
    assert own[aid], "some article should be the only one naming some entity"
    kept = {e.id for e in doc.entities} - own[aid]

    assert loaded.delete_article(aid) is True
    assert loaded.delete_article(aid) is False
    assert loaded.delete_article("no-such-article") is False
    reference.delete_article(aid)
    after = loaded.export()
    assert after.model_dump() == reference.export().model_dump()
    ids = {e.id for e in after.entities}
    assert not ids & own[aid]
    assert all(aid not in e.articles for e in after.entities)
    assert all(e.article != aid for r in after.relations for e in r.evidence)
    assert all(r.evidence for r in after.relations)
    assert aid not in loaded.article_hashes() and aid not in {a.id for a in after.articles}
    assert loaded.get_extraction(aid) is None
    assert ids <= kept  # nothing new appeared


def _corrections(doc, tmp_path, stores) -> dict:
    """The same analysts' corrections saved for every store; returns what they touched."""
    from rekg.graph.corrections import Corrections

    person = next(e for e in doc.entities if "Person" in e.labels)
    orgs = [e for e in doc.entities if "Organization" in e.labels and "SOE" not in e.labels]
    dropped = doc.relations[0]
    corr = Corrections()
    corr.add("rename", {"entity": person.id, "name": "Renamed Person"}, who="test")
    corr.add("relabel", {"entity": orgs[0].id, "label": "Organization", "kind": "SOE"}, who="test")
    corr.add("delete_relation", {"type": dropped.type, "source": dropped.source, "target": dropped.target}, who="test")
    corr.add("add_relation", {"type": "FOUNDED", "source": orgs[1].id, "target": orgs[2].id, "note": "seen in a filing"}, who="test")
    for i, st in enumerate(stores):
        st.corrections_home = st.corrections_home or tmp_path / f"corrections-{i}"
        corr.save(st.corrections_home)
    return {"person": person.id, "relabelled": orgs[0].id, "dropped": dropped.key, "added": ("FOUNDED", orgs[1].id, orgs[2].id)}


def test_rebuild_applies_corrections(loaded, reference, tmp_path):
    touched = _corrections(reference.export(), tmp_path, [loaded, reference])
    loaded.rebuild()
    reference.rebuild()
    doc = loaded.export()
    assert doc.model_dump() == reference.export().model_dump()
    ents, rels = {e.id: e for e in doc.entities}, {r.key for r in doc.relations}
    assert ents[touched["person"]].name == "Renamed Person"
    assert ents[touched["relabelled"]].labels == ["Organization", "SOE"]
    assert touched["dropped"] not in rels and touched["added"] in rels
    assert loaded.neighbors(touched["relabelled"], 2) == reference.neighbors(touched["relabelled"], 2)


# -- Neo4j only ------------------------------------------------------------------------------------


def _raw_counts(store) -> tuple:
    """What Cypher sees, including Article nodes and MENTIONS that the export leaves out."""
    q = store._driver.execute_query
    nodes = q("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c ORDER BY label", database_=store.database).records
    rels = q("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t", database_=store.database).records
    return [tuple(r.values()) for r in nodes], [tuple(r.values()) for r in rels]


@pytest.mark.neo4j
def test_failed_write_leaves_store_as_before(neo4j_store, seed_extractions, edited):
    from rekg.graph.neo4j_store import InjectedFailure

    store = neo4j_store
    store.put_extractions(seed_extractions)
    before, raw = snapshot(store), _raw_counts(store)
    new, _ = edited
    for fail_after in (1, 3):
        store._fail_after_batches = fail_after
        with pytest.raises(InjectedFailure):
            store.put_extractions([new])
        assert snapshot(store) == before and _raw_counts(store) == raw
        with pytest.raises(InjectedFailure):
            store.delete_article(new.article.id)
        assert snapshot(store) == before and _raw_counts(store) == raw
    store._fail_after_batches = None
    assert store.put_extractions([new]).updated == [new.article.id]  # no lock or state left behind
    assert store._batches > 3, "the injected failures should have struck between batches of a real write"
    assert store.get_extraction(new.article.id) == new


@pytest.mark.neo4j
def test_a_large_write_commits_in_parts_with_the_same_result(neo4j_store, reference, seed_extractions, monkeypatch):
    """Many articles are written a part at a time (one transaction for 50k overruns the server's
    transaction memory); the graph and the report are those of one write."""
    from rekg.graph import neo4j_store as module

    monkeypatch.setattr(module, "WRITE_ARTICLES", 2)
    again = seed_extractions[0].model_copy(deep=True)  # the same article twice: the second is unchanged
    report = neo4j_store.put_extractions([*seed_extractions, again])
    assert sorted(report.added) == sorted(ex.article.id for ex in seed_extractions)
    assert report.unchanged == [again.article.id] and not report.updated
    assert neo4j_store.export() == reference.export()


@pytest.mark.neo4j
def test_later_writes_update_the_kept_resolution_as_a_full_write_would(neo4j_store):
    """A write that finds the database as this process left it updates the kept resolution and writes
    only what it reports changed (graph/neo4j_store.py `_apply`). The database then holds what resolving
    every article gives, MENTIONS included; a failed write drops the kept state, so the next resolves all."""
    from rekg.graph.neo4j_store import InjectedFailure
    from rekg.graph.model import Article
    from rekg.loaders import synth
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.loaders.resolve import resolve

    def extract(aid, text):
        return Extractor()(Article(id=aid, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))

    def mentions(store) -> set[tuple[str, str]]:
        records = store._driver.execute_query("MATCH (a:Article)-[:MENTIONS]->(n:Entity) RETURN a.id AS a, n.id AS e",
                                              database_=store.database).records
        return {(r["a"], r["e"]) for r in records}

    def holds_a_full_resolve(store) -> None:
        full = resolve(store.extractions())
        assert store.export().model_dump_json() == full.model_dump_json()
        assert mentions(store) == {(a, e.id) for e in full.entities for a in e.articles}

    articles, _ = synth.generate(40, 5, population=20)
    exs = [extract(aid, text) for aid, _, text in articles]
    store = neo4j_store
    store.put_extractions(exs[:30])
    for step, batch in enumerate([exs[30:31], exs[31:35], [extract(articles[3][0], articles[36][2])], exs[35:]]):
        kept = store._last[2]
        store.put_extractions(batch)
        if step == 1:
            store.delete_article(articles[7][0])
        assert store._last[2] is kept, "a later write should update the kept resolution, not resolve afresh"
        holds_a_full_resolve(store)
    store._fail_after_batches = 2
    with pytest.raises(InjectedFailure):
        store.put_extractions([extract(articles[5][0], articles[38][2])])
    store._fail_after_batches = None
    kept = store._last[2]
    assert kept is None  # taken by the failed write, and not given back
    store.put_extractions([extract(articles[6][0], articles[39][2])])
    holds_a_full_resolve(store)


def _kept_names(store, timeout: float = 60):
    """Search until the Neo4j store has read every name into memory (it does so in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        store.search("baotou")
        kept = store._kept
        if kept is not None and kept[0] == store._read(store._graph_key)[0]:
            return kept[1]
        time.sleep(0.05)
    raise AssertionError("the Neo4j store never kept its names")


@pytest.mark.neo4j
def test_neo4j_search_ranks_alike_with_and_without_kept_names(neo4j_store, reference, seed_extractions, monkeypatch):
    """Repeated searches rank over names kept in memory instead of the full-text index's proposals: the
    same hits in the same order either way, and a write is seen by the very next search."""
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.graph.model import Article

    neo4j_store.put_extractions(seed_extractions)
    queries = _typed_queries(reference)
    expected = {(q, label): [(e.id, s) for e, s in reference.search(q, label=label, limit=10**9)]
                for q in queries for label in (None, "Organization")}
    with monkeypatch.context() as m:
        m.setattr(neo4j_store, "_kept_names", lambda key: None)  # the full-text path only
        for (q, label), hits in expected.items():
            assert [(e.id, s) for e, s in neo4j_store.search(q, label=label, limit=10**9)] == hits, (q, label)
        assert neo4j_store._kept is None
    kept = _kept_names(neo4j_store)
    assert len(kept.entities) == len(reference.all_entities())
    for (q, label), hits in expected.items():
        assert [(e.id, s) for e, s in neo4j_store.search(q, label=label, limit=10**9)] == hits, (q, label)
        page, total = neo4j_store.search_page(q, label=label, limit=2, offset=1)
        assert [(e.id, s) for e, s in page] == hits[1:3] and total == len(hits)

    text = "Velquarn Magnet Institute signed an agreement in Ganzhou on Friday."
    article = Article(id="velquarn-news", title="Velquarn", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    neo4j_store.put_extractions([Extractor()(article)])
    assert neo4j_store._kept[1] is kept  # still the old names, but no longer used:
    assert any("Velquarn" in e.name for e, _ in neo4j_store.search("Velquarn"))
    assert _kept_names(neo4j_store) is not kept
    assert any("Velquarn" in e.name for e, _ in neo4j_store.search("Velq"))


@pytest.mark.neo4j
def test_two_handles_on_one_database_see_each_others_writes(neo4j_store, neo4j_settings, reference, seed_extractions):
    """Each handle remembers its last write to diff against; a write by the other must be read back instead."""
    from rekg.graph.neo4j_store import Neo4jStore

    s = neo4j_settings
    a, b = neo4j_store, Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
    try:
        half = len(seed_extractions) // 2
        a.put_extractions(seed_extractions[:half])
        b.put_extractions(seed_extractions[half:])
        first, last = seed_extractions[0].article.id, seed_extractions[-1].article.id
        assert a.delete_article(last) and b.delete_article(first)
        reference.delete_article(first)
        reference.delete_article(last)
        want = reference.export().model_dump()
        assert a.export().model_dump() == want and b.export().model_dump() == want
        a.put_extractions(seed_extractions)  # and back: both articles again
        reference.put_extractions(seed_extractions)
        assert b.export().model_dump() == reference.export().model_dump()
        # b re-extracts an article (same text, so same hash, fewer relations); a must not reuse its parsed copy
        poorer = seed_extractions[0].model_copy(update={"relations": seed_extractions[0].relations[1:]})
        for st in (b, reference):
            st.delete_article(first)
            st.put_extractions([poorer])
        a.rebuild()
        reference.rebuild()
        assert a.get_extraction(first) == poorer
        assert a.export().model_dump() == reference.export().model_dump()
    finally:
        b.close()


@pytest.mark.neo4j
def test_cypher_layout(neo4j_store, seed_extractions):
    store = neo4j_store
    store.put_extractions(seed_extractions)
    doc = store.export()

    def one(query: str, **params):
        return store._driver.execute_query(query, params, database_=store.database).records[0][0]

    assert one("MATCH (n:Entity) RETURN count(n)") == len(doc.entities)
    assert one("MATCH (a:Article) RETURN count(a)") == len(seed_extractions)
    leads = sum(1 for r in doc.relations if r.type == "LEADS")
    assert leads and one("MATCH (:Person)-[r:LEADS]->(:Organization) RETURN count(r)") == leads
    for kind_label in ("SOE", "Agency", "University"):
        expect = sorted(e.id for e in doc.entities if kind_label in e.labels)
        assert sorted(one(f"MATCH (o:Organization:{kind_label}) RETURN collect(o.id)")) == sorted(expect)
        assert one(f"MATCH (o:{kind_label}) WHERE o.kind <> toLower($k) RETURN count(o)", k=kind_label) == 0
    person = next(e for e in doc.entities if "Person" in e.labels and e.properties.get("titles"))
    assert one("MATCH (p:Person {id: $id}) RETURN p.titles", id=person.id) == person.properties["titles"]
    assert one("MATCH (:Article)-[m:MENTIONS]->(:Entity) RETURN count(m)") == sum(len(e.articles) for e in doc.entities)
    rel = doc.relations[0]
    got = store._driver.execute_query(
        f"MATCH (:Entity {{id: $s}})-[r:{rel.type}]->(:Entity {{id: $t}}) RETURN r.evidence_articles AS a, r.evidence_sentences AS s",
        s=rel.source, t=rel.target, database_=store.database).records[0]
    assert got["a"] == sorted({e.article for e in rel.evidence}) and got["s"] == [e.sentence for e in rel.evidence]
    names = {r["name"] for r in store._driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=store.database).records}
    assert {"rekg_entity_id", "rekg_article_id"} <= names


@pytest.mark.neo4j
def test_relabel_leaves_no_stale_label_or_property(neo4j_store, seed_extractions, tmp_path):
    store = neo4j_store
    store.put_extractions(seed_extractions)
    touched = _corrections(store.export(), tmp_path, [store])
    store.rebuild()

    def one(query: str, **params):
        return store._driver.execute_query(query, params, database_=store.database).records[0][0]

    eid = touched["relabelled"]
    assert one("MATCH (o:Entity {id: $id}) RETURN labels(o)", id=eid) and \
        sorted(one("MATCH (o:Entity {id: $id}) RETURN labels(o)", id=eid)) == ["Entity", "Organization", "SOE"]
    assert one("MATCH (o:SOE {id: $id}) RETURN o.kind", id=eid) == "soe"
    assert one("MATCH (p:Person {id: $id}) RETURN p.name", id=touched["person"]) == "Renamed Person"
    t, s, d = touched["added"]
    assert one(f"MATCH (:Entity {{id: $s}})-[r:{t}]->(:Entity {{id: $d}}) RETURN r.note", s=s, d=d) == "seen in a filing"
    t, s, d = touched["dropped"]
    assert one(f"MATCH (:Entity {{id: $s}})-[r:{t}]->(:Entity {{id: $d}}) RETURN count(r)", s=s, d=d) == 0


@pytest.mark.neo4j
def test_wrong_password_is_a_clear_store_error(neo4j_settings):
    from rekg.graph.neo4j_store import Neo4jStore

    s = neo4j_settings
    store = Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password + "-wrong", s.neo4j_database)
    with pytest.raises(StoreError, match=r"^Neo4j refused the credentials for user 'neo4j' at bolt://") as info:
        store.stats()
    assert "\n" not in str(info.value)


def test_unreachable_server_is_a_fast_clear_store_error():
    from rekg.graph.neo4j_store import Neo4jStore

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "x", connection_timeout=2.0)
    t0 = time.monotonic()
    with pytest.raises(StoreError, match=rf"^cannot reach Neo4j at bolt://127.0.0.1:{port}: .+; start one with scripts/neo4j-local start$"):
        store.article_hashes()
    assert time.monotonic() - t0 < 5
    with pytest.raises(StoreError, match="invalid Neo4j URI"):
        Neo4jStore("http://127.0.0.1:7474", "neo4j", "x")


def _shown(sub: Subgraph) -> Subgraph:
    """A neighbourhood as the API's batched read returns it: without the entities' article lists."""
    return Subgraph([e.model_copy(update={"articles": []}) for e in sub.entities], sub.relations)


@pytest.mark.neo4j
def test_neo4j_batched_reads_answer_as_single_ones(neo4j_store, reference, seed_extractions):
    """The API's batched reads (one query for many requests): each answer equals the single call's, the
    articles a neighbourhood cites come with it, and a write is seen by the very next batch."""
    from rekg.loaders.extract.pipeline import Extractor
    from rekg.graph.model import Article

    neo4j_store.put_extractions(seed_extractions)
    ids = _connected(reference)[::2] + ["no-such-entity"]
    asked = [(eid, rel_types, labels) for eid in ids for rel_types, labels in FILTERS]
    for (eid, rel_types, labels), (sub, meta) in zip(asked, neo4j_store.neighbors_cited(asked)):
        assert sub == _shown(reference.neighbors(eid, 1, rel_types, labels)), (eid, rel_types, labels)
        cited = {ev.article for r in sub.relations for ev in r.evidence}
        assert {a: meta[a] for a in cited} == reference.articles_meta(cited)
    assert neo4j_store.neighbors_cited([]) == []

    queries = [(q, label, limit, offset) for q in _typed_queries(reference)[:12]
               for label, limit, offset in ((None, 20, 0), ("Organization", 2, 1))]
    _kept_names(neo4j_store)
    for kept in (True, False):  # over the kept names (one query), and the full-text path after a write
        for (q, label, limit, offset), (page, total) in zip(queries, neo4j_store.search_pages(queries)):
            hits, n = reference.search_page(q, label=label, limit=limit, offset=offset)
            assert total == n and [(e.id, e.name, e.aliases, e.labels, s) for e, s in page] == [
                (e.id, e.name, e.aliases, e.labels, s) for e, s in hits], (q, label, kept)
        if kept:
            text = "Ostrevan Magnet Institute signed an agreement with Baotou Steel in Ganzhou on Friday."
            article = Article(id="ostrevan-news", title="Ostrevan", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
            ex = Extractor()(article)
            neo4j_store.put_extractions([ex])
            reference.put_extractions([ex])
            (page, _), = neo4j_store.search_pages([("Ostrevan", None, 20, 0)])
            assert page and "ostrevan" in page[0][0].id
            institute = page[0][0].id
            (sub, meta), = neo4j_store.neighbors_cited([(institute, None, None)])
            assert sub == _shown(reference.neighbors(institute, 1)) and sub.relations and "ostrevan-news" in meta
