"""Chinese labels: translations of units and of the report's words, and a CJK font
for matplotlib (without one, Chinese text renders as empty boxes).

`use_lang("zh")` finds an installed font with Chinese glyphs (fonts-wqy-microhei,
installed by scripts/install-deps.sh, or Noto Sans CJK, WenQuanYi Zen Hei, ...)
through matplotlib.font_manager and appends it to matplotlib's font.family, so
that Latin text keeps its font (sans-serif: DejaVu Sans) and every Chinese glyph
falls back to the CJK font (matplotlib >= 3.6 falls back glyph by glyph along
font.family). With no such font it warns
once and changes nothing. The plots of plots.py and govsim-report call it whenever
lang="zh".
"""
import functools
import warnings

# Preferred CJK fonts (family names as matplotlib reads them), smallest package first.
CJK_FAMILIES = ["WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans CJK JP",
                "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Droid Sans Fallback",
                "AR PL UMing CN", "AR PL UKai CN", "SimHei", "Microsoft YaHei"]
PROBE = "群众满意度化解"

UNITS_ZH = {
    "cadres per village": "名干部/村",
    "cases": "件",
    "communities": "个社区",
    "households per worker": "户/网格员",
    "hours": "小时",
    "hours per household per month": "小时/户/月",
    "incidents": "起",
    "index 0-1": "指数 0-1",
    "m2 per 100 households": "平方米/百户",
    "months": "月",
    "organisations per 10,000 residents": "个组织/万人",
    "per 1,000 compound households per year": "/千户小区住户/年",
    "per 1,000 residents per year": "/千人/年",
    "per 10,000 residents": "/万人",
    "per 10,000 residents per year": "/万人/年",
    "per resident per year": "/人/年",
    "persons": "人",
    "persons per household": "人/户",
    "ratio": "比值",
    "share of communities": "社区占比",
    "staff": "人",
    "requests": "件诉求",
    "secretaries": "名书记",
    "service points": "个服务点",
    "share": "占比",
    "share above county pay": "高于县平均工资的比例",
    "share of adults": "成年人占比",
    "share of compounds": "小区占比",
    "share of hours": "工时占比",
    "share of residents": "居民占比",
    "share of rural households": "农村住户占比",
    "share of villages": "村占比",
    "share per month": "每月占比",
    "shocks": "次冲击",
    "tasks": "项任务",
    "townships": "个乡镇",
    "units": "个村(社区)",
    "villages": "个村",
    "workers": "名网格员",
    "working days": "个工作日",
    "yuan": "元",
    "yuan per month": "元/月",
    "yuan per resident": "元/人",
    "yuan per resident per year": "元/人/年",
    "yuan per village per year": "元/村/年",
    "households": "户",
    "multiplier": "倍数",
    "dimensionless": "无量纲",
    "probability per month": "每月概率",
    "score 1-5": "分(1-5)",
    "per 100,000 residents per year": "/十万人/年",
}

# The words of govsim-report and of the plots.
TEXT_ZH = {
    "Headline indicators": "主要指标",
    "Over time": "随时间变化",
    "The resolution ladder": "矛盾纠纷化解层级",
    "Villages and communities": "村(社区)",
    "Document targets": "文件目标",
    "Design": "实验设计",
    "Runs": "各次运行",
    "Outcome against each factor": "结果与各因素",
    "Sobol indices": "Sobol 敏感性指数",
    "Morris screening": "Morris 筛选",
    "Scenario discovery (PRIM)": "情景发现 (PRIM)",
    "Provenance": "来源信息",
    "Box": "区域",
    "Warning": "警告",
    "indicator": "指标",
    "units": "单位",
    "factor": "因素",
    "parameter": "参数",
    "kind": "类型",
    "low": "下限",
    "high": "上限",
    "unit": "单位",
    "restricted": "受限",
    "median": "中位数",
    "baseline": "基线",
    "first order": "一阶",
    "total": "总效应",
    "Means over the months of each year and the replicates: the first year, the milestones the file reaches "
    "and its last full year.":
        "各年各月及各重复运行的均值:首年、文件所达到的里程碑年份及最后一个完整年份。",
    "Median over replicates, bands 5-95% and 25-75%.": "各重复运行的中位数,阴影为 5-95% 与 25-75% 区间。",
    "One cell per village/community, one block per township; blank: merged away.":
        "每格一个村(社区),每块一个乡镇;空白:已撤并。",
}


def t(s, lang):
    """`s` in the language (unchanged in English, or where there is no translation)."""
    return TEXT_ZH.get(s, s) if lang == "zh" else s


def unit(u, lang):
    """A unit string in the language (the English unit where there is no translation)."""
    return UNITS_ZH.get(u, u) if lang == "zh" and u else u


def label(ds, var, lang="en", with_units=True):
    """Like io.label, with the units translated for lang="zh"."""
    a = ds[var].attrs
    name = a.get("long_name_zh" if lang == "zh" else "long_name", var) or var
    u = unit(a.get("units_label") or a.get("units", ""), lang)  # the readable unit, not the UDUNITS one
    return f"{name} ({u})" if with_units and u else name


def _has_cjk(path):
    from matplotlib import ft2font
    try:
        cmap = ft2font.FT2Font(path).get_charmap()
    except (OSError, RuntimeError):
        return False
    return all(ord(ch) in cmap for ch in PROBE)


@functools.lru_cache(maxsize=1)
def cjk_font():
    """The family name of an installed font with Chinese glyphs, or None. Looks in
    matplotlib's font list first, then among the system's font files that list does
    not know (a font installed after matplotlib built its cache), adding the one it finds."""
    from matplotlib import font_manager, ft2font
    fonts = {}
    for f in font_manager.fontManager.ttflist:
        fonts.setdefault(f.name, f.fname)
    names = [n for n in CJK_FAMILIES if n in fonts] + sorted(n for n in fonts if n not in CJK_FAMILIES)
    for name in names:
        if _has_cjk(fonts[name]):
            return name
    known = set(fonts.values())
    for path in sorted(font_manager.findSystemFonts()):
        if path not in known and _has_cjk(path):
            font_manager.fontManager.addfont(path)
            return font_manager.ttfFontProperty(ft2font.FT2Font(path)).name
    return None


@functools.lru_cache(maxsize=1)
def _warn_no_font():
    warnings.warn("no font with Chinese glyphs is installed: Chinese labels will render as empty boxes "
                  "(apt-get install fonts-wqy-microhei; scripts/install-deps.sh installs it)", stacklevel=3)


def use_lang(lang):
    """For lang="zh", make matplotlib fall back to a CJK font for Chinese glyphs (the CJK
    font appended to rcParams["font.family"]); returns the font's name (None if none)."""
    if lang != "zh":
        return None
    import matplotlib
    name = cjk_font()
    if name is None:
        _warn_no_font()
        return None
    # matplotlib falls back glyph by glyph along font.family (not within the sans-serif list)
    family = [f for f in matplotlib.rcParams["font.family"] if f != name] or ["sans-serif"]
    matplotlib.rcParams["font.family"] = family + [name]
    return name


def apply_font(artist, lang):
    """For lang="zh", give every text of a figure or axes made before use_lang (e.g. an
    axes passed in) the font.family with the CJK fallback: a text keeps the family it
    was created with."""
    if lang != "zh" or cjk_font() is None:
        return artist
    import matplotlib
    from matplotlib.text import Text
    family = list(matplotlib.rcParams["font.family"])
    for text in artist.findobj(Text):
        text.set_fontfamily(family)
    return artist
