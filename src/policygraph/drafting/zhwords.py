"""Chinese words that tell a candidate organisation's name from the words around it.

Read in simplified form (the text is folded before it is matched).
"""

from __future__ import annotations

from collections.abc import Sequence

ZH_STOP = set("的在了是对及将由向从为把被于等并也都就还要会各与该届着据")
#: Endings that look like a suffix but end a common noun (布局 a layout, 格局 a pattern).
#: A city's standing in policy words (上海国际金融中心: Shanghai as an international financial
#: centre) is not a body either.
ZH_NOT_ORG = ("布局", "格局", "大局", "全局", "结局", "当局", "出局", "头部", "个中心", "大中心",
              "骗局", "国际金融中心", "国际贸易中心", "国际航运中心", "国际经济中心",
              "科技创新中心")  # fmt: skip
#: Verbs (and a few words like them) that end the text before a Chinese organisation name
#: ("宣布成立区块链中心"; "包括渣打银行": including the bank; "旗下蚂蚁集团": its Ant Group).
ZH_VERBS = ("要求", "宣布", "成立", "召开", "强调", "提出", "部署", "推进", "加强", "指出", "表示",
            "表明", "认为", "会议", "主持", "举办", "设立", "组建", "发布", "印发", "支持", "标志",
            "贯彻", "落实", "重塑", "推动", "建设", "打造", "参加", "出席", "构建", "围绕",
            "引述", "援引", "报道", "估计", "透露", "希望", "提升", "阐述", "接触", "位居", "依托",
            "介绍", "包括", "只有", "具有", "收到", "旗下", "至少", "当中", "近期", "近日",
            "日前", "按照", "根据", "依照")  # fmt: skip
#: Words that say what kind of body, not which: "传统银行" (a traditional bank), "中资公司"
#: (Chinese-funded firms), "投资公司", "全球交易所", "发钞银行" (the note-issuing banks).
ZH_GENERIC = ("传统", "中资", "外资", "英资", "美资", "港资", "投资", "全球", "国际", "发钞",
              "头部", "商业", "大型", "中小", "国有", "民营", "本地", "境外", "海外", "相关",
              "其他", "部分", "主要", "上述", "多家", "各大", "一间", "一家", "两家",
              "该", "中央", "上市")  # fmt: skip


def only_generic(name: str, suffixes: Sequence[str]) -> bool:
    """Whether ``name`` is a suffix (``ZH_ORG_SUFFIXES``) after words of kind only (a suffix
    alone is not: it may end another name, 示例日报 + 研究中心)."""
    suffix = max((s for s in suffixes if name.endswith(s)), key=len, default="")
    head = name[: len(name) - len(suffix)]
    if not head:
        return False
    while head:
        word = next((w for w in ZH_GENERIC if head.startswith(w)), None)
        if word is None:
            return False
        head = head[len(word) :]
    return True
