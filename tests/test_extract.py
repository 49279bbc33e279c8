"""Extraction on sentences written for these tests (never from the seed articles)."""
import pytest

from rekg.graph.model import Article
from rekg.loaders.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def read(extractor, text, published=None, aid="t"):
    ex = extractor(Article(id=aid, text=text, sha256="0" * 64, published=published))
    names = {e.local_id: e.name for e in ex.entities}
    rels = {(r.type, names[r.source], names[r.target]) for r in ex.relations}
    return ex, rels


def entity(ex, name):
    return next(e for e in ex.entities if e.name == name)


def test_people_titles_and_organisations(extractor):
    ex, rels = read(extractor, "Shenghe Resources Chairman Huang Ping met Zhou Lan, an academician of the Chinese Academy of Engineering.")
    assert ("LEADS", "Huang Ping", "Shenghe Resources") in rels
    assert ("MEMBER_OF", "Zhou Lan", "Chinese Academy of Engineering") in rels
    assert entity(ex, "Huang Ping").properties["titles"] == ["Chairman"]
    assert entity(ex, "Zhou Lan").properties.get("honorifics") == ["academician"]
    assert entity(ex, "Chinese Academy of Engineering").kind == "Institute"


def test_title_after_name_and_title_before_name_of(extractor):
    _, rels = read(extractor, "Wang Jianguo, president and party secretary of Northeastern University, spoke first. "
                              "Later, Director Sun Meiling of the Baotou Research Institute of Rare Earths gave a talk.")
    assert ("LEADS", "Wang Jianguo", "Northeastern University") in rels
    assert ("LEADS", "Sun Meiling", "Baotou Research Institute of Rare Earths") in rels


def test_surname_back_reference_and_acronym_defined_later(extractor):
    ex, rels = read(extractor, "GRIMM experts hosted the talks. Deng Haoran toured the plant. "
                               "Deng visited the Ganjiang Testing Center. The General Research Institute of Magnet Materials (GRIMM) is based in Beijing.")
    org = entity(ex, "General Research Institute of Magnet Materials")
    assert "GRIMM" in org.aliases
    assert ("VISITED", "Deng Haoran", "Ganjiang Testing Center") in rels
    assert ("LOCATED_IN", "General Research Institute of Magnet Materials", "Beijing") in rels


def test_two_people_with_one_surname_stay_two(extractor):
    ex, _ = read(extractor, "Zhang Wei of Xiamen Tungsten met Zhang Lihua of Ganzhou Rare Earth Group. Zhang said prices would hold.")
    people = sorted(e.name for e in ex.entities if e.label == "Person")
    assert people == ["Zhang Lihua", "Zhang Wei"]


def test_subsidiary_supervision_and_place(extractor):
    _, rels = read(extractor, "The Magnetic Materials Institute under the Chinese Academy of Sciences signed the deal. "
                              "Ganzhou Rare Earth Group is overseen by the Ganzhou municipal government's State-owned Assets Supervision and Administration Commission. "
                              "Longyan, Fujian Province, hosts a magnet plant.")
    assert ("SUBSIDIARY_OF", "Magnetic Materials Institute", "Chinese Academy of Sciences") in rels
    assert ("LOCATED_IN", "Longyan", "Fujian") in rels


def test_organisers_list_and_dated_conference(extractor):
    text = ("The 2024 Rare Earth Permanent Magnet Forum opened in Baotou on May 20-22. "
            "The forum was jointly hosted by the Chinese Society of Rare Earths, Baotou Steel, and Inner Mongolia University of Science and Technology.")
    ex, rels = read(extractor, text, published="2024-05-23")
    ev = next(e for e in ex.entities if e.label == "Event")
    assert ev.properties["kind"] == "conference"
    assert ev.properties["date"] == "2024-05-20" and ev.properties["end_date"] == "2024-05-22"
    organisers = {s for t, s, o in rels if t == "ORGANIZED"}
    assert organisers == {"Chinese Society of Rare Earths", "Baotou Iron and Steel Group", "Inner Mongolia University of Science and Technology"}
    assert ("LOCATED_IN", ev.name, "Baotou") in rels


def test_date_without_year_keeps_month_and_day(extractor):
    ex, _ = read(extractor, "Chairman Gao Feng of China Northern Rare Earth visited Jiangxi University of Science and Technology on March 8.")
    ev = next(e for e in ex.entities if e.label == "Event")
    assert ev.properties["date"] == "--03-08"


def test_passive_approval_and_founding(extractor):
    _, rels = read(extractor, "The National Rare Earth Magnet Innovation Center was approved by the Ministry of Industry and Information Technology. "
                              "The center was established by Grirem Advanced Materials Co., Ltd. and Baotou Steel.")
    assert ("APPROVED", "Ministry of Industry and Information Technology", "National Rare Earth Magnet Innovation Center") in rels
    assert ("FOUNDED", "Grirem Advanced Materials Co., Ltd.", "National Rare Earth Magnet Innovation Center") in rels


def test_state_owned_cue_and_private_firm(extractor):
    ex, _ = read(extractor, "Jinli Magnet Group, a private firm, supplies state-owned Liangshan Mining Group.")
    assert entity(ex, "Jinli Magnet Group").kind == "Company"
    assert entity(ex, "Liangshan Mining Group").kind == "SOE"


def test_place_inside_a_name_is_not_a_place_mention(extractor):
    ex, _ = read(extractor, "Guangxi Nonferrous Metals Group raised output.")
    assert not [e for e in ex.entities if e.label == "Location"]
    ex, _ = read(extractor, "The Department of Natural Resources of Sichuan Province issued permits.")
    assert [e.name for e in ex.entities if e.label == "Location"] == ["Sichuan"]


def test_lists_of_markets_relate_nothing(extractor):
    _, rels = read(extractor, "Demand grew in Japan, Germany and the United States, while Vietnam and Myanmar supplied ore.")
    assert rels == set()


def test_every_relation_has_evidence_and_a_rule(extractor):
    ex, _ = read(extractor, "China Minmetals Chairman Li Qiang visited the Changsha Mining Institute on June 2.", aid="art-9")
    assert ex.relations
    for r in ex.relations:
        assert r.evidence.article == "art-9"
        assert ex.article.text[r.evidence.start:r.evidence.end] == r.evidence.sentence
        assert r.rule and 0 < r.confidence <= 1


# -- generalisation rules (sentences invented for these tests) --------------------------------

def test_deputy_titles_read_as_both_member_and_leader(extractor):
    _, rels = read(extractor, "Lu Meifang, deputy director of the Ministry of Natural Resources, opened the hearing.")
    assert ("MEMBER_OF", "Lu Meifang", "Ministry of Natural Resources") in rels
    assert ("LEADS", "Lu Meifang", "Ministry of Natural Resources") in rels


def test_press_release_defined_terms_and_ticker(extractor):
    _, rels = read(extractor, 'Hengrui Magnet Technology Co., Ltd. (SZSE: 000000, "Hengrui" or "the Company") will expand. '
                              "The plan was approved by Zhou Pingan, Chairman of Hengrui.")
    assert ("LEADS", "Zhou Pingan", "Hengrui Magnet Technology Co., Ltd.") in rels


def test_machine_translated_lowercase_names_and_spacing(extractor):
    ex, rels = read(extractor, "Cao Lin , deputy director of Jiangxi Provincial Department of science and Technology , "
                               "visited the Nanping Institute of rare Metals .")
    names = {e.name for e in ex.entities}
    assert "Nanping Institute of rare Metals" in names
    assert ("MEMBER_OF", "Cao Lin", "Jiangxi Provincial Department of science and Technology") in rels


def test_unit_named_as_part_of_its_body(extractor):
    ex, rels = read(extractor, "Qin Haoyu of the Powder Metallurgy Branch of the China Iron and Steel Association spoke. "
                               "The Council of the China Iron and Steel Association met in March.")
    assert ("SUBSIDIARY_OF", "Powder Metallurgy Branch of the China Iron and Steel Association", "China Iron and Steel Association") in rels
    assert not any("Council" in e.name for e in ex.entities)


def test_place_appositions(extractor):
    _, rels = read(extractor, "Jiuquan, a city in northwest China's Gansu Province, and Xining, capital of Qinghai, signed the pact.")
    assert ("LOCATED_IN", "Jiuquan", "Gansu") in rels
    assert ("LOCATED_IN", "Xining", "Qinghai") in rels


def test_parties_jointly_establish_and_participle_founders(extractor):
    _, rels = read(extractor, "Anhui Tongxin Group signed an accord with Hefei University to jointly set up the Tongxin Alloy Research Center. "
                              "1. Hunan Rare Metals Testing Center, jointly established by Hunan Yuxin Group and Xiangtan University, located in Changsha;")
    assert ("FOUNDED", "Anhui Tongxin Group", "Tongxin Alloy Research Center") in rels
    assert ("FOUNDED", "Hefei University", "Tongxin Alloy Research Center") in rels
    assert ("FOUNDED", "Xiangtan University", "Hunan Rare Metals Testing Center") in rels
    assert ("LOCATED_IN", "Hunan Rare Metals Testing Center", "Changsha") in rels
    assert ("LOCATED_IN", "Xiangtan University", "Changsha") not in rels


def test_supervision_phrasings(extractor):
    _, rels = read(extractor, "The National Development and Reform Commission, which also oversees the State Reserve Bureau, spoke. "
                              "Yunnan Tin Group, which reports to the State-owned Assets Supervision and Administration Commission, agreed.")
    assert ("SUPERVISED_BY", "State Reserve Bureau", "National Development and Reform Commission") in rels
    assert ("SUPERVISED_BY", "Yunnan Tin Group", "State-owned Assets Supervision and Administration Commission") in rels


def test_role_nouns_and_place_based_firms(extractor):
    _, rels = read(extractor, "Deng Xiaoyu, a senior engineer at Sydney-based Coralpoint Minerals, disagreed. "
                              "Ma Lijun is a visiting fellow at the Institute of Geochemistry in Tokyo.")
    assert ("MEMBER_OF", "Deng Xiaoyu", "Coralpoint Minerals") in rels
    assert ("LOCATED_IN", "Coralpoint Minerals", "Sydney") in rels
    assert ("MEMBER_OF", "Ma Lijun", "Institute of Geochemistry") in rels


def test_titled_source_speaks_for_the_subject(extractor):
    _, rels = read(extractor, "Anhui Hengda Group will double its sintering capacity next year, general manager Xu Lan said.")
    assert ("LEADS", "Xu Lan", "Anhui Hengda Group") in rels


def test_speakers_organisers_and_signing(extractor):
    _, rels = read(extractor, "The Lanzhou Alloy Forum, running from May 3 to 4, is co-hosted by the Gansu Metals Society, "
                              "with Jinchuan Group serving as the undertaking organizer. "
                              "Kong Yiran, chairman of Jinchuan Group, said in his opening address that demand was firm. "
                              "The memorandum was signed in Lanzhou by Kong Yiran.", published="2024-05-01")
    events = {t for ty, s, t in rels if ty == "ORGANIZED"}
    assert len(events) == 1
    assert ("ORGANIZED", "Gansu Metals Society", next(iter(events))) in rels
    assert ("ORGANIZED", "Jinchuan Group", next(iter(events))) in rels
    assert any(ty == "PARTICIPATED_IN" and s == "Kong Yiran" for ty, s, _ in rels)


def test_description_with_place_modifier(extractor):
    _, rels = read(extractor, "Xu Peng, chairman of Hengli Group, said the Ningde-based company would invest more.")
    assert ("LOCATED_IN", "Hengli Group", "Ningde") in rels


def test_filing_board_appointments_and_past_roles(extractor):
    ex, rels = read(extractor, "Acme Magnet Co., Ltd. Announcement\n"
                               "The Board of Directors received a letter from Mr. Zhou Ping, who has resigned as Chairman and director of the Company. "
                               "The Board appointed Ms. Li Na as President of the Company, and Mr. Qin Hao as Vice President and Secretary of the Board. "
                               "Mr. Qin Hao, born 1980, senior economist, was previously chief engineer of Delta Alloy Co., Ltd. "
                               "and is a member of the Party Committee of Hunan Nonferrous Group. "
                               "He previously served as deputy director of the Xiangtan Institute of Metals.")
    assert not any("Board" in e.name for e in ex.entities)  # the board acts for its company
    assert ("LEADS", "Zhou Ping", "Acme Magnet Co., Ltd.") in rels
    assert ("LEADS", "Li Na", "Acme Magnet Co., Ltd.") in rels
    assert ("MEMBER_OF", "Qin Hao", "Acme Magnet Co., Ltd.") in rels
    assert ("MEMBER_OF", "Qin Hao", "Delta Alloy Co., Ltd.") in rels
    assert ("MEMBER_OF", "Qin Hao", "Hunan Nonferrous Group") in rels
    assert ("MEMBER_OF", "Qin Hao", "Xiangtan Institute of Metals") in rels


def test_who_clauses_and_role_phrases(extractor):
    _, rels = read(extractor, "Wang Lihua, an academician of the Chinese Academy of Sciences who heads the Yantai Magnet Institute, spoke first. "
                              "Sun Mei, a former executive at Hengda Group who now teaches at Fuzhou University, disagreed. "
                              "Lou Yichen, head of research at Shanghai-based Cobalt Insight Group, was cautious.")
    assert ("LEADS", "Wang Lihua", "Yantai Magnet Institute") in rels
    assert ("MEMBER_OF", "Sun Mei", "Hengda Group") in rels
    assert ("MEMBER_OF", "Sun Mei", "Fuzhou University") in rels
    assert ("MEMBER_OF", "Lou Yichen", "Cobalt Insight Group") in rels
    assert ("LEADS", "Lou Yichen", "Cobalt Insight Group") not in rels


def test_owners_controllers_and_apposed_units(extractor):
    _, rels = read(extractor, "Delta Alloy Group's largest shareholder is Hunan Nonferrous Group. "
                              "The controlling shareholder of Kaili Magnet Co., Ltd. is Delta Alloy Group, and its actual controller is the "
                              "State-owned Assets Supervision and Administration Commission. "
                              "The Fujian Mining Survey, an agency of the Ministry of Natural Resources, mapped the deposit. "
                              "Pingxiang Rare Earth Co., which is based in Pingxiang and is majority-owned by Delta Alloy Group, refines ore.")
    assert ("SUBSIDIARY_OF", "Delta Alloy Group", "Hunan Nonferrous Group") in rels
    assert ("SUBSIDIARY_OF", "Kaili Magnet Co., Ltd.", "Delta Alloy Group") in rels
    assert ("SUPERVISED_BY", "Kaili Magnet Co., Ltd.", "State-owned Assets Supervision and Administration Commission") in rels
    assert ("SUBSIDIARY_OF", "Fujian Mining Survey", "Ministry of Natural Resources") in rels
    assert ("SUBSIDIARY_OF", "Pingxiang Rare Earth Co.", "Delta Alloy Group") in rels


def test_machine_translated_lowercase_bodies(extractor):
    ex, rels = read(extractor, "Yichun city people's government mayor Zhao Lin and Hunan University of science and technology "
                               "party committee Secretary Gao Wei met. Yichun city commerce Bureau director Ma Lin attended. "
                               "Zhao Lin lead Yichun city party and government delegation to Pingxiang city of Jiangxi province investigate.")
    names = {e.name for e in ex.entities}
    assert "Yichun city people's government" in names and "Hunan University of science and technology" in names
    assert not any("delegation" in n or n.endswith("party and government") for n in names)
    assert ("LEADS", "Zhao Lin", "Yichun city people's government") in rels
    assert ("LEADS", "Ma Lin", "Yichun city commerce Bureau") in rels
    assert ("VISITED", "Zhao Lin", "Pingxiang") in rels
    assert ("VISITED", "Zhao Lin", "Jiangxi") not in rels  # Jiangxi only locates the place visited
    assert ("LOCATED_IN", "Pingxiang", "Jiangxi") in rels


def test_notice_numbered_list_fields(extractor):
    ex, rels = read(extractor, "Hunan Provincial Department of Science and Technology\n\n"
                               "Xiang Ke Fa Zi [2023] No. 41\n\n"
                               "After expert review, this Department has approved the following two platforms as provincial key laboratories:\n\n"
                               "1. Hunan Tungsten Alloy Key Laboratory. Lead builder: Zhuzhou Hard Alloy Co., Ltd.; co-builder: Central South University. Location: Zhuzhou.\n\n"
                               "2. Hunan Magnet Recycling Key Laboratory. Lead builder: Xiangtan New Material Co., Ltd. Location: Xiangtan.\n\n"
                               "Each laboratory shall report every year.")
    assert not any(e.label == "Person" for e in ex.entities)  # the document number is not a name
    approver = "Hunan Provincial Department of Science and Technology"
    assert ("APPROVED", approver, "Hunan Tungsten Alloy Key Laboratory") in rels
    assert ("APPROVED", approver, "Hunan Magnet Recycling Key Laboratory") in rels
    assert ("FOUNDED", "Zhuzhou Hard Alloy Co., Ltd.", "Hunan Tungsten Alloy Key Laboratory") in rels
    assert ("FOUNDED", "Central South University", "Hunan Tungsten Alloy Key Laboratory") in rels
    assert ("FOUNDED", "Xiangtan New Material Co., Ltd.", "Hunan Magnet Recycling Key Laboratory") in rels
    assert ("LOCATED_IN", "Hunan Magnet Recycling Key Laboratory", "Xiangtan") in rels


def test_possessive_place(extractor):
    _, rels = read(extractor, "The mine lies in Yunnan province's Honghe prefecture.")
    assert ("LOCATED_IN", "Honghe", "Yunnan") in rels
