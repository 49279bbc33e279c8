"""The embedded store: persistence, atomic writes, idempotent and replacing ingest."""
import json
import os

import pytest

from rekg.graph.model import Article
from rekg.graph.nx_store import NetworkXStore
from rekg.graph.store import StoreError
from rekg.loaders.extract.pipeline import Extractor

TEXT = "Northern Rare Earth Chairman Qu Ming visited Baotou Research Institute of Rare Earths on June 3."


def art(aid, text):
    import hashlib

    return Article(id=aid, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def test_persists_and_reloads(tmp_path):
    st = NetworkXStore(tmp_path)
    st.put_extractions([Extractor()(art("n1", TEXT))])
    again = NetworkXStore(tmp_path)
    assert again.export() == st.export()
    assert again.get_entity("qu-ming").name == "Qu Ming"


def test_same_article_twice_changes_nothing(tmp_path):
    st = NetworkXStore(tmp_path)
    ex = Extractor()(art("n1", TEXT))
    st.put_extractions([ex])
    before = (tmp_path / "graph.jsonl").read_bytes()
    report = st.put_extractions([ex])
    assert report.unchanged == ["n1"] and not report.added
    assert (tmp_path / "graph.jsonl").read_bytes() == before


def test_changed_text_replaces_its_evidence(tmp_path):
    st = NetworkXStore(tmp_path)
    st.put_extractions([Extractor()(art("n1", TEXT))])
    changed = TEXT.replace("Qu Ming", "Tan Yuhua")
    report = st.put_extractions([Extractor()(art("n1", changed))])
    assert report.updated == ["n1"]
    assert st.get_entity("qu-ming") is None and st.get_entity("tan-yuhua") is not None
    sentences = {ev.sentence for r in st.export().relations for ev in r.evidence}
    assert sentences == {changed}


def test_delete_removes_only_what_the_article_supported(tmp_path):
    st = NetworkXStore(tmp_path)
    other = "Qu Ming, chairman of Northern Rare Earth, spoke in Baotou."
    st.put_extractions([Extractor()(art("n1", TEXT)), Extractor()(art("n2", other))])
    assert st.delete_article("n1")
    assert st.get_entity("qu-ming").articles == ["n2"]
    assert all(ev.article == "n2" for r in st.export().relations for ev in r.evidence)
    assert not st.delete_article("n1")


def test_a_failed_write_leaves_the_old_store(tmp_path, monkeypatch):
    st = NetworkXStore(tmp_path)
    st.put_extractions([Extractor()(art("n1", TEXT))])
    before = (tmp_path / "graph.jsonl").read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        st.put_extractions([Extractor()(art("n2", "Qu Ming toured Ganzhou."))])
    assert (tmp_path / "graph.jsonl").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_corrupt_store_is_a_clear_error(tmp_path):
    (tmp_path / "graph.jsonl").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="graph.jsonl: not a readable rekg store"):
        NetworkXStore(tmp_path)


def test_neighbors_paths_and_search(tmp_path):
    st = NetworkXStore(tmp_path)
    st.put_extractions([Extractor()(art("n1", TEXT)), Extractor()(art("n2", "Qu Ming, chairman of Northern Rare Earth, spoke in Baotou."))])
    sub = st.neighbors("qu-ming", depth=1)
    assert {e.id for e in sub.entities} >= {"qu-ming", "baotou-research-institute-of-rare-earths"}
    assert all("qu-ming" in (r.source, r.target) for r in sub.relations)
    only_visits = st.neighbors("qu-ming", depth=1, rel_types=["VISITED"])
    assert {r.type for r in only_visits.relations} == {"VISITED"}
    paths = st.paths("baotou-research-institute-of-rare-earths", st.find("Northern Rare Earth").id, max_depth=3)
    assert paths and paths[0].entities[0].id == "baotou-research-institute-of-rare-earths"
    hits = st.search("qu ming")
    assert hits[0][0].id == "qu-ming"
    assert st.search("Baotou Research", label="Organization")[0][0].id == "baotou-research-institute-of-rare-earths"


def test_pinned_serves_one_version_and_writes_start_from_the_file(tmp_path):
    """A request sees one version of the graph; the next sees other processes' writes; a write made
    while pinned still starts from the file's latest version (nothing another writer added is lost)."""
    ext = Extractor()
    reader, writer = NetworkXStore(tmp_path), NetworkXStore(tmp_path)
    reader.put_extractions([ext(art("n1", TEXT))])
    with reader.pinned():
        writer.put_extractions([ext(art("n2", "Li Wei chaired the Baotou Rare Earth Forum on May 2."))])
        assert set(reader.article_hashes()) == {"n1"}
    assert set(reader.article_hashes()) == {"n1", "n2"}
    with reader.pinned():
        writer.put_extractions([ext(art("n3", "Zhang Hua visited Ganzhou on July 9."))])
        reader.put_extractions([ext(art("n4", "Wang Fang spoke at the Xiamen Tungsten forum."))])
    assert set(NetworkXStore(tmp_path).article_hashes()) == {"n1", "n2", "n3", "n4"}


def test_rewrite_reuses_lines_equal_to_fresh_dumps(tmp_path):
    """A write copies unchanged articles' lines from the file it read: after an update, an addition
    and a delete, the file must be byte for byte the one a fresh store writes for the same articles."""
    texts = {"n1": TEXT, "n2": "Qu Ming, chairman of Northern Rare Earth, spoke in Baotou.",
             "n3": "Baotou Research Institute of Rare Earths is supervised by Northern Rare Earth."}
    NetworkXStore(tmp_path / "a").put_extractions([Extractor()(art(k, t)) for k, t in texts.items()])
    st = NetworkXStore(tmp_path / "a")  # reopened: its extractions and their lines come from the file
    st.put_extractions([Extractor()(art("n2", texts["n2"].replace("Qu Ming", "Tan Yuhua"))),
                        Extractor()(art("n4", "Tan Yuhua visited Ganzhou."))])
    assert st.delete_article("n3")
    fresh = NetworkXStore(tmp_path / "b")
    fresh.put_extractions(NetworkXStore(tmp_path / "a").extractions())
    written = (tmp_path / "a" / "graph.jsonl").read_bytes()
    assert written == (tmp_path / "b" / "graph.jsonl").read_bytes()
    lines = written.splitlines(keepends=True)[2:]
    assert lines == [(ex.model_dump_json() + "\n").encode() for ex in st.extractions()]
    assert [json.loads(line)["article"]["id"] for line in lines] == ["n1", "n2", "n4"]


def _shape(g):
    """A graph's content, with each entity and relationship by identity."""
    return ({n: id(d.get("entity")) for n, d in g._node.items()},
            {s: {t: {k: id(d["relation"]) for k, d in kd.items()} for t, kd in nbrs.items()} for s, nbrs in g._succ.items()},
            {t: {s: {k: id(d["relation"]) for k, d in kd.items()} for s, kd in nbrs.items()} for t, nbrs in g._pred.items()})


def test_writes_into_an_open_store_patch_its_graph_as_a_rebuild_would(tmp_path):
    """Later writes of a process update the resolution and patch the graph (graph/nx_store.py
    _patched_graph) instead of rebuilding both: the graph, the file and a fresh resolution agree, and
    a reader holding the previous graph sees it unchanged."""
    from rekg.graph.nx_store import _multidigraph
    from rekg.loaders import synth
    from rekg.loaders.resolve import resolve

    articles, _ = synth.generate(40, 5, population=20)
    exs = [Extractor()(art(aid, text)) for aid, _, text in articles]
    st = NetworkXStore(tmp_path)
    st.put_extractions(exs[:30])
    for step, batch in enumerate([exs[30:31], exs[31:35], [Extractor()(art("syn000003", articles[36][2]))], exs[35:]]):
        held, before = st.graph, _shape(st.graph)
        st.put_extractions(batch)
        if step == 1:
            st.delete_article("syn000007")
        assert _shape(held) == before
        assert _shape(st.graph) == _shape(_multidigraph(st.export()))
        assert st.export().model_dump_json() == resolve(st.extractions()).model_dump_json()
        assert (tmp_path / "graph.jsonl").read_bytes().split(b"\n")[1] == st.export().model_dump_json().encode()
        assert NetworkXStore(tmp_path).export() == st.export()
    assert st._incremental and st._json  # the later writes were incremental, and reused kept JSON
