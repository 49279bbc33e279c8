#!/usr/bin/env python3
"""Build data/holdout/gold.json from the hand annotation below.

Every quote is checked against the article it is attributed to; the same fact read
in several articles becomes one relation listing all of them (when the optional flag
agrees).  Run from anywhere:  python3 data/holdout/build_gold.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ART_DIR = os.path.join(HERE, "articles")

ARTICLES = [
    "ho01_wire_baotou_magnet_forum",
    "ho02_pr_jlmag_jxust_joint_lab",
    "ho03_mt_key_lab_evaluation",
    "ho04_wire_export_tech_ban",
    "ho05_analysis_china_rare_earth_group",
    "ho06_trade_quota_first_batch",
    "ho07_trade_magnet_prices",
    "ho08_gov_jiangxi_innovation_centers",
    "ho09_wire_cas_inner_mongolia",
    "ho10_pr_shenghe_scu_center",
    "ho11_mt_creia_council",
    "ho12_univ_csre_conference",
]
A = {a[:4]: a for a in ARTICLES}  # "ho01" -> full id

ENT = {}


def person(eid, name, aliases=(), titles=(), honorifics=(), optional=False):
    props = {"titles": list(titles)}
    if honorifics:
        props["honorifics"] = list(honorifics)
    ENT[eid] = dict(id=eid, name=name, labels=["Person"], aliases=list(aliases), articles=[],
                    properties=props, optional=optional)


def org(eid, kind, name, aliases=(), optional=False):
    ENT[eid] = dict(id=eid, name=name, labels=["Organization", kind], aliases=list(aliases), articles=[],
                    properties={"kind": kind.lower()}, optional=optional)


def loc(eid, kind, name, aliases=(), optional=False):
    ENT[eid] = dict(id=eid, name=name, labels=["Location"], aliases=list(aliases), articles=[],
                    properties={"kind": kind}, optional=optional)


def event(eid, kind, name, date=None, end_date=None, optional=False):
    props = {"kind": kind}
    if date:
        props["date"] = date
    if end_date:
        props["end_date"] = end_date
    ENT[eid] = dict(id=eid, name=name, labels=["Event"], aliases=[], articles=[],
                    properties=props, optional=optional)


# ---------------------------------------------------------------- people
person("zhao-hongmei", "Zhao Hongmei", titles=["Secretary-General"])
person("gao-yuanchao", "Gao Yuanchao", ["Gao"], ["Chairman", "Party Committee Secretary"])
person("wang-chengzhi", "Wang Chengzhi", titles=["Official"])
person("wang-yuting", "Wang Yuting")
person("hu-zhiyuan", "Hu Zhiyuan", ["Hu", "Mr. Hu"], ["Chairman"])
person("luo-xiuying", "Luo Xiuying", ["Luo", "Professor Luo"], ["President", "Professor"])
person("peng-wenjie", "Peng Wenjie", titles=["Chief Technology Officer", "Director"])
person("sun-guoliang", "Sun Guoliang", ["Academician Sun"], ["Head of Expert Group"], ["academician"])
person("fang-jie", "Fang Jie", titles=["Researcher"])
person("li-xuefeng", "Li Xuefeng", titles=["Director"])
person("ma-wenqing", "Ma Wenqing", titles=["Second-level Inspector"])
person("lin-haoran", "Lin Haoran", titles=["Spokesman"])
person("zhu-lanting", "Zhu Lanting", titles=["Senior Analyst"])
person("qiu-wenbo", "Qiu Wenbo", titles=["Vice President"])
person("qian-shaoping", "Qian Shaoping", titles=["Chairman", "Vice President"])
person("ruan-meixin", "Ruan Meixin", titles=["Senior Fellow"])
person("tang-jingyu", "Tang Jingyu", titles=["General Manager"])
person("hou-jiali", "Hou Jiali", titles=["Board Secretary"])
person("pan-zhiwei", "Pan Zhiwei", titles=["Senior Analyst"])
person("shen-lihong", "Shen Lihong", ["Shen"], ["General Manager"])
person("ding-wei", "Ding Wei", titles=["Sales Manager"])
person("zou-minghui", "Zou Minghui", titles=["Director"])
person("xiong-yan", "Xiong Yan", titles=["Contact Person"])
person("zhou-qiming", "Zhou Qiming", ["Zhou"], ["Vice President"])
person("bai-yuanfeng", "Bai Yuanfeng", titles=["Vice Chairman"])
person("jiang-rui", "Jiang Rui", ["Jiang"], ["Director"])
person("yao-chengde", "Yao Chengde", ["Yao", "Mr. Yao"], ["Chairman"])
person("xie-xiaoyun", "Xie Xiaoyun", titles=["Vice President"])
person("liang-bo", "Liang Bo", titles=["Professor", "Head"])
person("xu-kaiming", "Xu Kaiming", titles=["Deputy Director"])
person("du-guangyao", "Du Guangyao", titles=["President"])
person("tian-jiarui", "Tian Jiarui", ["President Tian"], ["President"], ["academician"])
person("xing-yuming", "Xing Yuming", titles=["President", "Professor"])
person("tian-ye", "Tian Ye", titles=["Doctoral Student"])

# ---------------------------------------------------------------- organisations
org("china-rare-earth-industry-association", "Association", "China Rare Earth Industry Association",
    ["CREIA", "China rare Earth industry Association"])
org("baotou-municipal-peoples-government", "Agency", "Baotou Municipal People's Government",
    ["Baotou municipal government"])
org("china-northern-rare-earth", "SOE", "China Northern Rare Earth (Group) High-Tech Co., Ltd.",
    ["China Northern Rare Earth", "Northern Rare Earth", "China Northern Rare Earth Group",
     "China Northern Rare Earth (Group) High-Tech", "China Northern rare Earth ( Group ) High-tech Co., Ltd",
     "Northern rare Earth"])
org("baotou-iron-and-steel-group", "SOE", "Baotou Iron and Steel (Group) Co., Ltd.", ["Baotou Steel"])
org("ministry-of-industry-and-information-technology", "Agency", "Ministry of Industry and Information Technology",
    ["MIIT", "Ministry of industry and Information Technology"])
org("baotou-research-institute-of-rare-earths", "Institute", "Baotou Research Institute of Rare Earths",
    ["Baotou Research Institute of rare Earths"])
org("jl-mag-rare-earth", "Company", "JL MAG Rare-Earth Co., Ltd.", ["JL MAG"])
org("ningbo-yunsheng", "Company", "Ningbo Yunsheng Co., Ltd.", ["Ningbo Yunsheng", "Yunsheng"])
org("inner-mongolia-university-of-science-and-technology", "University",
    "Inner Mongolia University of Science and Technology")
org("xinhua", "Media", "Xinhua", optional=True)
org("jiangxi-university-of-science-and-technology", "University", "Jiangxi University of Science and Technology",
    ["JXUST"])
org("jl-mag-jxust-joint-laboratory", "Institute",
    "JL MAG-JXUST Joint Laboratory for Advanced Rare Earth Magnetic Materials")
org("ganzhou-municipal-bureau-of-industry-and-information-technology", "Agency",
    "Ganzhou Municipal Bureau of Industry and Information Technology")
org("ganjiang-innovation-academy", "Institute", "Ganjiang Innovation Academy")
org("chinese-academy-of-sciences", "Institute", "Chinese Academy of Sciences", ["CAS"])
org("pr-newswire", "Media", "PRNewswire", optional=True)
org("ministry-of-science-and-technology", "Agency", "Ministry of Science and Technology",
    ["MOST", "Ministry of science and Technology"])
org("state-key-laboratory-of-bayan-obo-rare-earth", "Institute",
    "State Key Laboratory of Bayan Obo Rare Earth Resource Research and Comprehensive Utilization",
    ["State Key Laboratory of Bayan Obo rare Earth Resource Research and Comprehensive Utilization",
     "key Laboratory"])
org("chinese-academy-of-engineering", "Institute", "Chinese Academy of Engineering")
org("institute-of-process-engineering", "Institute", "Institute of Process Engineering",
    ["Institute of Process Engineering , Chinese Academy of Sciences"])
org("brire-analysis-and-testing-center", "Institute", "Analysis and Testing Center", optional=True)
org("inner-mongolia-department-of-science-and-technology", "Agency",
    "Inner Mongolia Autonomous Region Department of Science and Technology",
    ["Inner Mongolia Autonomous Region Department of science and Technology"])
org("ministry-of-commerce", "Agency", "Ministry of Commerce", ["MOFCOM", "commerce ministry"])
org("adamas-intelligence", "Company", "Adamas Intelligence")
org("lynas-rare-earths", "Company", "Lynas Rare Earths")
org("mp-materials", "Company", "MP Materials")
org("cccmc", "Association", "China Chamber of Commerce of Metals, Minerals and Chemicals Importers and Exporters",
    ["CCCMC"])
org("china-rare-earth-group", "SOE", "China Rare Earth Group", ["China rare Earth Group Co., Ltd."])
org("reuters", "Media", "Reuters", optional=True)
org("aluminum-corporation-of-china", "SOE", "Aluminum Corporation of China", ["Chinalco"])
org("china-minmetals-corporation", "SOE", "China Minmetals Corporation", ["Minmetals"])
org("ganzhou-rare-earth-group", "SOE", "Ganzhou Rare Earth Group Co., Ltd.", ["Ganzhou Rare Earth Group"])
org("china-iron-and-steel-research-institute-group", "SOE", "China Iron and Steel Research Institute Group")
org("grinm-group", "SOE", "GRINM Group Corporation Limited", ["GRINM Group"])
org("sasac", "Agency", "State-owned Assets Supervision and Administration Commission",
    ["SASAC", "State-owned Assets Supervision and Administration Commission of the State council"])
org("china-rare-earth-resources-and-technology", "Company", "China Rare Earth Resources and Technology Co., Ltd.",
    ["Minmetals Rare Earth"])
org("center-for-strategic-and-international-studies", "Institute", "Center for Strategic and International Studies")
org("ministry-of-natural-resources", "Agency", "Ministry of Natural Resources", ["MNR"])
org("smm", "Media", "SMM")
org("mining-weekly", "Media", "Mining Weekly", optional=True)
org("baotou-yunsheng-strong-magnetic-material", "Company", "Baotou Yunsheng Strong Magnetic Material")
org("ceca-magnetic-materials-branch", "Association",
    "Magnetic Materials Branch of the China Electronic Components Association", ["Magnetic Materials Branch"])
org("china-electronic-components-association", "Association", "China Electronic Components Association", ["CECA"])
org("baotou-tianhe-magnetics-technology", "Company", "Baotou Tianhe Magnetics Technology Co., Ltd.",
    ["Baotou Tianhe Magnetics Technology", "Baotou Tianhe Magnetics technology Co., Ltd"])
org("beijing-zhong-ke-san-huan", "Company", "Beijing Zhong Ke San Huan High-Tech")
org("argus", "Media", "Argus", optional=True)
org("jiangxi-department-of-industry-and-information-technology", "Agency",
    "Jiangxi Provincial Department of Industry and Information Technology")
org("jiangxi-rare-earth-permanent-magnet-innovation-center", "Institute",
    "Jiangxi Rare Earth Permanent Magnet Materials Manufacturing Innovation Center")
org("jiangxi-tungsten-and-rare-earth-innovation-center", "Institute",
    "Jiangxi Tungsten and Rare Earth Advanced Materials Manufacturing Innovation Center")
org("nanchang-university", "University", "Nanchang University")
org("jiangxi-diit-science-and-technology-division", "Agency", "Science and Technology Division", optional=True)
org("inner-mongolia-peoples-government", "Agency", "People's Government of Inner Mongolia Autonomous Region")
org("baotou-rare-earth-rd-center-of-cas", "Institute", "Baotou Rare Earth Research and Development Center of CAS")
org("changchun-institute-of-applied-chemistry", "Institute", "Changchun Institute of Applied Chemistry", ["CIAC"])
org("shenghe-resources", "Company", "Shenghe Resources Holding Co., Ltd.",
    ["Shenghe", "Shenghe Resources", "Shenghe Resources holding Co., Ltd"])
org("sichuan-university", "University", "Sichuan University", ["SCU"])
org("shenghe-scu-joint-rd-center", "Institute", "Shenghe-SCU Joint R&D Center for Green Rare Earth Separation")
org("sichuan-department-of-science-and-technology", "Agency", "Sichuan Provincial Department of Science and Technology")
org("leshan-shenghe-rare-earth", "Company", "Leshan Shenghe Rare Earth Co., Ltd.")
org("scu-school-of-chemical-engineering", "University", "School of Chemical Engineering", optional=True)
org("institute-of-multipurpose-utilization-of-mineral-resources", "Institute",
    "Institute of Multipurpose Utilization of Mineral Resources", ["IMUMR"])
org("chinese-academy-of-geological-sciences", "Institute", "Chinese Academy of Geological Sciences")
org("china-geological-survey", "Agency", "China Geological Survey")
org("miit-raw-materials-industry-department", "Agency", "Raw Materials Industry Department")
org("chinese-society-of-rare-earths", "Association", "Chinese Society of Rare Earths",
    ["CSRE", "China rare Earth Society"])
org("northeastern-university", "University", "Northeastern University", ["NEU"])
org("institute-of-metal-research", "Institute", "Institute of Metal Research", ["IMR"])
org("grirem-advanced-materials", "Company", "Grirem Advanced Materials Co., Ltd.")
org("neu-news-center", "Media", "News Center, Northeastern University", optional=True)
org("neu-school-of-metallurgy", "University", "School of Metallurgy", optional=True)
org("shenzhen-stock-exchange", "Company", "Shenzhen Stock Exchange", ["SZSE"], optional=True)
org("hong-kong-stock-exchange", "Company", "Hong Kong Stock Exchange", ["HKEX"], optional=True)
org("shanghai-stock-exchange", "Company", "Shanghai Stock Exchange", ["SSE"], optional=True)

# ---------------------------------------------------------------- locations
loc("china", "country", "China")
loc("baotou", "city", "Baotou")
loc("inner-mongolia", "region", "Inner Mongolia", ["Inner Mongolia Autonomous Region"])
loc("bayan-obo", "region", "Bayan Obo", optional=True)
loc("ganzhou", "city", "Ganzhou")
loc("jiangxi", "province", "Jiangxi", ["Jiangxi Province", "Jiangxi province"])
loc("ningbo", "city", "Ningbo")
loc("beijing", "city", "Beijing")
loc("toronto", "city", "Toronto")
loc("perth", "city", "Perth")
loc("united-states", "country", "United States", ["U.S."], optional=True)
loc("washington", "city", "Washington")
loc("guangdong", "province", "Guangdong")
loc("fujian", "province", "Fujian")
loc("guangxi", "region", "Guangxi")
loc("australia", "country", "Australia", optional=True)
loc("shanghai", "city", "Shanghai")
loc("zhejiang", "province", "Zhejiang")
loc("london", "city", "London")
loc("hohhot", "city", "Hohhot")
loc("chengdu", "city", "Chengdu")
loc("shenyang", "city", "Shenyang")
loc("liaoning", "province", "Liaoning", ["Liaoning Province"])

# ---------------------------------------------------------------- events
event("ev-2024-rare-earth-permanent-magnet-forum-baotou", "conference",
      "2024 China Rare Earth Permanent Magnet Industry Forum (Baotou)", "2024-08-08", "2024-08-09")
event("ev-jlmag-jxust-joint-lab-signing", "other",
      "Signing of the JL MAG-JXUST joint laboratory agreement in Ganzhou", "--03-18")
event("ev-most-key-lab-evaluation-baotou", "visit",
      "MOST expert group on-site evaluation of the Bayan Obo rare earth state key laboratory in Baotou",
      "--10-23", "--10-24")
event("ev-mofcom-press-briefing", "meeting", "MOFCOM regular press briefing in Beijing", "--12-21")
event("ev-export-technology-catalogue-revision", "other",
      "Revision of the Catalogue of Technologies Prohibited and Restricted from Export", "--12-21", optional=True)
event("ev-china-rare-earth-group-unveiling", "establishment",
      "Unveiling of China Rare Earth Group in Ganzhou", "2021-12-23")
event("ev-2024-first-batch-rare-earth-quotas", "approval",
      "Issue of the first batch of 2024 rare earth mining and smelting quotas")
event("ev-china-magnetic-materials-industry-conference", "conference",
      "China Magnetic Materials Industry Conference in Ningbo", "--06-18")
event("ev-jiangxi-innovation-centers-approval", "approval",
      "Jiangxi approval of the second batch of provincial manufacturing innovation centers", "2024-05-15",
      optional=True)
event("ev-cas-inner-mongolia-agreement-signing", "other",
      "CAS - Inner Mongolia framework agreement signing in Hohhot", "--07-02")
event("ev-cas-delegation-baotou-tour", "visit", "CAS delegation (Zhou Qiming) tour of Baotou", "--06-30", "--07-01")
event("ev-shenghe-scu-agreement-signing", "other", "Shenghe - Sichuan University agreement signing in Chengdu",
      "--11-06")
event("ev-creia-council-meeting-2024", "meeting",
      "Fifth meeting of the third CREIA Council and 2024 annual work conference in Beijing", "--12-19")
event("ev-csre-2024-academic-annual-conference", "conference",
      "CSRE 2024 Academic Annual Conference in Shenyang", "2024-10-25", "2024-10-27")

# ---------------------------------------------------------------- mentions per article
MENTIONS = {
    "ho01": """china baotou inner-mongolia bayan-obo xinhua ev-2024-rare-earth-permanent-magnet-forum-baotou
        china-rare-earth-industry-association baotou-municipal-peoples-government china-northern-rare-earth
        zhao-hongmei gao-yuanchao baotou-iron-and-steel-group wang-chengzhi wang-yuting
        ministry-of-industry-and-information-technology baotou-research-institute-of-rare-earths
        jl-mag-rare-earth ningbo-yunsheng inner-mongolia-university-of-science-and-technology""",
    "ho02": """china ganzhou jiangxi ningbo baotou pr-newswire jl-mag-rare-earth
        jiangxi-university-of-science-and-technology jl-mag-jxust-joint-laboratory hu-zhiyuan luo-xiuying
        peng-wenjie ganzhou-municipal-bureau-of-industry-and-information-technology ganjiang-innovation-academy
        chinese-academy-of-sciences ev-jlmag-jxust-joint-lab-signing shenzhen-stock-exchange
        hong-kong-stock-exchange""",
    "ho03": """china baotou inner-mongolia ministry-of-science-and-technology
        state-key-laboratory-of-bayan-obo-rare-earth baotou-research-institute-of-rare-earths
        china-northern-rare-earth sun-guoliang chinese-academy-of-engineering fang-jie
        institute-of-process-engineering chinese-academy-of-sciences li-xuefeng brire-analysis-and-testing-center
        gao-yuanchao ma-wenqing inner-mongolia-department-of-science-and-technology
        ev-most-key-lab-evaluation-baotou""",
    "ho04": """china beijing toronto perth united-states reuters ministry-of-commerce
        ministry-of-science-and-technology lin-haoran zhu-lanting adamas-intelligence lynas-rare-earths
        mp-materials cccmc qiu-wenbo china-rare-earth-group china-northern-rare-earth ev-mofcom-press-briefing
        ev-export-technology-catalogue-revision""",
    "ho05": """china ganzhou jiangxi beijing baotou guangdong fujian guangxi washington ruan-meixin
        china-rare-earth-group aluminum-corporation-of-china china-minmetals-corporation ganzhou-rare-earth-group
        china-iron-and-steel-research-institute-group grinm-group sasac qian-shaoping
        china-rare-earth-resources-and-technology china-northern-rare-earth baotou-iron-and-steel-group
        center-for-strategic-and-international-studies ev-china-rare-earth-group-unveiling""",
    "ho06": """china ganzhou beijing shanghai australia mining-weekly ministry-of-industry-and-information-technology
        ministry-of-natural-resources china-rare-earth-group sasac china-northern-rare-earth
        baotou-iron-and-steel-group pan-zhiwei smm hou-jiali tang-jingyu lynas-rare-earths
        ev-2024-first-batch-rare-earth-quotas""",
    "ho07": """china london zhejiang jiangxi baotou inner-mongolia ningbo argus ningbo-yunsheng shen-lihong
        baotou-yunsheng-strong-magnetic-material ceca-magnetic-materials-branch
        china-electronic-components-association baotou-tianhe-magnetics-technology china-northern-rare-earth
        ding-wei beijing-zhong-ke-san-huan ev-china-magnetic-materials-industry-conference""",
    "ho08": """jiangxi ganzhou jiangxi-department-of-industry-and-information-technology
        jiangxi-rare-earth-permanent-magnet-innovation-center jiangxi-tungsten-and-rare-earth-innovation-center
        jl-mag-rare-earth nanchang-university ganzhou-rare-earth-group jiangxi-university-of-science-and-technology
        ganzhou-municipal-bureau-of-industry-and-information-technology xiong-yan
        jiangxi-diit-science-and-technology-division zou-minghui ev-jiangxi-innovation-centers-approval""",
    "ho09": """china hohhot inner-mongolia baotou bayan-obo xinhua chinese-academy-of-sciences
        inner-mongolia-peoples-government zhou-qiming bai-yuanfeng china-northern-rare-earth
        baotou-rare-earth-rd-center-of-cas changchun-institute-of-applied-chemistry
        baotou-municipal-peoples-government jiang-rui ev-cas-inner-mongolia-agreement-signing
        ev-cas-delegation-baotou-tour""",
    "ho10": """china chengdu shanghai-stock-exchange shenghe-resources sichuan-university shenghe-scu-joint-rd-center yao-chengde xie-xiaoyun
        sichuan-department-of-science-and-technology leshan-shenghe-rare-earth liang-bo
        scu-school-of-chemical-engineering institute-of-multipurpose-utilization-of-mineral-resources
        chinese-academy-of-geological-sciences china-geological-survey ministry-of-natural-resources
        ev-shenghe-scu-agreement-signing""",
    "ho11": """beijing china-rare-earth-industry-association xu-kaiming miit-raw-materials-industry-department
        ministry-of-industry-and-information-technology du-guangyao zhao-hongmei china-rare-earth-group
        qian-shaoping china-northern-rare-earth gao-yuanchao shenghe-resources baotou-tianhe-magnetics-technology
        sasac chinese-society-of-rare-earths ev-creia-council-meeting-2024""",
    "ho12": """shenyang liaoning neu-news-center chinese-society-of-rare-earths northeastern-university
        institute-of-metal-research chinese-academy-of-sciences tian-jiarui xing-yuming grinm-group
        grirem-advanced-materials tian-ye neu-school-of-metallurgy ev-csre-2024-academic-annual-conference""",
}

# ---------------------------------------------------------------- relations
# (type, source, target, quote, properties, optional)
REL = {}
O = True  # optional marker

REL["ho01"] = [
    ("ORGANIZED", "china-rare-earth-industry-association", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "is co-hosted by the China Rare Earth Industry Association (CREIA) and the Baotou Municipal People's Government"),
    ("ORGANIZED", "baotou-municipal-peoples-government", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "is co-hosted by the China Rare Earth Industry Association (CREIA) and the Baotou Municipal People's Government"),
    ("ORGANIZED", "china-northern-rare-earth", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "with China Northern Rare Earth (Group) High-Tech Co., Ltd. serving as the undertaking organizer"),
    ("LOCATED_IN", "ev-2024-rare-earth-permanent-magnet-forum-baotou", "baotou",
     "gathered in Baotou, a city in north China's Inner Mongolia Autonomous Region, on Thursday for a two-day forum"),
    ("LOCATED_IN", "baotou", "inner-mongolia", "Baotou, a city in north China's Inner Mongolia Autonomous Region"),
    ("LOCATED_IN", "inner-mongolia", "china", "north China's Inner Mongolia Autonomous Region", {}, O),
    ("LEADS", "zhao-hongmei", "china-rare-earth-industry-association", "Zhao Hongmei, secretary-general of CREIA",
     {"role": "Secretary-General"}),
    ("PARTICIPATED_IN", "zhao-hongmei", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Zhao Hongmei, secretary-general of CREIA, said in her opening address", {"role": "speaker"}),
    ("LEADS", "gao-yuanchao", "china-northern-rare-earth", "Gao Yuanchao, chairman of China Northern Rare Earth",
     {"role": "Chairman"}),
    ("PARTICIPATED_IN", "gao-yuanchao", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Gao Yuanchao, chairman of China Northern Rare Earth, told delegates", {"role": "speaker"}),
    ("LOCATED_IN", "china-northern-rare-earth", "baotou", "the Baotou-based company"),
    ("SUBSIDIARY_OF", "china-northern-rare-earth", "baotou-iron-and-steel-group",
     "the Baotou-based company, a subsidiary of Baotou Iron and Steel (Group) Co., Ltd."),
    ("MEMBER_OF", "wang-chengzhi", "ministry-of-industry-and-information-technology",
     "Wang Chengzhi, an official with the Ministry of Industry and Information Technology", {"role": "official"}),
    ("PARTICIPATED_IN", "wang-chengzhi", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Wang Chengzhi, an official with the Ministry of Industry and Information Technology, briefed participants",
     {"role": "speaker"}),
    ("MEMBER_OF", "wang-yuting", "baotou-research-institute-of-rare-earths",
     "Wang Yuting of the Baotou Research Institute of Rare Earths"),
    ("PARTICIPATED_IN", "wang-yuting", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Another speaker, Wang Yuting of the Baotou Research Institute of Rare Earths", {"role": "speaker"}),
    ("SUBSIDIARY_OF", "baotou-research-institute-of-rare-earths", "china-northern-rare-earth",
     "the Baotou Research Institute of Rare Earths, a unit of China Northern Rare Earth"),
    ("PARTICIPATED_IN", "jl-mag-rare-earth", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Executives from magnet makers JL MAG Rare-Earth Co., Ltd. and Ningbo Yunsheng Co., Ltd. also attended", {}, O),
    ("PARTICIPATED_IN", "ningbo-yunsheng", "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "Executives from magnet makers JL MAG Rare-Earth Co., Ltd. and Ningbo Yunsheng Co., Ltd. also attended", {}, O),
    ("PARTICIPATED_IN", "inner-mongolia-university-of-science-and-technology",
     "ev-2024-rare-earth-permanent-magnet-forum-baotou",
     "alongside researchers from Inner Mongolia University of Science and Technology", {}, O),
    ("LOCATED_IN", "bayan-obo", "baotou", "Baotou sits atop the Bayan Obo deposit", {}, O),
]

REL["ho02"] = [
    ("FOUNDED", "jl-mag-rare-earth", "jl-mag-jxust-joint-laboratory",
     "to jointly establish the JL MAG-JXUST Joint Laboratory for Advanced Rare Earth Magnetic Materials"),
    ("FOUNDED", "jiangxi-university-of-science-and-technology", "jl-mag-jxust-joint-laboratory",
     "a cooperation agreement with Jiangxi University of Science and Technology (JXUST) to jointly establish the JL MAG-JXUST Joint Laboratory"),
    ("ORGANIZED", "jl-mag-rare-earth", "jl-mag-jxust-joint-laboratory",
     "to jointly establish the JL MAG-JXUST Joint Laboratory for Advanced Rare Earth Magnetic Materials", {}, O),
    ("ORGANIZED", "jiangxi-university-of-science-and-technology", "jl-mag-jxust-joint-laboratory",
     "to jointly establish the JL MAG-JXUST Joint Laboratory for Advanced Rare Earth Magnetic Materials", {}, O),
    ("LOCATED_IN", "ev-jlmag-jxust-joint-lab-signing", "ganzhou",
     "The agreement was signed at the Company's headquarters in Ganzhou, Jiangxi Province"),
    ("LOCATED_IN", "jl-mag-rare-earth", "ganzhou", "Founded in 2008 and headquartered in Ganzhou, JL MAG"),
    ("LOCATED_IN", "ganzhou", "jiangxi", "in Ganzhou, Jiangxi Province"),
    ("LOCATED_IN", "ganzhou", "china", "GANZHOU, China", {}, O),
    ("LEADS", "hu-zhiyuan", "jl-mag-rare-earth", "Hu Zhiyuan, Chairman of JL MAG", {"role": "Chairman"}),
    ("LEADS", "luo-xiuying", "jiangxi-university-of-science-and-technology", "Professor Luo Xiuying, President of JXUST",
     {"role": "President"}),
    ("PARTICIPATED_IN", "hu-zhiyuan", "ev-jlmag-jxust-joint-lab-signing",
     "The agreement was signed at the Company's headquarters in Ganzhou, Jiangxi Province, by Hu Zhiyuan", {"role": "signatory"}),
    ("PARTICIPATED_IN", "luo-xiuying", "ev-jlmag-jxust-joint-lab-signing",
     "by Hu Zhiyuan, Chairman of JL MAG, and Professor Luo Xiuying, President of JXUST", {"role": "signatory"}),
    ("PARTICIPATED_IN", "jl-mag-rare-earth", "ev-jlmag-jxust-joint-lab-signing",
     "today announced the signing of a cooperation agreement with Jiangxi University of Science and Technology", {}, O),
    ("PARTICIPATED_IN", "jiangxi-university-of-science-and-technology", "ev-jlmag-jxust-joint-lab-signing",
     "today announced the signing of a cooperation agreement with Jiangxi University of Science and Technology", {}, O),
    ("PARTICIPATED_IN", "ganzhou-municipal-bureau-of-industry-and-information-technology",
     "ev-jlmag-jxust-joint-lab-signing",
     "Officials from the Ganzhou Municipal Bureau of Industry and Information Technology witnessed the ceremony", {}, O),
    ("LEADS", "peng-wenjie", "jl-mag-jxust-joint-laboratory", "The laboratory will be directed by Dr. Peng Wenjie",
     {"role": "Director"}),
    ("MEMBER_OF", "peng-wenjie", "jl-mag-rare-earth", "Dr. Peng Wenjie, Chief Technology Officer of JL MAG",
     {"role": "Chief Technology Officer"}),
    ("SUBSIDIARY_OF", "ganjiang-innovation-academy", "chinese-academy-of-sciences",
     "the Ganjiang Innovation Academy, a research institute under the Chinese Academy of Sciences"),
    ("LOCATED_IN", "jiangxi-university-of-science-and-technology", "ganzhou",
     "Jiangxi University of Science and Technology, located in Ganzhou"),
    ("LOCATED_IN", "jl-mag-rare-earth", "ningbo", "with production bases in Ganzhou, Ningbo and Baotou", {}, O),
    ("LOCATED_IN", "jl-mag-rare-earth", "baotou", "with production bases in Ganzhou, Ningbo and Baotou", {}, O),
]

REL["ho03"] = [
    ("ORGANIZED", "ministry-of-science-and-technology", "ev-most-key-lab-evaluation-baotou",
     "the expert Group organized by the Ministry of science and Technology ( MOST ) came to Baotou"),
    ("LOCATED_IN", "ev-most-key-lab-evaluation-baotou", "baotou",
     "the expert Group organized by the Ministry of science and Technology ( MOST ) came to Baotou , carry out the on-site evaluation"),
    ("PARTICIPATED_IN", "sun-guoliang", "ev-most-key-lab-evaluation-baotou", "The expert group is headed by Sun Guoliang",
     {"role": "head of expert group"}),
    ("PARTICIPATED_IN", "fang-jie", "ev-most-key-lab-evaluation-baotou",
     "members including researcher Fang Jie from Institute of Process Engineering", {"role": "expert"}),
    ("PARTICIPATED_IN", "li-xuefeng", "ev-most-key-lab-evaluation-baotou",
     "the expert group listened the work report made by key Laboratory director Li Xuefeng", {"role": "reporter"}),
    ("PARTICIPATED_IN", "gao-yuanchao", "ev-most-key-lab-evaluation-baotou",
     "chairman Gao Yuanchao accompanied the inspection"),
    ("PARTICIPATED_IN", "ma-wenqing", "ev-most-key-lab-evaluation-baotou",
     "Ma Wenqing , the second-level inspector of Inner Mongolia Autonomous Region Department of science and Technology , attended the evaluation meeting"),
    ("VISITED", "sun-guoliang", "baotou",
     "came to Baotou", {"date": "--10-23", "end_date": "--10-24"}),
    ("VISITED", "sun-guoliang", "baotou-research-institute-of-rare-earths",
     "inspected the pilot base and the analysis and Testing Center of Baotou Research Institute of rare Earths",
     {"date": "--10-23", "end_date": "--10-24"}),
    ("VISITED", "sun-guoliang", "state-key-laboratory-of-bayan-obo-rare-earth",
     "carry out the on-site evaluation to the State Key Laboratory of Bayan Obo rare Earth Resource Research and Comprehensive Utilization",
     {"date": "--10-23", "end_date": "--10-24"}, O),
    ("VISITED", "fang-jie", "baotou", "came to Baotou", {}, O),
    ("VISITED", "fang-jie", "baotou-research-institute-of-rare-earths",
     "inspected the pilot base and the analysis and Testing Center of Baotou Research Institute of rare Earths", {}, O),
    ("VISITED", "sun-guoliang", "brire-analysis-and-testing-center",
     "inspected the pilot base and the analysis and Testing Center", {}, O),
    ("MEMBER_OF", "sun-guoliang", "chinese-academy-of-engineering",
     "Sun Guoliang , the academician of Chinese Academy of Engineering", {"role": "academician"}),
    ("MEMBER_OF", "fang-jie", "institute-of-process-engineering",
     "researcher Fang Jie from Institute of Process Engineering", {"role": "researcher"}),
    ("SUBSIDIARY_OF", "institute-of-process-engineering", "chinese-academy-of-sciences",
     "Institute of Process Engineering , Chinese Academy of Sciences"),
    ("MEMBER_OF", "fang-jie", "chinese-academy-of-sciences",
     "researcher Fang Jie from Institute of Process Engineering , Chinese Academy of Sciences", {}, O),
    ("LEADS", "li-xuefeng", "state-key-laboratory-of-bayan-obo-rare-earth", "key Laboratory director Li Xuefeng",
     {"role": "Director"}),
    ("LEADS", "gao-yuanchao", "china-northern-rare-earth",
     "Northern rare Earth party committee Secretary , chairman Gao Yuanchao", {"role": "Chairman"}),
    ("SUBSIDIARY_OF", "baotou-research-institute-of-rare-earths", "china-northern-rare-earth",
     "the institute is wholly-owned subsidiary of China Northern rare Earth ( Group ) High-tech Co., Ltd"),
    ("SUBSIDIARY_OF", "state-key-laboratory-of-bayan-obo-rare-earth", "baotou-research-institute-of-rare-earths",
     "The key Laboratory is relying on the Baotou Research Institute of rare Earths", {}, O),
    ("SUBSIDIARY_OF", "brire-analysis-and-testing-center", "baotou-research-institute-of-rare-earths",
     "the analysis and Testing Center of Baotou Research Institute of rare Earths", {}, O),
    ("MEMBER_OF", "ma-wenqing", "inner-mongolia-department-of-science-and-technology",
     "Ma Wenqing , the second-level inspector of Inner Mongolia Autonomous Region Department of science and Technology",
     {"role": "second-level inspector"}),
    ("LOCATED_IN", "inner-mongolia-department-of-science-and-technology", "inner-mongolia",
     "Inner Mongolia Autonomous Region Department of science and Technology", {}, O),
    ("PARTICIPATED_IN", "china-northern-rare-earth", "ev-most-key-lab-evaluation-baotou",
     "Northern rare Earth party committee Secretary , chairman Gao Yuanchao accompanied the inspection", {}, O),
    ("PARTICIPATED_IN", "baotou-research-institute-of-rare-earths", "ev-most-key-lab-evaluation-baotou",
     "inspected the pilot base and the analysis and Testing Center of Baotou Research Institute of rare Earths", {}, O),
    ("PARTICIPATED_IN", "inner-mongolia-department-of-science-and-technology", "ev-most-key-lab-evaluation-baotou",
     "attended the evaluation meeting", {}, O),
]

REL["ho04"] = [
    ("MEMBER_OF", "lin-haoran", "ministry-of-commerce", "commerce ministry spokesman Lin Haoran",
     {"role": "spokesman"}),
    ("PARTICIPATED_IN", "lin-haoran", "ev-mofcom-press-briefing",
     "commerce ministry spokesman Lin Haoran told the ministry's regular press briefing in Beijing",
     {"role": "spokesman"}),
    ("ORGANIZED", "ministry-of-commerce", "ev-mofcom-press-briefing", "the ministry's regular press briefing in Beijing"),
    ("LOCATED_IN", "ev-mofcom-press-briefing", "beijing", "the ministry's regular press briefing in Beijing"),
    ("MEMBER_OF", "zhu-lanting", "adamas-intelligence",
     "Zhu Lanting, a senior analyst at Toronto-based Adamas Intelligence", {"role": "senior analyst"}),
    ("LOCATED_IN", "adamas-intelligence", "toronto", "Toronto-based Adamas Intelligence"),
    ("LOCATED_IN", "lynas-rare-earths", "perth", "Perth-based Lynas Rare Earths"),
    ("LOCATED_IN", "mp-materials", "united-states", "U.S.-based MP Materials", {}, O),
    ("SUPERVISED_BY", "cccmc", "ministry-of-commerce",
     "(CCCMC), which works under the guidance of the commerce ministry"),
    ("MEMBER_OF", "qiu-wenbo", "cccmc",
     "Qiu Wenbo, vice president of the China Chamber of Commerce of Metals, Minerals and Chemicals Importers and Exporters (CCCMC)",
     {"role": "vice president"}),
    ("LEADS", "qiu-wenbo", "cccmc", "Qiu Wenbo, vice president of the China Chamber of Commerce", {"role": "vice president"}, O),
    ("ORGANIZED", "ministry-of-commerce", "ev-export-technology-catalogue-revision",
     "The Ministry of Commerce (MOFCOM) and the Ministry of Science and Technology published a revised Catalogue", {}, O),
    ("ORGANIZED", "ministry-of-science-and-technology", "ev-export-technology-catalogue-revision",
     "The Ministry of Commerce (MOFCOM) and the Ministry of Science and Technology published a revised Catalogue", {}, O),
    ("LOCATED_IN", "ev-export-technology-catalogue-revision", "beijing", "BEIJING, Dec 21 (Reuters)", {}, O),
]

REL["ho05"] = [
    ("FOUNDED", "aluminum-corporation-of-china", "china-rare-earth-group",
     "The group was created by merging the rare earth assets of two central state-owned enterprises, Aluminum Corporation of China (Chinalco) and China Minmetals Corporation",
     {"date": "2021-12-23"}),
    ("FOUNDED", "china-minmetals-corporation", "china-rare-earth-group",
     "The group was created by merging the rare earth assets of two central state-owned enterprises, Aluminum Corporation of China (Chinalco) and China Minmetals Corporation",
     {"date": "2021-12-23"}),
    ("FOUNDED", "ganzhou-rare-earth-group", "china-rare-earth-group",
     "with those of Ganzhou Rare Earth Group, a local state-owned champion", {"date": "2021-12-23"}),
    ("FOUNDED", "china-iron-and-steel-research-institute-group", "china-rare-earth-group",
     "Two state-owned research groups, China Iron and Steel Research Institute Group and GRINM Group, took small stakes",
     {}, O),
    ("FOUNDED", "grinm-group", "china-rare-earth-group",
     "Two state-owned research groups, China Iron and Steel Research Institute Group and GRINM Group, took small stakes",
     {}, O),
    ("SUPERVISED_BY", "china-rare-earth-group", "sasac",
     "The new company is directly supervised by the State-owned Assets Supervision and Administration Commission (SASAC)"),
    ("SUPERVISED_BY", "aluminum-corporation-of-china", "sasac", "(SASAC), which also oversees Chinalco and Minmetals"),
    ("SUPERVISED_BY", "china-minmetals-corporation", "sasac", "(SASAC), which also oversees Chinalco and Minmetals"),
    ("LEADS", "qian-shaoping", "china-rare-earth-group", "the group's chairman, Qian Shaoping", {"role": "Chairman"}),
    ("MEMBER_OF", "qian-shaoping", "aluminum-corporation-of-china",
     "Qian Shaoping, who spent most of his career at Chinalco", {"role": "former executive"}, O),
    ("SUBSIDIARY_OF", "china-rare-earth-resources-and-technology", "china-rare-earth-group",
     "China Rare Earth Resources and Technology Co., Ltd., the listed arm once known as Minmetals Rare Earth, has been folded in as a subsidiary"),
    ("SUBSIDIARY_OF", "ganzhou-rare-earth-group", "china-rare-earth-group",
     "Ganzhou Rare Earth Group, now also a subsidiary"),
    ("LOCATED_IN", "ev-china-rare-earth-group-unveiling", "ganzhou",
     "When China Rare Earth Group was unveiled in Ganzhou"),
    ("PARTICIPATED_IN", "china-rare-earth-group", "ev-china-rare-earth-group-unveiling",
     "When China Rare Earth Group was unveiled in Ganzhou", {}, O),
    ("LOCATED_IN", "china-rare-earth-group", "ganzhou", "When China Rare Earth Group was unveiled in Ganzhou", {}, O),
    ("LOCATED_IN", "ganzhou", "jiangxi", "Ganzhou, in southern Jiangxi province"),
    ("LOCATED_IN", "china-northern-rare-earth", "baotou", "Baotou-based China Northern Rare Earth"),
    ("SUBSIDIARY_OF", "china-northern-rare-earth", "baotou-iron-and-steel-group",
     "China Northern Rare Earth has one dominant deposit and one parent, Baotou Steel"),
    ("MEMBER_OF", "ruan-meixin", "center-for-strategic-and-international-studies",
     "Ruan Meixin is a senior fellow at the Center for Strategic and International Studies", {"role": "senior fellow"}),
    ("LOCATED_IN", "center-for-strategic-and-international-studies", "washington",
     "the Center for Strategic and International Studies in Washington"),
]

REL["ho06"] = [
    ("ORGANIZED", "ministry-of-industry-and-information-technology", "ev-2024-first-batch-rare-earth-quotas",
     "China's Ministry of Industry and Information Technology (MIIT) and Ministry of Natural Resources (MNR) have issued the first batch of rare earth mining and smelting quotas for 2024"),
    ("ORGANIZED", "ministry-of-natural-resources", "ev-2024-first-batch-rare-earth-quotas",
     "Ministry of Natural Resources (MNR) have issued the first batch of rare earth mining and smelting quotas for 2024"),
    ("PARTICIPATED_IN", "china-rare-earth-group", "ev-2024-first-batch-rare-earth-quotas",
     "received the bulk of the medium and heavy rare earth quota", {}, O),
    ("PARTICIPATED_IN", "china-northern-rare-earth", "ev-2024-first-batch-rare-earth-quotas",
     "took most of the light rare earth volume", {}, O),
    ("LOCATED_IN", "china-rare-earth-group", "ganzhou", "The Ganzhou-headquartered China Rare Earth Group"),
    ("SUPERVISED_BY", "china-rare-earth-group", "sasac",
     "China Rare Earth Group, which reports to the State-owned Assets Supervision and Administration Commission"),
    ("SUBSIDIARY_OF", "china-northern-rare-earth", "baotou-iron-and-steel-group",
     "China Northern Rare Earth (Group) High-Tech, majority owned by Baotou Steel"),
    ("MEMBER_OF", "pan-zhiwei", "smm", "Pan Zhiwei, a senior rare earth analyst at Shanghai-based SMM",
     {"role": "senior analyst"}),
    ("LOCATED_IN", "smm", "shanghai", "Shanghai-based SMM"),
    ("MEMBER_OF", "hou-jiali", "china-northern-rare-earth", "Northern Rare Earth board secretary Hou Jiali",
     {"role": "board secretary"}),
    ("LEADS", "tang-jingyu", "china-rare-earth-group", "China Rare Earth Group's general manager, Tang Jingyu",
     {"role": "General Manager"}),
    ("LOCATED_IN", "lynas-rare-earths", "australia", "Australia's Lynas Rare Earths", {}, O),
]

REL["ho07"] = [
    ("LEADS", "shen-lihong", "ningbo-yunsheng", "general manager Shen Lihong", {"role": "General Manager"}),
    ("PARTICIPATED_IN", "shen-lihong", "ev-china-magnetic-materials-industry-conference",
     "general manager Shen Lihong said on the sidelines of the China Magnetic Materials Industry Conference in Ningbo on Tuesday"),
    ("PARTICIPATED_IN", "ningbo-yunsheng", "ev-china-magnetic-materials-industry-conference",
     "general manager Shen Lihong said on the sidelines of the China Magnetic Materials Industry Conference", {}, O),
    ("LOCATED_IN", "ev-china-magnetic-materials-industry-conference", "ningbo",
     "the China Magnetic Materials Industry Conference in Ningbo on Tuesday"),
    ("ORGANIZED", "ceca-magnetic-materials-branch", "ev-china-magnetic-materials-industry-conference",
     "The conference, organised by the Magnetic Materials Branch of the China Electronic Components Association (CECA)"),
    ("SUBSIDIARY_OF", "ceca-magnetic-materials-branch", "china-electronic-components-association",
     "the Magnetic Materials Branch of the China Electronic Components Association (CECA)"),
    ("SUBSIDIARY_OF", "baotou-yunsheng-strong-magnetic-material", "ningbo-yunsheng",
     "Baotou Yunsheng Strong Magnetic Material, a wholly owned subsidiary of Yunsheng"),
    ("LOCATED_IN", "baotou-yunsheng-strong-magnetic-material", "baotou",
     "its new 5,000 t/yr line in Baotou, Inner Mongolia", {}, O),
    ("LOCATED_IN", "ningbo-yunsheng", "ningbo", "Ningbo-based Ningbo Yunsheng"),
    ("LOCATED_IN", "baotou", "inner-mongolia", "in Baotou, Inner Mongolia"),
    ("MEMBER_OF", "ding-wei", "baotou-tianhe-magnetics-technology",
     "Baotou Tianhe Magnetics Technology, which buys much of its feedstock from China Northern Rare Earth, has also lowered its utilisation rate, according to sales manager Ding Wei",
     {"role": "sales manager"}),
]

REL["ho08"] = [
    ("APPROVED", "jiangxi-department-of-industry-and-information-technology",
     "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "our Department has decided to approve the establishment of the following two provincial manufacturing innovation centers",
     {"date": "2024-05-15"}),
    ("APPROVED", "jiangxi-department-of-industry-and-information-technology",
     "jiangxi-tungsten-and-rare-earth-innovation-center",
     "our Department has decided to approve the establishment of the following two provincial manufacturing innovation centers",
     {"date": "2024-05-15"}),
    ("APPROVED", "jiangxi-department-of-industry-and-information-technology", "ev-jiangxi-innovation-centers-approval",
     "our Department has decided to approve the establishment", {}, O),
    ("FOUNDED", "jl-mag-rare-earth", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "Jiangxi Rare Earth Permanent Magnet Materials Manufacturing Innovation Center, jointly established by JL MAG Rare-Earth Co., Ltd. and Nanchang University"),
    ("FOUNDED", "nanchang-university", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "jointly established by JL MAG Rare-Earth Co., Ltd. and Nanchang University"),
    ("ORGANIZED", "jl-mag-rare-earth", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "jointly established by JL MAG Rare-Earth Co., Ltd. and Nanchang University", {}, O),
    ("ORGANIZED", "nanchang-university", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "jointly established by JL MAG Rare-Earth Co., Ltd. and Nanchang University", {}, O),
    ("FOUNDED", "ganzhou-rare-earth-group", "jiangxi-tungsten-and-rare-earth-innovation-center",
     "Jiangxi Tungsten and Rare Earth Advanced Materials Manufacturing Innovation Center, established by Ganzhou Rare Earth Group Co., Ltd."),
    ("FOUNDED", "jiangxi-university-of-science-and-technology", "jiangxi-tungsten-and-rare-earth-innovation-center",
     "with Jiangxi University of Science and Technology as co-founding unit"),
    ("LOCATED_IN", "jiangxi-rare-earth-permanent-magnet-innovation-center", "ganzhou",
     "jointly established by JL MAG Rare-Earth Co., Ltd. and Nanchang University, located in Ganzhou"),
    ("LOCATED_IN", "jiangxi-tungsten-and-rare-earth-innovation-center", "ganzhou",
     "with Jiangxi University of Science and Technology as co-founding unit, located in Ganzhou"),
    ("SUPERVISED_BY", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "ganzhou-municipal-bureau-of-industry-and-information-technology",
     "The Ganzhou Municipal Bureau of Industry and Information Technology shall be responsible for the day-to-day supervision of the two centers"),
    ("SUPERVISED_BY", "jiangxi-tungsten-and-rare-earth-innovation-center",
     "ganzhou-municipal-bureau-of-industry-and-information-technology",
     "The Ganzhou Municipal Bureau of Industry and Information Technology shall be responsible for the day-to-day supervision of the two centers"),
    ("SUPERVISED_BY", "ganzhou-municipal-bureau-of-industry-and-information-technology",
     "jiangxi-department-of-industry-and-information-technology",
     "shall report on their progress to our Department every six months", {}, O),
    ("SUPERVISED_BY", "jiangxi-rare-earth-permanent-magnet-innovation-center",
     "jiangxi-department-of-industry-and-information-technology",
     "Centers that fail the annual evaluation for two consecutive years will have their designation revoked", {}, O),
    ("SUPERVISED_BY", "jiangxi-tungsten-and-rare-earth-innovation-center",
     "jiangxi-department-of-industry-and-information-technology",
     "Centers that fail the annual evaluation for two consecutive years will have their designation revoked", {}, O),
    ("MEMBER_OF", "xiong-yan", "jiangxi-department-of-industry-and-information-technology",
     "Contact person: Xiong Yan, Science and Technology Division of our Department", {"role": "contact person"}),
    ("MEMBER_OF", "xiong-yan", "jiangxi-diit-science-and-technology-division",
     "Xiong Yan, Science and Technology Division of our Department", {}, O),
    ("SUBSIDIARY_OF", "jiangxi-diit-science-and-technology-division",
     "jiangxi-department-of-industry-and-information-technology",
     "Science and Technology Division of our Department", {}, O),
    ("LEADS", "zou-minghui", "jiangxi-department-of-industry-and-information-technology",
     "Director: Zou Minghui\nJiangxi Provincial Department of Industry and Information Technology", {"role": "Director"}),
]

REL["ho09"] = [
    ("PARTICIPATED_IN", "zhou-qiming", "ev-cas-inner-mongolia-agreement-signing",
     "The agreement was signed in Hohhot, capital of Inner Mongolia, by CAS Vice President Zhou Qiming",
     {"role": "signatory"}),
    ("PARTICIPATED_IN", "bai-yuanfeng", "ev-cas-inner-mongolia-agreement-signing",
     "by CAS Vice President Zhou Qiming and Bai Yuanfeng, vice chairman of the regional government",
     {"role": "signatory"}),
    ("PARTICIPATED_IN", "chinese-academy-of-sciences", "ev-cas-inner-mongolia-agreement-signing",
     "The Chinese Academy of Sciences (CAS) and the People's Government of Inner Mongolia Autonomous Region on Tuesday signed a framework agreement",
     {}, O),
    ("PARTICIPATED_IN", "inner-mongolia-peoples-government", "ev-cas-inner-mongolia-agreement-signing",
     "The Chinese Academy of Sciences (CAS) and the People's Government of Inner Mongolia Autonomous Region on Tuesday signed a framework agreement",
     {}, O),
    ("LOCATED_IN", "ev-cas-inner-mongolia-agreement-signing", "hohhot", "The agreement was signed in Hohhot"),
    ("LOCATED_IN", "hohhot", "inner-mongolia", "Hohhot, capital of Inner Mongolia"),
    ("MEMBER_OF", "zhou-qiming", "chinese-academy-of-sciences", "CAS Vice President Zhou Qiming",
     {"role": "Vice President"}),
    ("LEADS", "zhou-qiming", "chinese-academy-of-sciences", "CAS Vice President Zhou Qiming",
     {"role": "Vice President"}, O),
    ("MEMBER_OF", "bai-yuanfeng", "inner-mongolia-peoples-government",
     "Bai Yuanfeng, vice chairman of the regional government", {"role": "vice chairman"}),
    ("LEADS", "bai-yuanfeng", "inner-mongolia-peoples-government",
     "Bai Yuanfeng, vice chairman of the regional government", {"role": "vice chairman"}, O),
    ("PARTICIPATED_IN", "zhou-qiming", "ev-cas-delegation-baotou-tour",
     "a CAS delegation led by Zhou spent June 30 and July 1 in Baotou", {"role": "delegation leader"}),
    ("PARTICIPATED_IN", "chinese-academy-of-sciences", "ev-cas-delegation-baotou-tour",
     "a CAS delegation led by Zhou spent June 30 and July 1 in Baotou", {}, O),
    ("VISITED", "zhou-qiming", "baotou", "a CAS delegation led by Zhou spent June 30 and July 1 in Baotou",
     {"date": "--06-30", "end_date": "--07-01"}),
    ("VISITED", "zhou-qiming", "china-northern-rare-earth",
     "it toured the production lines of China Northern Rare Earth (Group) High-Tech Co., Ltd.",
     {"date": "--06-30", "end_date": "--07-01"}),
    ("VISITED", "zhou-qiming", "baotou-rare-earth-rd-center-of-cas",
     "and the Baotou Rare Earth Research and Development Center of CAS", {"date": "--06-30", "end_date": "--07-01"}),
    ("VISITED", "chinese-academy-of-sciences", "baotou", "a CAS delegation led by Zhou spent June 30 and July 1 in Baotou",
     {}, O),
    ("VISITED", "chinese-academy-of-sciences", "china-northern-rare-earth",
     "it toured the production lines of China Northern Rare Earth (Group) High-Tech Co., Ltd.", {}, O),
    ("LOCATED_IN", "ev-cas-delegation-baotou-tour", "baotou", "spent June 30 and July 1 in Baotou"),
    ("FOUNDED", "changchun-institute-of-applied-chemistry", "baotou-rare-earth-rd-center-of-cas",
     "The center was jointly set up in 2012 by the academy's Changchun Institute of Applied Chemistry (CIAC)",
     {"date": "2012"}),
    ("FOUNDED", "baotou-municipal-peoples-government", "baotou-rare-earth-rd-center-of-cas",
     "The center was jointly set up in 2012 by the academy's Changchun Institute of Applied Chemistry (CIAC) and the Baotou municipal government",
     {"date": "2012"}),
    ("ORGANIZED", "changchun-institute-of-applied-chemistry", "baotou-rare-earth-rd-center-of-cas",
     "The center was jointly set up in 2012", {}, O),
    ("ORGANIZED", "baotou-municipal-peoples-government", "baotou-rare-earth-rd-center-of-cas",
     "The center was jointly set up in 2012", {}, O),
    ("SUBSIDIARY_OF", "changchun-institute-of-applied-chemistry", "chinese-academy-of-sciences",
     "the academy's Changchun Institute of Applied Chemistry (CIAC)"),
    ("SUBSIDIARY_OF", "baotou-rare-earth-rd-center-of-cas", "chinese-academy-of-sciences",
     "the Baotou Rare Earth Research and Development Center of CAS", {}, O),
    ("LOCATED_IN", "baotou-rare-earth-rd-center-of-cas", "baotou",
     "in Baotou, where it toured the production lines", {}, O),
    ("LOCATED_IN", "china-northern-rare-earth", "baotou", "in Baotou, where it toured the production lines", {}, O),
    ("LEADS", "jiang-rui", "baotou-rare-earth-rd-center-of-cas", "according to its director, Jiang Rui",
     {"role": "Director"}),
    ("LOCATED_IN", "bayan-obo", "inner-mongolia", "most of them in the Bayan Obo mine north of Baotou", {}, O),
    ("LOCATED_IN", "inner-mongolia", "china", "Inner Mongolia holds the bulk of China's proven light rare earth reserves", {}, O),
]

REL["ho10"] = [
    ("FOUNDED", "shenghe-resources", "shenghe-scu-joint-rd-center",
     "the two parties will jointly establish the Shenghe-SCU Joint R&D Center for Green Rare Earth Separation"),
    ("FOUNDED", "sichuan-university", "shenghe-scu-joint-rd-center",
     "the two parties will jointly establish the Shenghe-SCU Joint R&D Center for Green Rare Earth Separation"),
    ("ORGANIZED", "shenghe-resources", "shenghe-scu-joint-rd-center",
     "the two parties will jointly establish", {}, O),
    ("ORGANIZED", "sichuan-university", "shenghe-scu-joint-rd-center",
     "the two parties will jointly establish", {}, O),
    ("LOCATED_IN", "shenghe-resources", "chengdu", "a Chengdu-based integrated rare earth company"),
    ("LOCATED_IN", "ev-shenghe-scu-agreement-signing", "chengdu",
     "The signing ceremony was held on SCU's Wangjiang campus in Chengdu"),
    ("LOCATED_IN", "sichuan-university", "chengdu", "SCU's Wangjiang campus in Chengdu", {}, O),
    ("PARTICIPATED_IN", "yao-chengde", "ev-shenghe-scu-agreement-signing",
     "Yao Chengde, Chairman of Shenghe, and Xie Xiaoyun, Vice President of SCU, signed the agreement",
     {"role": "signatory"}),
    ("PARTICIPATED_IN", "xie-xiaoyun", "ev-shenghe-scu-agreement-signing",
     "Yao Chengde, Chairman of Shenghe, and Xie Xiaoyun, Vice President of SCU, signed the agreement",
     {"role": "signatory"}),
    ("PARTICIPATED_IN", "shenghe-resources", "ev-shenghe-scu-agreement-signing",
     "and Sichuan University (SCU) today signed a strategic cooperation agreement", {}, O),
    ("PARTICIPATED_IN", "sichuan-university", "ev-shenghe-scu-agreement-signing",
     "and Sichuan University (SCU) today signed a strategic cooperation agreement", {}, O),
    ("PARTICIPATED_IN", "sichuan-department-of-science-and-technology", "ev-shenghe-scu-agreement-signing",
     "Also present were representatives of the Sichuan Provincial Department of Science and Technology", {}, O),
    ("PARTICIPATED_IN", "leshan-shenghe-rare-earth", "ev-shenghe-scu-agreement-signing",
     "and of Leshan Shenghe Rare Earth Co., Ltd.", {}, O),
    ("LEADS", "yao-chengde", "shenghe-resources", "Yao Chengde, Chairman of Shenghe", {"role": "Chairman"}),
    ("MEMBER_OF", "xie-xiaoyun", "sichuan-university", "Xie Xiaoyun, Vice President of SCU", {"role": "Vice President"}),
    ("LEADS", "xie-xiaoyun", "sichuan-university", "Xie Xiaoyun, Vice President of SCU", {"role": "Vice President"}, O),
    ("SUBSIDIARY_OF", "leshan-shenghe-rare-earth", "shenghe-resources",
     "Leshan Shenghe Rare Earth Co., Ltd., the Company's smelting and separation subsidiary"),
    ("LEADS", "liang-bo", "shenghe-scu-joint-rd-center", "The joint center will be headed by Professor Liang Bo",
     {"role": "Head"}),
    ("MEMBER_OF", "liang-bo", "sichuan-university", "Professor Liang Bo of SCU's School of Chemical Engineering",
     {"role": "Professor"}),
    ("MEMBER_OF", "liang-bo", "scu-school-of-chemical-engineering",
     "Professor Liang Bo of SCU's School of Chemical Engineering", {}, O),
    ("SUBSIDIARY_OF", "scu-school-of-chemical-engineering", "sichuan-university",
     "SCU's School of Chemical Engineering", {}, O),
    ("SUBSIDIARY_OF", "shenghe-resources", "institute-of-multipurpose-utilization-of-mineral-resources",
     "Its largest shareholder is the Chengdu-based Institute of Multipurpose Utilization of Mineral Resources", {}, O),
    ("LOCATED_IN", "institute-of-multipurpose-utilization-of-mineral-resources", "chengdu",
     "the Chengdu-based Institute of Multipurpose Utilization of Mineral Resources"),
    ("SUBSIDIARY_OF", "institute-of-multipurpose-utilization-of-mineral-resources",
     "chinese-academy-of-geological-sciences",
     "Institute of Multipurpose Utilization of Mineral Resources (IMUMR) of the Chinese Academy of Geological Sciences"),
    ("SUBSIDIARY_OF", "chinese-academy-of-geological-sciences", "china-geological-survey",
     "the Chinese Academy of Geological Sciences, which is affiliated to the China Geological Survey"),
    ("SUBSIDIARY_OF", "china-geological-survey", "ministry-of-natural-resources",
     "the China Geological Survey under the Ministry of Natural Resources"),
    ("SUPERVISED_BY", "china-geological-survey", "ministry-of-natural-resources",
     "the China Geological Survey under the Ministry of Natural Resources", {}, O),
]

REL["ho11"] = [
    ("LOCATED_IN", "ev-creia-council-meeting-2024", "beijing",
     "the fifth meeting of the third Council of China rare Earth industry Association ( CREIA ) and the 2024 annual work Conference was held in Beijing"),
    ("ORGANIZED", "china-rare-earth-industry-association", "ev-creia-council-meeting-2024",
     "the fifth meeting of the third Council of China rare Earth industry Association ( CREIA )", {}, O),
    ("PARTICIPATED_IN", "xu-kaiming", "ev-creia-council-meeting-2024",
     "Xu Kaiming , deputy director of Raw Materials industry Department of Ministry of industry and Information Technology , attended the meeting and made speech",
     {"role": "speaker"}),
    ("MEMBER_OF", "xu-kaiming", "miit-raw-materials-industry-department",
     "Xu Kaiming , deputy director of Raw Materials industry Department", {"role": "deputy director"}),
    ("LEADS", "xu-kaiming", "miit-raw-materials-industry-department",
     "Xu Kaiming , deputy director of Raw Materials industry Department", {"role": "deputy director"}, O),
    ("MEMBER_OF", "xu-kaiming", "ministry-of-industry-and-information-technology",
     "deputy director of Raw Materials industry Department of Ministry of industry and Information Technology", {}, O),
    ("SUBSIDIARY_OF", "miit-raw-materials-industry-department", "ministry-of-industry-and-information-technology",
     "Raw Materials industry Department of Ministry of industry and Information Technology"),
    ("LEADS", "du-guangyao", "china-rare-earth-industry-association", "Du Guangyao , President of the Association",
     {"role": "President"}),
    ("PARTICIPATED_IN", "du-guangyao", "ev-creia-council-meeting-2024",
     "Du Guangyao , President of the Association presided over the meeting", {"role": "chair"}),
    ("LEADS", "zhao-hongmei", "china-rare-earth-industry-association", "Secretary-General Zhao Hongmei",
     {"role": "Secretary-General"}),
    ("PARTICIPATED_IN", "zhao-hongmei", "ev-creia-council-meeting-2024",
     "Secretary-General Zhao Hongmei made the 2024 work report on behalf of the Secretariat", {"role": "speaker"}),
    ("LEADS", "qian-shaoping", "china-rare-earth-group",
     "China rare Earth Group Co., Ltd. chairman Qian Shaoping", {"role": "Chairman"}),
    ("LEADS", "gao-yuanchao", "china-northern-rare-earth",
     "China Northern rare Earth ( Group ) High-tech Co., Ltd . chairman Gao Yuanchao", {"role": "Chairman"}),
    ("MEMBER_OF", "qian-shaoping", "china-rare-earth-industry-association",
     "chairman Qian Shaoping and China Northern rare Earth ( Group ) High-tech Co., Ltd . chairman Gao Yuanchao were elected as the vice presidents of the Association",
     {"role": "vice president"}),
    ("MEMBER_OF", "gao-yuanchao", "china-rare-earth-industry-association",
     "chairman Gao Yuanchao were elected as the vice presidents of the Association", {"role": "vice president"}),
    ("LEADS", "qian-shaoping", "china-rare-earth-industry-association",
     "were elected as the vice presidents of the Association", {"role": "vice president"}, O),
    ("LEADS", "gao-yuanchao", "china-rare-earth-industry-association",
     "were elected as the vice presidents of the Association", {"role": "vice president"}, O),
    ("PARTICIPATED_IN", "qian-shaoping", "ev-creia-council-meeting-2024",
     "were elected as the vice presidents of the Association", {}, O),
    ("PARTICIPATED_IN", "gao-yuanchao", "ev-creia-council-meeting-2024",
     "were elected as the vice presidents of the Association", {}, O),
    ("PARTICIPATED_IN", "sasac", "ev-creia-council-meeting-2024",
     "Responsible comrade from the relevant bureau of State-owned Assets Supervision and Administration Commission of the State council ( SASAC ) and representatives of China rare Earth Society attended the meeting",
     {}, O),
    ("PARTICIPATED_IN", "chinese-society-of-rare-earths", "ev-creia-council-meeting-2024",
     "representatives of China rare Earth Society attended the meeting", {}, O),
    ("PARTICIPATED_IN", "ministry-of-industry-and-information-technology", "ev-creia-council-meeting-2024",
     "of Ministry of industry and Information Technology , attended the meeting", {}, O),
    ("SUPERVISED_BY", "china-rare-earth-industry-association", "ministry-of-industry-and-information-technology",
     "The Association is national industry organization whose business supervising unit is the Ministry of industry and Information Technology"),
    ("LOCATED_IN", "china-rare-earth-industry-association", "beijing",
     "it was established in 2012 with headquarter in Beijing"),
]

REL["ho12"] = [
    ("ORGANIZED", "chinese-society-of-rare-earths", "ev-csre-2024-academic-annual-conference",
     "Hosted by CSRE and co-organized by Northeastern University (NEU) and the Institute of Metal Research (IMR)"),
    ("ORGANIZED", "northeastern-university", "ev-csre-2024-academic-annual-conference",
     "co-organized by Northeastern University (NEU) and the Institute of Metal Research (IMR)"),
    ("ORGANIZED", "institute-of-metal-research", "ev-csre-2024-academic-annual-conference",
     "co-organized by Northeastern University (NEU) and the Institute of Metal Research (IMR), Chinese Academy of Sciences"),
    ("LOCATED_IN", "ev-csre-2024-academic-annual-conference", "shenyang", "was held in Shenyang, Liaoning Province"),
    ("LOCATED_IN", "shenyang", "liaoning", "Shenyang, Liaoning Province"),
    ("SUBSIDIARY_OF", "institute-of-metal-research", "chinese-academy-of-sciences",
     "the Institute of Metal Research (IMR), Chinese Academy of Sciences"),
    ("LEADS", "tian-jiarui", "chinese-society-of-rare-earths", "Academician Tian Jiarui, President of CSRE",
     {"role": "President"}),
    ("MEMBER_OF", "tian-jiarui", "chinese-academy-of-sciences",
     "Tian Jiarui, President of CSRE and a member of the Chinese Academy of Sciences", {"role": "academician"}),
    ("PARTICIPATED_IN", "tian-jiarui", "ev-csre-2024-academic-annual-conference",
     "At the opening ceremony, Academician Tian Jiarui, President of CSRE and a member of the Chinese Academy of Sciences, delivered a keynote report",
     {"role": "keynote speaker"}),
    ("LEADS", "xing-yuming", "northeastern-university", "Professor Xing Yuming, President of NEU", {"role": "President"}),
    ("PARTICIPATED_IN", "xing-yuming", "ev-csre-2024-academic-annual-conference",
     "Professor Xing Yuming, President of NEU, welcomed the participants on behalf of the co-organizers",
     {"role": "speaker"}),
    ("LOCATED_IN", "northeastern-university", "shenyang", "the Shenyang-based university's work in rare earth metallurgy"),
    ("LOCATED_IN", "institute-of-metal-research", "shenyang", "The IMR, which is also located in Shenyang"),
    ("PARTICIPATED_IN", "grinm-group", "ev-csre-2024-academic-annual-conference",
     "A special forum on rare earth hydrogen storage materials was chaired by experts from GRINM Group Corporation Limited",
     {}, O),
    ("PARTICIPATED_IN", "grirem-advanced-materials", "ev-csre-2024-academic-annual-conference",
     "chaired by experts from GRINM Group Corporation Limited and its subsidiary Grirem Advanced Materials Co., Ltd.",
     {}, O),
    ("SUBSIDIARY_OF", "grirem-advanced-materials", "grinm-group",
     "GRINM Group Corporation Limited and its subsidiary Grirem Advanced Materials Co., Ltd."),
    ("MEMBER_OF", "tian-ye", "northeastern-university", "Tian Ye, a doctoral student at NEU's School of Metallurgy",
     {"role": "doctoral student"}),
    ("MEMBER_OF", "tian-ye", "neu-school-of-metallurgy", "Tian Ye, a doctoral student at NEU's School of Metallurgy",
     {}, O),
    ("SUBSIDIARY_OF", "neu-school-of-metallurgy", "northeastern-university", "NEU's School of Metallurgy", {}, O),
    ("PARTICIPATED_IN", "tian-ye", "ev-csre-2024-academic-annual-conference",
     "During the closing ceremony, the CSRE Outstanding Youth Paper Awards were presented to 20 young researchers. Tian Ye",
     {"role": "award winner"}, O),
    ("PARTICIPATED_IN", "institute-of-metal-research", "ev-csre-2024-academic-annual-conference",
     "presented its research on rare earth steels and magnesium alloys", {}, O),
    ("SUBSIDIARY_OF", "neu-news-center", "northeastern-university", "News Center, Northeastern University", {}, O),
]


def text(art):
    with open(os.path.join(ART_DIR, art + ".txt"), encoding="utf-8") as fh:
        return fh.read()


def main():
    errors = []
    for short, ids in MENTIONS.items():
        for eid in ids.split():
            if eid not in ENT:
                errors.append(f"{short}: unknown entity {eid}")
                continue
            if A[short] not in ENT[eid]["articles"]:
                ENT[eid]["articles"].append(A[short])
    merged = {}
    order = []
    for short, rels in REL.items():
        art = A[short]
        body = text(art)
        for r in rels:
            typ, src, tgt, quote = r[:4]
            props = dict(r[4]) if len(r) > 4 else {}
            opt = bool(r[5]) if len(r) > 5 else False
            if quote not in body:
                errors.append(f"{short}: quote not found for {typ} {src}->{tgt}: {quote!r}")
            for end in (src, tgt):
                if end not in ENT:
                    errors.append(f"{short}: unknown endpoint {end}")
                elif art not in ENT[end]["articles"]:
                    errors.append(f"{short}: endpoint {end} not listed as mentioned in {art}")
            key = (typ, src, tgt, opt)
            if key in merged:
                merged[key]["articles"].append(art)
                for k, v in props.items():
                    merged[key]["properties"].setdefault(k, v)
            else:
                merged[key] = dict(type=typ, source=src, target=tgt, articles=[art], properties=props,
                                   quote=quote, optional=opt)
                order.append(key)
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    unused = [e for e in ENT.values() if not e["articles"]]
    if unused:
        print("entities in no article:", [e["id"] for e in unused])
        sys.exit(1)
    gold = {
        "corpus": "holdout",
        "articles": ARTICLES,
        "entities": list(ENT.values()),
        "relations": [merged[k] for k in order],
    }
    with open(os.path.join(HERE, "gold.json"), "w", encoding="utf-8") as fh:
        json.dump(gold, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote gold.json: {len(gold['articles'])} articles, {len(gold['entities'])} entities, "
          f"{len(gold['relations'])} relations")


if __name__ == "__main__":
    main()
