"""Cross-article resolution: stable ids whatever the order, and no false merges."""
import random

from rekg.graph.model import Article
from rekg.loaders.extract.pipeline import Extractor
from rekg.loaders.resolve import resolve

TEXTS = {
    "a1": "China Rare Earth Group Chairman Ma Xiang met officials in Ganzhou. The group said output would rise.",
    "a2": "China Rare Earth, a listed subsidiary, reported profits. Ma Xiang, chairman of China Rare Earth Group, spoke.",
    "a3": "Li Chunyu, an academician of the Chinese Academy of Sciences (CAS), visited Baotou. Li praised the plant.",
    "a4": "Li Wenbo of Jiangxi University of Science and Technology visited Ganzhou. CAS experts joined him.",
    "a5": "The Changsha Research Institute of Mining and Metallurgy (CRIMM) signed an agreement. CRIMM is based in Changsha.",
}


def extract_all(order):
    ex = Extractor()
    return [ex(Article(id=k, text=TEXTS[k], sha256=k * 32)) for k in order]


def ids(doc):
    return {e.id: (e.name, tuple(e.articles)) for e in doc.entities}


def test_ids_do_not_depend_on_article_order():
    keys = sorted(TEXTS)
    first = resolve(extract_all(keys))
    for seed in range(3):
        shuffled = keys[:]
        random.Random(seed).shuffle(shuffled)
        again = resolve(extract_all(shuffled))
        assert ids(again) == ids(first)
        assert [r.key for r in again.relations] == [r.key for r in first.relations]


def test_same_entity_across_articles_is_one_node():
    doc = resolve(extract_all(sorted(TEXTS)))
    by_name = {e.name: e for e in doc.entities}
    assert by_name["China Rare Earth Group"].articles == ["a1", "a2"]
    assert by_name["Ma Xiang"].articles == ["a1", "a2"]
    cas = by_name["Chinese Academy of Sciences"]
    assert cas.articles == ["a3", "a4"] and "CAS" in cas.aliases


def test_guards_against_false_merges():
    doc = resolve(extract_all(sorted(TEXTS)))
    names = [e.name for e in doc.entities]
    # a listed subsidiary with a shorter name is not its parent group
    assert "China Rare Earth" in names and "China Rare Earth Group" in names
    # two people who share the surname 'Li' in different articles stay two
    people = sorted(e.name for e in doc.entities if e.primary == "Person")
    assert "Li Chunyu" in people and "Li Wenbo" in people


def test_same_fact_in_two_articles_is_one_relation_with_two_evidence():
    doc = resolve(extract_all(sorted(TEXTS)))
    leads = [r for r in doc.relations if r.type == "LEADS" and r.source == "ma-xiang"]
    assert len(leads) == 1 and [ev.article for ev in leads[0].evidence] == ["a1", "a2"]
