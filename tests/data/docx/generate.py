#!/usr/bin/python3
"""Makes the DOCX test set: the corpus gold content (../corpus/corpus-NNN.gold.json)
drafted in Word the ways editors do, for `reissue extract ISSUE.docx`.

Every file holds exactly the content of one gold issue, with the labels and
numbering the newsletter prints (the `items` of ../producers/generate.py);
only the Word drafting differs. Output `<variant>-NNN.docx` beside this script
(tests/extract/docx_test.cpp scores each against its gold):

  headings  Word's built-in styles: Title masthead, Heading 1 section labels,
            Heading 2 article labels, Heading 3 sub-headings; body text indented
            by the style (first line 2 characters), Microsoft YaHei 10.5 pt.
  direct    Normal style only; bold, sizes and centring as direct formatting on
            runs split the way Word splits them (rsid runs, East Asian hints);
            SimSun 12 pt, space after paragraphs, typed numbers.
  autonum   automatic numbering (numbering.xml): 一、 section labels
            (chineseCounting), 1. contents entries and article labels (decimal).
  noise     Word noise: bookmarks, empty paragraphs, manual line breaks (the
            masthead's publisher and date, 来源 and 链接 share a paragraph),
            soft hyphens in long Latin words, full-width spaces as indents,
            hyperlinks (w:hyperlink and a HYPERLINK field), a table holding the
            masthead, figures (PNG) above their captions.
  word      the corpus DOCX the corpus PDFs were typeset from (copied from
            ../../../../shared/corpus, $REISSUE_SHARED_CORPUS).

Needs Debian's python3-docx (setup.sh installs it with the test tools); run with
/usr/bin/python3. Deterministic: fixed ZIP timestamps and core properties.

    /usr/bin/python3 tests/data/docx/generate.py
"""

import importlib.util
import io
import os
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Cm

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
SHARED_CORPUS = Path(os.environ.get("REISSUE_SHARED_CORPUS", REPO.parent / "shared/corpus"))
ISSUES = ["000", "001", "002", "003"]

_spec = importlib.util.spec_from_file_location("producers", HERE.parent / "producers/generate.py")
producers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(producers)


def png(width, height, shade):
    """A small grey PNG (standard library only)."""
    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def east_asian_font(rpr, east_asian, latin=None):
    """rFonts with the Chinese font in w:eastAsia (python-docx sets only the Latin one)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    if latin:
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
    return fonts


def set_fonts(run, east_asian, latin=None):
    east_asian_font(run._element.get_or_add_rPr(), east_asian, latin).set(qn("w:hint"), "eastAsia")


def style_fonts(style, east_asian, latin, size, bold=None, color=None):
    style.font.name = latin
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color:
        style.font.color.rgb = RGBColor.from_string(color)
    east_asian_font(style.element.get_or_add_rPr(), east_asian)


def word_runs(paragraph, text, pieces=1):
    """The text as Word saves it after editing: several runs."""
    if pieces <= 1 or len(text) < 8:
        return [paragraph.add_run(text)]
    step = max(1, len(text) // pieces)
    cuts = list(range(0, len(text), step)) + [len(text)]
    return [paragraph.add_run(text[a:b]) for a, b in zip(cuts, cuts[1:]) if a < b]


def add_hyperlink(paragraph, url):
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = url
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_field_link(paragraph, url):
    """A HYPERLINK field: begin, instruction, separate, result, end."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    def char(kind):
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        run_with(c)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f' HYPERLINK "{url}" '
    run_with(instr)
    char("separate")
    t = OxmlElement("w:t")
    t.text = url
    run_with(t)
    char("end")


def add_bookmark(paragraph, number, name):
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


LATIN_WORD = re.compile(r"[A-Za-z]{8,}")


def add_soft_hyphenated(paragraph, text):
    """Runs with a w:softHyphen in the middle of each long Latin word."""
    at = 0
    for m in LATIN_WORD.finditer(text):
        middle = m.start() + len(m.group()) // 2
        paragraph.add_run(text[at:middle])
        r = OxmlElement("w:r")
        r.append(OxmlElement("w:softHyphen"))
        paragraph._p.append(r)
        at = middle
    paragraph.add_run(text[at:])


def add_numbering(document, fmt, text, start=1):
    """A list definition of its own; returns its numId."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids + [0]) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", str(start)), ("w:numFmt", fmt), ("w:suff", "nothing"), ("w:lvlText", text),
                       ("w:lvlJc", "left")):
        e = OxmlElement(tag)
        e.set(qn("w:val"), value)
        lvl.append(e)
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(num_ids + [0]) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    a = OxmlElement("w:abstractNumId")
    a.set(qn("w:val"), str(abstract_id))
    num.append(a)
    numbering.append(num)
    return num_id


def number_paragraph(paragraph, num_id):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", str(num_id))):
        e = OxmlElement(tag)
        e.set(qn("w:val"), value)
        numpr.append(e)
    ppr.append(numpr)


NUMBERED = re.compile(r"^(\d+)\.(.*)$", re.S)
SECTION = re.compile(r"^[一二三四五六七八九十]+、(.*)$", re.S)


# ------------------------------------------------------------------ variants


def headings(gold, document):
    styles = document.styles
    style_fonts(styles["Normal"], "微软雅黑", "Calibri", 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    style_fonts(styles["Title"], "微软雅黑", "Calibri", 20, True, "C00000")
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 10.5)):
        style_fonts(styles[name], "微软雅黑", "Calibri", size, True, "000000")
    body = styles.add_style("Issue Body", 1)
    body.base_style = styles["Normal"]
    body.paragraph_format.first_line_indent = Pt(21)
    centred = styles.add_style("Centred", 1)
    centred.base_style = styles["Normal"]
    centred.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    role_style = {"series": "Title", "number": "Centred", "publisher": "Centred", "date": "Centred",
                  "label": "Heading 1", "section": "Heading 1", "art_label": "Normal", "url": "Normal",
                  "toc_title": "Normal", "toc_source": "Normal", "headline": "Heading 2",
                  "dateline": "Centred", "p": "Issue Body", "heading": "Heading 3", "caption": "Centred",
                  "byline": "Normal"}
    for role, text in producers.items(gold):
        if role == "caption":
            document.add_picture(io.BytesIO(png(60, 40, 120)), width=Cm(4))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = document.add_paragraph(style=role_style[role])
        if role == "art_label" and text.endswith("标题：") is False and NUMBERED.match(text):
            p.style = styles["Heading 2"]
        if role == "byline":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        word_runs(p, text)


def direct(gold, document):
    normal = document.styles["Normal"]
    style_fonts(normal, "宋体", "Times New Roman", 12)
    normal.paragraph_format.space_after = Pt(6)
    sizes = {"series": 22, "number": 14, "section": 14, "headline": 14, "label": 14, "caption": 10.5}
    bold = {"series", "section", "headline", "label", "heading"}
    centre = {"series", "number", "publisher", "date", "headline", "dateline", "caption"}
    for role, text in producers.items(gold):
        p = document.add_paragraph()
        if role in centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role == "p":
            p.paragraph_format.first_line_indent = Pt(24)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif role == "byline":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in word_runs(p, text, pieces=3):
            set_fonts(run, "宋体", "Times New Roman")
            if role in sizes:
                run.font.size = Pt(sizes[role])
            if role in bold:
                run.bold = True
            if role == "series":
                run.font.color.rgb = RGBColor(0xC0, 0, 0)


def autonum(gold, document):
    style_fonts(document.styles["Normal"], "仿宋", "Arial", 12)
    sections = add_numbering(document, "chineseCounting", "%1、")
    contents = add_numbering(document, "decimal", "%1.")
    articles = add_numbering(document, "decimal", "%1.")
    for role, text in producers.items(gold):
        p = document.add_paragraph()
        if role == "section" and SECTION.match(text):
            number_paragraph(p, sections)
            text = SECTION.match(text).group(1)
            p.add_run(text).bold = True
            continue
        m = NUMBERED.match(text)
        if role in ("toc_title", "art_label") and m:
            number_paragraph(p, contents if role == "toc_title" else articles)
            text = m.group(2)
        if role in ("series", "number", "publisher", "date", "headline", "dateline"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if role == "p":
            p.paragraph_format.first_line_indent = Pt(24)
        run = p.add_run(text)
        run.bold = role in ("series", "label", "headline", "heading")
        if role == "series":
            run.font.size = Pt(22)


def noise(gold, document):
    style_fonts(document.styles["Normal"], "宋体", "Times New Roman", 12)
    rows = [(r, t) for r, t in producers.items(gold)]
    bookmark = 0
    urls = 0
    # The masthead in a one-column table, as many templates have it.
    masthead = [t for r, t in rows if r in ("series", "number")]
    rows = [(r, t) for r, t in rows if r not in ("series", "number")]
    if masthead:
        table = document.add_table(rows=len(masthead), cols=1)
        for cell_row, text in zip(table.rows, masthead):
            cell_p = cell_row.cells[0].paragraphs[0]
            cell_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell_p.add_run(text).bold = True
    i = 0
    while i < len(rows):
        role, text = rows[i]
        if role == "caption":
            document.add_picture(io.BytesIO(png(48, 32, 90)), width=Cm(3))
        p = document.add_paragraph()
        if role in ("publisher", "date", "dateline", "headline"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Two lines in one paragraph, broken by hand.
        if role == "publisher" and i + 1 < len(rows) and rows[i + 1][0] == "date":
            p.add_run(text).add_break()
            p.add_run(rows[i + 1][1])
            i += 2
            continue
        if role == "art_label" and text.startswith("来源：") and rows[i + 1][1] == "链接：":
            p.add_run(text).add_break(WD_BREAK.LINE)
            p.add_run("链接：")
            i += 2
            continue
        if role == "url":
            (add_hyperlink if urls % 2 == 0 else add_field_link)(p, text)
            urls += 1
        elif role == "p":
            # Indented with two full-width spaces, as typed.
            add_soft_hyphenated(p, "\u3000\u3000" + text)
        else:
            run = p.add_run(text)
            run.bold = role in ("label", "section", "headline", "heading")
        if role in ("art_label", "headline") and NUMBERED.match(text):
            bookmark += 1
            add_bookmark(p, bookmark, f"_Toc{100000 + bookmark}")
        if role in ("section", "headline", "dateline") or (role == "p" and i % 5 == 0):
            document.add_paragraph()  # an empty paragraph for space
        i += 1


VARIANTS = {"headings": headings, "direct": direct, "autonum": autonum, "noise": noise}

FIXED_TIME = (2025, 6, 15, 0, 0, 0)


def deterministic(data):
    """The package again with fixed timestamps, entries in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def make(variant, number):
    gold = producers.load_gold(number)
    document = Document()
    core = document.core_properties
    core.author = "editor"
    core.last_modified_by = "editor"
    import datetime
    core.created = core.modified = datetime.datetime(2025, 6, 15)
    core.revision = 1
    VARIANTS[variant](gold, document)
    buffer = io.BytesIO()
    document.save(buffer)
    (HERE / f"{variant}-{number}.docx").write_bytes(deterministic(buffer.getvalue()))


def main():
    for variant in VARIANTS:
        for number in ISSUES:
            make(variant, number)
    for number in ISSUES:
        shutil.copy(SHARED_CORPUS / f"corpus-{number}.docx", HERE / f"word-{number}.docx")


if __name__ == "__main__":
    main()
