#!/usr/bin/env python3
"""Makes the multi-producer test PDFs: the corpus gold content typeset by
producers other than LibreOffice (and by LibreOffice with other layouts).

Every PDF holds exactly the content of one `../corpus/corpus-NNN.gold.json`
(masthead, intro, contents, articles with their labels, headline, dateline and
body blocks in order), laid out as the newsletter is; only the typesetting
differs. Output: `<producer>-<variant>-<NNN>.pdf` beside this script, where NNN
names the gold. README.md lists the files and what is special about each.

Run (from anywhere; takes a few minutes):

    python3 tests/data/producers/generate.py            # every file
    python3 tests/data/producers/generate.py typst lo   # only files whose name starts so

Needs (Debian 12): texlive-xetex texlive-lang-chinese texlive-lang-cjk
texlive-fonts-recommended lmodern pandoc chromium ghostscript poppler-utils
libreoffice-writer fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp
qpdf; Typst through the npm package
@myriaddreamin/typst-ts-node-compiler installed in a folder outside the
repository, named by $TYPST_NODE_MODULES (default /work/tools/typst/node_modules).
The LibreOffice variants edit the corpus DOCX files in ../../../../shared/corpus
($REISSUE_SHARED_CORPUS overrides). Python: standard library only.

Deterministic where the producer allows: SOURCE_DATE_EPOCH for XeTeX and
pandoc, a fixed timestamp for Typst; Chromium, Ghostscript and LibreOffice stamp
the time of the run (and Chromium's header prints the date of the run).
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
CORPUS = REPO / "tests/data/corpus"
SHARED_CORPUS = Path(os.environ.get("REISSUE_SHARED_CORPUS", REPO.parent / "shared/corpus"))
TYPST_MODULES = Path(os.environ.get("TYPST_NODE_MODULES", "/work/tools/typst/node_modules"))
EPOCH = "1750000000"  # 2025-06-15
NOTO_DIR = "/usr/share/fonts/opentype/noto"

CHINESE_DIGITS = "〇一二三四五六七八九"


def load_gold(number):
    return json.loads((CORPUS / f"corpus-{number}.gold.json").read_text(encoding="utf-8"))


def chinese_number(n):
    return "第" + "".join(CHINESE_DIGITS[int(d)] for d in str(n))


def date_text(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def items(gold):
    """The issue as (role, text) in reading order, with the labels and
    numbering the newsletter prints. Roles: series number publisher date
    label section toc_title toc_source art_label url headline dateline
    p heading caption byline."""
    m = gold["masthead"]
    out = []
    if "series" in m:
        out.append(("series", m["series"]))
    if "number" in m:
        out.append(("number", f"({chinese_number(m['number'])})"))
    out.append(("publisher", m["publisher"]))
    out.append(("date", date_text(m["date"])))
    out.append(("label", "本期导语："))
    out += [("p", p) for p in gold["intro"]]
    out.append(("section", "一、信息目录"))
    for entry in gold["contents"]:
        out.append(("toc_title", f"{entry['n']}.{entry['title']}"))
        out.append(("toc_source", f"（{entry['source']}）"))
    out.append(("section", "二、具体内容"))
    for a in gold["articles"]:
        out.append(("art_label", f"{a['n']}.标题：{a['title']}"))
        out.append(("art_label", f"来源：{a['source']}"))
        out.append(("art_label", "链接："))
        out.append(("url", a["url"]))
        out.append(("art_label", "主要内容："))
        out.append(("headline", a["headline"]))
        out.append(("dateline", f"{a['dateline']} 来源：{a['source']}"))
        out += list(zip(a["kinds"], a["blocks"]))
    return out


def furniture_text(gold):
    """What a running header repeats: the series title, or the publisher when
    the issue prints no series."""
    return gold["masthead"].get("series", gold["masthead"]["publisher"])


def run(cmd, **kw):
    kw.setdefault("check", True)
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.STDOUT)
    result = subprocess.run(cmd, **kw)
    return result.stdout.decode("utf-8", "replace") if result.stdout else ""


def env_with(**extra):
    env = dict(os.environ)
    env.update(extra)
    return env


def variant_files(producer, variants, selected):
    """(name, gold number, settings) of each selected file of a producer whose
    variants map a name to (gold numbers, settings)."""
    for variant, (issues, settings) in variants.items():
        for number in issues:
            name = f"{producer}-{variant}-{number}"
            if selected(name):
                yield name, number, settings


# ---------------------------------------------------------------- XeLaTeX ---

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
}


CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3000-\u303f\uff00-\uffef"
                 "\u2018-\u201d\u2014\u2026\u00b7]")
CJK_SPACE = re.compile(f"(?<={CJK.pattern}) (?={CJK.pattern})")


def keep_cjk_spaces(text, space):
    """xeCJK drops a space between two Chinese characters of the source (and
    one written `\\ ` next to CJK punctuation); `space` survives."""
    return CJK_SPACE.sub(lambda m: space, text)


def tex_escape(text):
    return keep_cjk_spaces("".join(LATEX_SPECIALS.get(c, c) for c in text), r"\hbox{}\ ")


def tex_body(gold, style):
    """LaTeX for the issue's items; `style` picks alignments and sizes."""
    date_align = r"\raggedleft" if style.get("date_right") else r"\centering"
    templates = {
        "series": r"{\centering\fontsize{22}{30}\selectfont\bfseries\color[HTML]{C00000} @\par}",
        "number": r"{\centering\large @\par}",
        "publisher": r"{\centering @\par}",
        "date": "{" + date_align + r" @\par}\bigskip",
        "label": r"\noindent\textbf{@}\par",
        "section": r"\medskip\noindent{\large\bfseries @}\par\smallskip",
        "toc_title": r"\noindent @\par", "toc_source": r"\noindent @\par", "art_label": r"\noindent @\par",
        "url": r"\noindent\url{@}\par",
        "headline": r"\smallskip{\centering\large\bfseries @\par}",
        "dateline": r"{\centering @\par}\smallskip",
        "p": r"@\par",
        "heading": r"\smallskip\noindent\textbf{@}\par\smallskip",
        "caption": r"{\centering\small @\par}\smallskip",
        "byline": r"{\raggedleft @\par}",
    }
    lines = []
    for role, text in items(gold):
        t = text.replace("%", r"\%").replace("#", r"\#") if role == "url" else tex_escape(text)
        lines.append(templates[role].replace("@", t))
    return "\n".join(lines)


XELATEX_VARIANTS = {
    # name: (issues, preamble settings)
    "serif": (["001", "002"], dict(
        zihao="-4", cjk="Noto Serif CJK SC", cjk_bold="Noto Serif CJK SC Bold", latin="Latin Modern Roman",
        margin="2.5cm", header=True, footer="center")),
    "kai": (["000", "003"], dict(
        zihao="5", cjk="AR PL KaitiM GB", cjk_bold=None, latin="Latin Modern Sans",
        margin="2cm", header=False, footer="right", date_right=True)),
}


def xelatex_document(gold, s):
    bold = f"[BoldFont={{{s['cjk_bold']}}}]" if s["cjk_bold"] else "[AutoFakeBold=2.5]"
    head = [
        rf"\documentclass[UTF8,zihao={s['zihao']},fontset=none]{{ctexart}}",
        rf"\usepackage[a4paper,margin={s['margin']}]{{geometry}}",
        rf"\setCJKmainfont{{{s['cjk']}}}{bold}",
        rf"\setmainfont{{{s['latin']}}}",
        r"\usepackage{xcolor}", r"\usepackage{xurl}", r"\urlstyle{same}",
        r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
        r"\setlength{\parindent}{2em}",
    ]
    if s["header"]:
        head.append(r"\fancyhead[C]{\small " + tex_escape(furniture_text(gold)) + "}")
        head.append(r"\renewcommand{\headrulewidth}{0.4pt}")
    else:
        head.append(r"\renewcommand{\headrulewidth}{0pt}")
    head.append(r"\fancyfoot[" + ("C" if s["footer"] == "center" else "R") + r"]{\thepage}")
    return "\n".join(head) + "\n\\begin{document}\n" + tex_body(gold, s) + "\n\\end{document}\n"


def make_xelatex(work, out_dir, selected):
    for name, number, settings in variant_files("xelatex", XELATEX_VARIANTS, selected):
        src = work / f"{name}.tex"
        src.write_text(xelatex_document(load_gold(number), settings), encoding="utf-8")
        run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", src.name], cwd=work,
            env=env_with(SOURCE_DATE_EPOCH=EPOCH, FORCE_SOURCE_DATE="1"))
        shutil.copy(work / f"{name}.pdf", out_dir / f"{name}.pdf")
        yield name


# ----------------------------------------------------------------- pandoc ---

MD_ESCAPE = set("\\`*_{}[]()#+-.!|<>~^$\"'&@:;%=/?,")


def md_escape(text):
    return keep_cjk_spaces("".join("\\" + c if c in MD_ESCAPE else c for c in text), r"\hbox{}\ ")


def markdown_document(gold):
    """Markdown with raw LaTeX for what markdown cannot centre."""
    out = []

    def centred(inner):
        out.append(r"\begin{center}" + inner + r"\end{center}")

    for role, text in items(gold):
        t = tex_escape(text)
        if role == "series":
            centred(r"{\LARGE\bfseries " + t + "}")
        elif role in ("number", "publisher"):
            centred(t)
        elif role == "date":
            centred(t)
        elif role in ("label",):
            out.append("**" + md_escape(text) + "**")
        elif role == "section":
            out.append("## " + md_escape(text))
        elif role == "url":
            out.append("<" + text + ">")
        elif role == "headline":
            centred(r"{\large\bfseries " + t + "}")
        elif role == "dateline" or role == "caption":
            centred(t if role == "dateline" else r"{\small " + t + "}")
        elif role == "heading":
            out.append("### " + md_escape(text))
        elif role == "byline":
            out.append(r"\begin{flushright}" + t + r"\end{flushright}")
        else:  # p, toc_title, toc_source, art_label
            out.append(md_escape(text))
    return "\n\n".join(out) + "\n"


PANDOC_VARIANTS = {
    "sans": (["000", "001"], ["-V", "CJKmainfont=Noto Sans CJK SC", "-V", "mainfont=Latin Modern Sans",
                              "-V", "fontsize=11pt", "-V", "geometry:margin=2cm", "-V", "indent"]),
    # AR PL SungtiL GB lacks some characters of issue 002 (韡): a PDF cannot
    # hold what its font cannot print, so this variant sets issues it covers.
    "song": (["000", "003"], ["-V", "CJKmainfont=AR PL SungtiL GB", "-V", "CJKoptions=AutoFakeBold=2",
                              "-V", "fontsize=12pt", "-V", "geometry:top=3cm,bottom=3cm,left=3.2cm,right=3.2cm",
                              "-V", "linestretch=1.3", "--include-in-header=HEADER"]),
}


def make_pandoc(work, out_dir, selected):
    for name, number, options in variant_files("pandoc", PANDOC_VARIANTS, selected):
        gold = load_gold(number)
        (work / f"{name}.md").write_text(markdown_document(gold), encoding="utf-8")
        header = work / f"{name}-header.tex"
        header.write_text("\n".join([
            r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
            r"\fancyhead[L]{\small " + tex_escape(furniture_text(gold)) + "}",
            r"\fancyhead[R]{\small " + tex_escape(date_text(gold["masthead"]["date"])) + "}",
            r"\fancyfoot[C]{第 \thepage{} 页}"]) + "\n", encoding="utf-8")
        opts = [f"--include-in-header={header}" if o == "--include-in-header=HEADER" else o for o in options]
        run(["pandoc", "-f", "markdown-smart-auto_identifiers", f"{name}.md", "-o", f"{name}.pdf",
             "--pdf-engine=xelatex", *opts], cwd=work, env=env_with(SOURCE_DATE_EPOCH=EPOCH, FORCE_SOURCE_DATE="1"))
        shutil.copy(work / f"{name}.pdf", out_dir / f"{name}.pdf")
        yield name


# ------------------------------------------------------------------ Typst ---

def typst_string(text):
    return json.dumps(text, ensure_ascii=False)


TYPST_VARIANTS = {
    "serif": (["001", "003"], dict(font="Noto Serif CJK SC", size="11pt", margin="(x: 2.4cm, y: 2.2cm)",
                                   date_align="right", header=True)),
    "sans": (["000", "002"], dict(font="Noto Sans CJK SC", size="10.5pt", margin="(x: 1.8cm, y: 2cm)",
                                  date_align="center", header=False)),
}


def typst_document(gold, s):
    header = "none"
    if s["header"]:
        header = ("[#set text(size: 9pt); #" + typst_string(furniture_text(gold)) +
                  " #h(1fr) #context counter(page).display() #v(-6pt) #line(length: 100%, stroke: 0.4pt)]")
    out = [
        "#set document(date: none)",
        f"#set page(paper: \"a4\", margin: {s['margin']}, header: {header}, "
        "footer: context align(center, text(size: 9pt, counter(page).display(\"- 1 -\"))))",
        f"#set text(font: (\"{s['font']}\",), size: {s['size']}, lang: \"zh\", region: \"cn\")",
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), spacing: 0.65em, leading: 0.7em)",
        "#let plain(t) = par(first-line-indent: 0em, t)",
    ]
    templates = {
        "series": '#align(center, text(size: 22pt, weight: "bold", fill: rgb("#C00000"), {t}))',
        "number": "#align(center, plain({t}))",
        "publisher": "#align(center, plain({t}))",
        "date": f"#align({s['date_align']}, plain({{t}}))\n#v(8pt)",
        "label": f'#plain(text(weight: "bold", size: {s["size"]}, {{t}}))',
        "section": '#plain(text(weight: "bold", size: 13pt, {t}))',
        "toc_title": "#plain({t})", "toc_source": "#plain({t})", "art_label": "#plain({t})",
        "url": "#plain(link({s}))",
        "headline": '#align(center, plain(text(size: 13pt, weight: "bold", {t})))',
        "dateline": "#align(center, plain({t}))",
        "p": "#par({t})",
        "heading": "#v(4pt)\n#plain(strong({t}))",
        "caption": "#align(center, plain(text(size: 9.5pt, {t})))",
        "byline": "#align(right, plain({t}))",
    }
    for role, text in items(gold):
        out.append(templates[role].format(t="[#" + typst_string(text) + "]", s=typst_string(text)))
    return "\n".join(out) + "\n"


TYPST_SCRIPT = """
const { NodeCompiler } = require(process.argv[2] + '/@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const compiler = NodeCompiler.create({ workspace: process.argv[3], fontArgs: [{ fontPaths: [process.argv[4]] }] });
const pdf = compiler.pdf({ mainFilePath: process.argv[5] }, { creationTimestamp: Number(process.argv[7]) });
fs.writeFileSync(process.argv[6], pdf);
"""


def make_typst(work, out_dir, selected):
    script = work / "typst.js"
    script.write_text(TYPST_SCRIPT, encoding="utf-8")
    for name, number, settings in variant_files("typst", TYPST_VARIANTS, selected):
        src = work / f"{name}.typ"
        src.write_text(typst_document(load_gold(number), settings), encoding="utf-8")
        run(["node", str(script), str(TYPST_MODULES), str(work), NOTO_DIR, str(src),
             str(out_dir / f"{name}.pdf"), EPOCH])
        yield name


# --------------------------------------------------------------- Chromium ---

CHROMIUM_VARIANTS = {
    # the default print header/footer: date, title, file URL, page numbers
    "hf": (["001", "000"], dict(font="Noto Sans CJK SC", size="10.5pt", margin="1.6cm 1.8cm", header_footer=True,
                                date_align="center")),
    "plain": (["002", "003"], dict(font="Noto Sans CJK SC", size="12pt", margin="2.2cm 2.5cm", header_footer=False,
                                   date_align="right")),
}


def html_document(gold, s):
    css = f"""
@page {{ size: A4; margin: {s['margin']}; }}
body {{ font-family: "{s['font']}"; font-size: {s['size']}; line-height: 1.5; margin: 0; }}
p {{ margin: 0; text-align: justify; }}
.p {{ text-indent: 2em; }}
.series {{ text-align: center; font-size: 22pt; font-weight: bold; color: #C00000; }}
.number, .publisher, .headline, .dateline, .caption {{ text-align: center; }}
.date {{ text-align: {s['date_align']}; margin-bottom: 1em; }}
.label, .section, .heading {{ font-weight: bold; }}
.section {{ font-size: 14pt; margin-top: 0.6em; }}
.headline {{ font-size: 14pt; font-weight: bold; margin-top: 0.4em; }}
.heading {{ margin-top: 0.3em; }}
.caption {{ font-size: 10.5pt; }}
.byline {{ text-align: right; }}
.url {{ word-break: break-all; }}
"""
    body = []
    for role, text in items(gold):
        t = html.escape(text)
        if role == "url":
            t = f'<a href="{html.escape(text)}">{t}</a>'
        body.append(f'<p class="{role}">{t}</p>')
    title = html.escape(furniture_text(gold))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def make_chromium(work, out_dir, selected):
    for name, number, settings in variant_files("chromium", CHROMIUM_VARIANTS, selected):
        src = work / f"{name}.html"
        src.write_text(html_document(load_gold(number), settings), encoding="utf-8")
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work}/chromium",
               f"--print-to-pdf={out_dir / (name + '.pdf')}"]
        if not settings["header_footer"]:
            cmd.append("--no-pdf-header-footer")
        run(cmd + [src.as_uri()])
        # Chromium writes every object apart at a low compression level:
        # object streams and level 9 halve the file, content unchanged.
        run(["qpdf", "--recompress-flate", "--compression-level=9", "--object-streams=generate",
             "--replace-input", str(out_dir / f"{name}.pdf")])
        yield name


# --------------------------------------------- rewrites of the corpus PDFs ---

# (output name, tool, input): the LibreOffice corpus PDFs (simple Type 1C
# fonts) and one XeLaTeX file (CID fonts), which Ghostscript 10.0 rewrites with
# a few characters mapped to the wrong Unicode.
REWRITES = [
    ("cairo-rewrite-000", "cairo", CORPUS / "corpus-000.pdf"),
    ("cairo-rewrite-001", "cairo", CORPUS / "corpus-001.pdf"),
    ("gs-rewrite-001", "gs", CORPUS / "corpus-001.pdf"),
    ("gs-rewrite-002", "gs", CORPUS / "corpus-002.pdf"),
    ("gs-xelatex-002", "gs", HERE / "xelatex-serif-002.pdf"),
    ("ps2pdf-rewrite-001", "ps2pdf", CORPUS / "corpus-001.pdf"),
    ("ps2pdf-rewrite-003", "ps2pdf", CORPUS / "corpus-003.pdf"),
]


def make_rewrites(work, out_dir, selected):
    for name, tool, src in REWRITES:
        if not selected(name):
            continue
        out = out_dir / f"{name}.pdf"
        if tool == "cairo":
            run(["pdftocairo", "-pdf", str(src), str(out)])
        elif tool == "gs":
            run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", str(src)])
        else:
            ps = work / f"{name}.ps"
            run(["pdftops", str(src), str(ps)])
            run(["ps2pdf", str(ps), str(out)])
        yield name


# ------------------------------------------- LibreOffice, edited corpus DOCX ---

LO_VARIANTS = {
    # fonts, sizes (half points: body, headline, series), page margins (twips),
    # header text, masthead date alignment, footer page number
    "sans": (["000", "002"], dict(font="Noto Sans CJK SC", body=21, headline=26, series=36,
                                  margins=(1134, 1134, 1134, 1134), header=True, date_jc="right", footer=True)),
    "kai": (["001", "003"], dict(font="AR PL KaitiM GB", body=22, headline=30, series=40,
                                 margins=(1701, 1588, 1701, 1588), header=True, date_jc="center", footer=False)),
    # 1.5 line spacing, 6 pt after every paragraph, ragged right, the header on
    # every page but the first, `第 N 页` at the foot
    "airy": (["000", "003"], dict(font="Noto Serif CJK SC", body=24, headline=28, series=44,
                                  margins=(1440, 1440, 1440, 1440), header=True, date_jc="right", footer=True,
                                  line=360, after=120, body_jc="left", footer_text="第 {} 页", first_plain=True)),
    # 10 pt, narrow margins, single spacing, no header, page number only
    "tight": (["001", "002"], dict(font="Noto Sans CJK SC", body=20, headline=26, series=36,
                                   margins=(851, 851, 851, 851), header=False, date_jc="left", footer=True)),
}

RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TYPE = RELS_NS + "/header"
FOOTER_TYPE = RELS_NS + "/footer"
WML_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_part(kind, inner):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {WML_NS}>'
            f"{inner}</w:{kind}>")


def docx_run(text, font, size, field=False):
    props = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>'
             f'<w:sz w:val="{size}"/></w:rPr>')
    if field and text:  # "第 {} 页": the page number field inside text
        before, after = text.split("{}")
        return docx_run(before, font, size) + docx_run("", font, size, field=True) + docx_run(after, font, size)
    if field:
        return (f"<w:r>{props}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{props}<w:instrText> PAGE </w:instrText></w:r>"
                f"<w:r>{props}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{props}<w:t>1</w:t></w:r>"
                f"<w:r>{props}<w:fldChar w:fldCharType=\"end\"/></w:r>")
    return f'<w:r>{props}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def edit_docx(src, dst, gold, s):
    with zipfile.ZipFile(src) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    doc = re.sub(r'w:(ascii|hAnsi|eastAsia|cs)="Noto Serif CJK SC"', lambda m: f'w:{m.group(1)}="{s["font"]}"', doc)
    sizes = {"24": s["body"], "28": s["headline"], "44": s["series"], "22": s["body"] - 2}
    doc = re.sub(r'<w:sz(Cs)? w:val="(\d+)"/>',
                 lambda m: f'<w:sz{m.group(1) or ""} w:val="{sizes.get(m.group(2), m.group(2))}"/>', doc)
    # the masthead date: the paragraph holding the printed date
    date = date_text(gold["masthead"]["date"])
    doc = re.sub(r'(<w:p>(?:(?!</w:p>).)*?)<w:jc w:val="center"/>((?:(?!</w:p>).)*?<w:t>' + re.escape(date) + "</w:t>)",
                 lambda m: m.group(1) + f'<w:jc w:val="{s["date_jc"]}"/>' + m.group(2), doc, count=1, flags=re.S)
    if "line" in s or "after" in s:
        def spacing(m):
            after = int(m.group(2))
            if after == 0:
                after = s.get("after", 0)
            return f'<w:spacing w:before="{m.group(1)}" w:after="{after}" w:line="{s.get("line", 240)}" w:lineRule="auto"/>'
        doc = re.sub(r'<w:spacing w:before="(\d+)" w:after="(\d+)" w:line="240" w:lineRule="auto"/>', spacing, doc)
    if s.get("body_jc"):
        doc = doc.replace('<w:jc w:val="both"/>', f'<w:jc w:val="{s["body_jc"]}"/>')
    top, right, bottom, left = s["margins"]
    doc = re.sub(r'<w:pgMar [^>]*/>', f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" '
                 f'w:left="{left}" w:header="567" w:footer="567" w:gutter="0"/>', doc)
    refs = ""
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    if s["header"]:
        parts["word/header1.xml"] = docx_part("hdr", '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" '
                                              'w:color="auto"/></w:pBdr><w:jc w:val="center"/></w:pPr>' +
                                              docx_run(furniture_text(gold), s["font"], 18) + "</w:p>").encode()
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdHdr1" Type="{HEADER_TYPE}" Target="header1.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/header1.xml" ContentType="{wml}.header+xml"/></Types>')
        refs += '<w:headerReference w:type="default" r:id="rIdHdr1"/>'
    if s["footer"]:
        parts["word/footer1.xml"] = docx_part("ftr", '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' +
                                              docx_run(s.get("footer_text", ""), s["font"], 18, field=True) +
                                              "</w:p>").encode()
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdFtr1" Type="{FOOTER_TYPE}" Target="footer1.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/footer1.xml" ContentType="{wml}.footer+xml"/></Types>')
        refs += '<w:footerReference w:type="default" r:id="rIdFtr1"/>'
    if s.get("first_plain"):
        refs += "<w:titlePg/>"
    doc = re.sub(r"(<w:sectPr[^>]*>)", lambda m: m.group(1) + refs, doc, count=1)
    if 'xmlns:r=' not in doc[:2000]:
        doc = doc.replace("<w:document ", f'<w:document xmlns:r="{RELS_NS}" ', 1)
    parts["word/document.xml"] = doc.encode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    parts["[Content_Types].xml"] = types.encode("utf-8")
    parts.pop("docProps/thumbnail.jpeg", None)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def make_libreoffice(work, out_dir, selected):
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        for name, number, settings in variant_files("lo", LO_VARIANTS, selected):
            docx = work / f"{name}.docx"
            edit_docx(SHARED_CORPUS / f"corpus-{number}.docx", docx, load_gold(number), settings)
            run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work), str(docx)])
            shutil.copy(work / f"{name}.pdf", out_dir / f"{name}.pdf")
            yield name
    finally:
        shutil.rmtree(profile, ignore_errors=True)


PRODUCERS = [make_xelatex, make_pandoc, make_typst, make_chromium, make_rewrites, make_libreoffice]


def main(argv):
    prefixes = argv[1:]

    def selected(name):
        return not prefixes or any(name.startswith(p) for p in prefixes)

    # a fixed folder: Chromium's footer prints the HTML file's URL
    work = Path(tempfile.gettempdir()) / "reissue-producers"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        for make in PRODUCERS:
            for name in make(work, HERE, selected):
                size = (HERE / f"{name}.pdf").stat().st_size
                print(f"{name}.pdf {size // 1024} KB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
