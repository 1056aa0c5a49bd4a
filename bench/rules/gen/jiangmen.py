#!/usr/bin/env python3
"""Converts the Jiangmen 参照表 rows into corpora/discretion/jiangmen/entries.json.

Run from the repository root:  python3 bench/rules/gen/jiangmen.py
Input:  corpora/discretion/source/jiangmen_discretion_rows.jsonl (872 rows, 165 violations)
Output: corpora/discretion/jiangmen/entries.json (one entry per 序号, one tier per row).

Every tier keeps the original 裁量情节 and 裁量标准 text. A condition becomes an
expr-lang expression only when the whole text matches one of the patterns
below; everything else stays text-only and the officer chooses the tier.
"""
import json, re, sys, collections

SRC = "corpora/discretion/source/jiangmen_discretion_rows.jsonl"
OUT = "corpora/discretion/jiangmen/entries.json"

DIG = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_small(s):
    """Chinese or Arabic number below 10000 (may be decimal when Arabic)."""
    if re.fullmatch(r"[0-9.]+", s):
        return float(s)
    total, cur = 0, 0
    for ch in s:
        if ch in DIG:
            cur = DIG[ch]
        elif ch in UNIT:
            total += (cur or 1) * UNIT[ch]
            cur = 0
        else:
            raise ValueError(s)
    return float(total + cur)


def cn_num(s):
    s = s.replace(",", "").replace("，", "")
    if "亿" in s:
        a, b = s.split("亿", 1)
        return cn_small(a) * 1e8 + (cn_num(b) if b else 0)
    if "万" in s:
        a, b = s.split("万", 1)
        return cn_small(a) * 1e4 + (cn_small(b) if b else 0)
    return cn_small(s)


NUM = r"[0-9.零〇一二两三四五六七八九十百千万亿]+"


def money(s):
    """'十五万' '5万' '5000' → yuan."""
    return cn_num(s)


def frac(s):
    """百分之一 / 千分之五 → rate."""
    m = re.fullmatch(r"(百|千)分之(" + NUM + ")", s)
    if not m:
        raise ValueError(s)
    return cn_num(m.group(2)) / (100 if m.group(1) == "百" else 1000)


def parse_fine(std):
    """The 裁量标准 → fine rule (kind range/fixed/rate/multiple/text)."""
    f = {"kind": "text"}
    if not std:
        return f
    # person range: 个人处 / 对个人处以
    pm = re.search(r"(?:对)?个人处(?:以)?(" + NUM + r")元?以上(" + NUM + r")元以下", std)
    if pm:
        f["person_min"], f["person_max"] = money(pm.group(1)), money(pm.group(2))
    else:
        pm = re.search(r"(?:对)?个人处(?:以)?(" + NUM + r")元罚款", std)
        if pm:
            f["person_min"] = f["person_max"] = money(pm.group(1))
    head = std[: pm.start()] if pm else std
    m = re.search(r"总投资额((?:百|千)分之" + NUM + r")以上((?:百|千)分之" + NUM + r")以下", head)
    if m:
        f.update(kind="rate", base="investment", min_rate=frac(m.group(1)), max_rate=frac(m.group(2)))
        return f
    m = re.search(r"总投资额((?:百|千)分之" + NUM + r")的罚款", head)
    if m:
        r = frac(m.group(1))
        f.update(kind="rate", base="investment", min_rate=r, max_rate=r)
        return f
    m = re.search(r"货值金额(" + NUM + r")倍(?:以上(" + NUM + r")倍以下)?", head)
    if m:
        lo = cn_num(m.group(1)); hi = cn_num(m.group(2)) if m.group(2) else lo
        f.update(kind="multiple", base="goods_value", min_times=lo, max_times=hi)
        return f
    m = re.search(r"直接(?:经济)?损失(" + NUM + r")倍", head)
    if m:
        v = cn_num(m.group(1))
        f.update(kind="multiple", base="direct_loss", min_times=v, max_times=v)
        return f
    m = re.search(r"直接(?:经济)?损失(?:的)?(?:([0-9]+)%|百分之(" + NUM + r"))", head)
    if m:
        v = (float(m.group(1)) if m.group(1) else cn_num(m.group(2))) / 100
        f.update(kind="rate", base="direct_loss", min_rate=v, max_rate=v)
        c = re.search(r"最高不超过(" + NUM + r")元", head)
        if c:
            f["cap"] = money(c.group(1))
        return f
    m = re.search(r"违法所得(" + NUM + r")倍(?:以上(" + NUM + r")倍以下)?", head)
    if m:
        lo = cn_num(m.group(1)); hi = cn_num(m.group(2)) if m.group(2) else lo
        f.update(kind="multiple", base="illegal_gains", min_times=lo, max_times=hi)
        return f
    m = re.search(r"处(?:以)?(?:处)?(" + NUM + r")元?以上(" + NUM + r")元以下", head)
    if m:
        f.update(kind="range", min=money(m.group(1)), max=money(m.group(2)))
        return f
    m = re.search(r"处(?:以)?(" + NUM + r")元以下", head)
    if m:
        f.update(kind="range", min=0.0, max=money(m.group(1)))
        return f
    m = re.search(r"处(?:以)?(" + NUM + r")元(?:的)?罚款", head)
    if m:
        v = money(m.group(1))
        f.update(kind="fixed", min=v, max=v)
        return f
    return f


# Conditions that are wholly machine-evaluable. Each pattern → (amount key, expr builder).
def between(key, lo, hi):
    # 以上 includes the number, 以下 excludes it (粤环发〔2021〕7号 第二十三条; same reading here)
    parts = []
    if lo is not None:
        parts.append(f"{key} >= {lo:g}")
    if hi is not None:
        parts.append(f"{key} < {hi:g}")
    return " && ".join(parts)


def wan(s, unit):
    v = cn_num(s)
    return v * 1e4 if unit == "万" else v


COND = [
    # 两年内第N次 / 两年内N次 / 两年内N次以上 / 两年内超过N次
    (r"两年内第(" + NUM + r")次(?:的)?", "offense_count_2y", lambda m: f"offense_count_2y == {cn_num(m.group(1)):g}"),
    (r"两年内(" + NUM + r")次(?:的)?", "offense_count_2y", lambda m: f"offense_count_2y == {cn_num(m.group(1)):g}"),
    (r"两年内(?:第)?(" + NUM + r")次以上(?:的)?", "offense_count_2y", lambda m: f"offense_count_2y >= {cn_num(m.group(1)):g}"),
    (r"两年内超过(" + NUM + r")次(?:以上)?(?:的)?", "offense_count_2y", lambda m: f"offense_count_2y > {cn_num(m.group(1)):g}"),
    (r"涉及面积([0-9.]+)平方米以下(?:的)?", "area_m2", lambda m: between("area_m2", None, float(m.group(1)))),
    (r"涉及面积([0-9.]+)平方米以上([0-9.]+)平方米以下(?:的)?", "area_m2", lambda m: between("area_m2", float(m.group(1)), float(m.group(2)))),
    (r"涉及面积([0-9.]+)平方米以上(?:的)?", "area_m2", lambda m: between("area_m2", float(m.group(1)), None)),
    (r"涉及危险废物([0-9.]+)吨以下(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", None, float(m.group(1)))),
    (r"涉及危险废物([0-9.]+)吨(?:以上|不足)([0-9.]+)吨(?:以下)?(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", float(m.group(1)), float(m.group(2)))),
    (r"涉及危险废物([0-9.]+)吨以上(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", float(m.group(1)), None)),
    (r"擅自转移危险废物([0-9.]+)吨以下(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", None, float(m.group(1)))),
    (r"擅自转移危险废物([0-9.]+)吨以上([0-9.]+)吨以下(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", float(m.group(1)), float(m.group(2)))),
    (r"擅自转移危险废物([0-9.]+)吨以上(?:的)?", "hazardous_waste_tons", lambda m: between("hazardous_waste_tons", float(m.group(1)), None)),
    (r"超标([0-9.]+)dB（A）以上([0-9.]+)dB（A）以下", "noise_excess_db", lambda m: between("noise_excess_db", float(m.group(1)), float(m.group(2)))),
    (r"超标([0-9.]+)dB（A）以上", "noise_excess_db", lambda m: between("noise_excess_db", float(m.group(1)), None)),
    (r"超标([0-9.]+)dB（A）以下", "noise_excess_db", lambda m: between("noise_excess_db", None, float(m.group(1)))),
    (r"违法所得不超过(" + NUM + r")(万)?元(?:的)?", "illegal_gains", lambda m: f"illegal_gains <= {wan(m.group(1), m.group(2)):g}"),
    (r"违法所得(" + NUM + r")(万)?元以上不超过(" + NUM + r")(万)?元(?:的)?", "illegal_gains", lambda m: f"illegal_gains >= {wan(m.group(1), m.group(2)):g} && illegal_gains <= {wan(m.group(3), m.group(4)):g}"),
    (r"违法所得超过(" + NUM + r")(万)?元(?:的)?", "illegal_gains", lambda m: f"illegal_gains > {wan(m.group(1), m.group(2)):g}"),
    (r"(?:常年)?存栏量在([0-9]+)头以上([0-9]+)头以下猪当量.*", "livestock_pig_equivalent", lambda m: between("livestock_pig_equivalent", float(m.group(1)), float(m.group(2)))),
    (r"(?:常年)?存栏量在([0-9]+)头以上猪当量.*", "livestock_pig_equivalent", lambda m: between("livestock_pig_equivalent", float(m.group(1)), None)),
    (r"擅自转移一般固体废物([0-9.]+)吨以下(?:的)?", "solid_waste_tons", lambda m: between("solid_waste_tons", None, float(m.group(1)))),
    (r"擅自转移一般固体废物([0-9.]+)吨以上([0-9.]+)吨以下(?:的)?", "solid_waste_tons", lambda m: between("solid_waste_tons", float(m.group(1)), float(m.group(2)))),
    (r"擅自转移一般固体废物([0-9.]+)吨以上(?:的)?", "solid_waste_tons", lambda m: between("solid_waste_tons", float(m.group(1)), None)),
]


def parse_cond(text):
    t = text.strip().rstrip("；;。")
    for pat, key, build in COND:
        m = re.fullmatch(pat, t)
        if m:
            return build(m), [key]
    return "", []


CIT = re.compile(r"《?((?:中华人民共和国)?[^《》\s：:]{2,40}?(?:法|条例|规定|办法))五?》(?:（(\d{4})年(修订|修正)）)?\s*(第[零一二三四五六七八九十百]+条)((?:第[一二三四五六七八九十]+款)?)((?:第（[一二三四五六七八九十]+）项)?)")


def cn_art(s):
    return int(cn_num(s))


def parse_basis(text):
    cits = []
    for m in CIT.finditer(text):
        law = m.group(1)
        if not law.startswith("中华人民共和国") and law.endswith("法") and "省" not in law and "市" not in law:
            law = "中华人民共和国" + law
        art = cn_art(m.group(4)[1:-1])
        para = cn_art(m.group(5)[1:-1]) if m.group(5) else 0
        item = cn_art(m.group(6)[2:-2]) if m.group(6) else 0
        version = (m.group(2) + "年" + m.group(3)) if m.group(2) else ""
        cit = f"《{law}》{m.group(4)}{m.group(5)}{m.group(6)}"
        cits.append({"citation": cit, "law": law, "version": version, "article": art, "paragraph": para, "item": item})
    # 第一款、第二款 → also the second paragraph
    return cits


SUPERSEDED = {
    ("中华人民共和国固体废物污染环境防治法", "2016年修订"): "所引《中华人民共和国固体废物污染环境防治法》（2016年修订）已被2020年修订版取代，条文序号与罚款幅度均已变化，须按现行条文重新核对。",
    ("中华人民共和国环境噪声污染防治法", "2018年修订"): "所引《中华人民共和国环境噪声污染防治法》（2018年修订）已被《中华人民共和国噪声污染防治法》（2021年）废止取代，须按现行法律重新核对。",
}
EXPIRED = "《江门市生态环境违法行为行政处罚自由裁量权裁量标准参照表（试行）》（江环〔2020〕10号）有效期至2023年2月28日，已经失效，仅作参考，不具约束力。"


def main():
    rows = [json.loads(l) for l in open(SRC, encoding="utf-8")]
    groups = collections.OrderedDict()
    for r in rows:
        groups.setdefault((r["sheet"], r["序号"]), []).append(r)
    entries = []
    evaluable = 0
    for (sheet, no), rs in groups.items():
        first = rs[0]
        cits = parse_basis(first["法律依据"])
        if not cits:
            # the header is a sub-clause; look in other rows of the same 序号
            for r in rs:
                cits = parse_basis(r["法律依据"])
                if cits:
                    break
        caveats = [EXPIRED]
        for c in cits:
            s = SUPERSEDED.get((c["law"], c["version"]))
            if s and s not in caveats:
                caveats.append(s)
        tiers = []
        for r in rs:
            expr, req = parse_cond(r["裁量情节"])
            if expr:
                evaluable += 1
            bases = parse_basis(r["法律依据"])
            tiers.append({
                "level": r["类别"],
                "condition": r["裁量情节"],
                "expr": expr,
                "requires": req,
                "standard": r["裁量标准"],
                "note": r["备注"],
                "fine": parse_fine(r["裁量标准"]),
                "daily": "按日连续处罚" in (r["裁量标准"] + r["备注"] + r["法律依据"]),
                "basis_text": r["法律依据"] if r["法律依据"] != first["法律依据"] else "",
                "basis_citations": [b["citation"] for b in bases] if r["法律依据"] != first["法律依据"] else [],
            })
        entries.append({
            "id": f"jiangmen-{no}",
            "model": "tiers",
            "source": "jiangmen",
            "no": no,
            "sheet": sheet,
            "violation": first["违法行为"],
            "basis_text": first["法律依据"],
            "citations": cits,
            "tiers": tiers,
            "caveats": caveats,
        })
    doc = {
        "name": "江门市生态环境违法行为行政处罚自由裁量权裁量标准参照表（试行）",
        "document": "江环〔2020〕10号",
        "valid_until": "2023-02-28",
        "source": "corpora/discretion/source/jiangmen_discretion_rows.jsonl (see corpora/discretion/jiangmen/SOURCES.md)",
        "rows": len(rows),
        "evaluable_rows": evaluable,
        "entries": entries,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(rows)} rows, {len(entries)} entries, {evaluable} machine-evaluable conditions, {len(rows)-evaluable} text-only", file=sys.stderr)
    nofine = sum(1 for e in entries for t in e["tiers"] if t["fine"]["kind"] == "text")
    nocit = sum(1 for e in entries if not e["citations"])
    print(f"{nofine} tiers with text-only fine, {nocit} entries without a parsed citation", file=sys.stderr)


if __name__ == "__main__":
    main()
