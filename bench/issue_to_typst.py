#!/usr/bin/env python3
"""An issue XML as a Typst document set like styles/default.xml (A4, 25 mm
margins, Noto Serif CJK SC 12 pt at leading 1.6, 2 em indent, sans headings),
for bench/typeset_vs_typst.sh. Figures are left out (captions kept)."""
import sys
import xml.etree.ElementTree as ET

NS = "{urn:reissue:issue:1}"


def text_of(node):
    return "".join(node.itertext()).strip() if node is not None else ""


def escape(text):
    return "".join("\\" + c if c in "\\#$*_`@<>[]~=-+/" else c for c in text)


def main():
    root = ET.parse(sys.argv[1]).getroot()
    out = [
        '#set page(paper: "a4", margin: 25mm, footer: context align(center, text(size: 9pt)['
        '第 #counter(page).display() 页 共 #counter(page).final().first() 页]))',
        '#set text(font: ("Noto Serif CJK SC"), size: 12pt, lang: "zh", region: "cn")',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.6em, spacing: 0.6em)",
        '#let sans(body) = text(font: "Noto Sans CJK SC", weight: "bold", body)',
    ]
    masthead = root.find(NS + "masthead")
    if masthead is not None:
        out.append('#align(center)[#text(size: 26pt, fill: rgb("#C00000"), weight: "bold")['
                   + escape(text_of(masthead.find(NS + "series"))) + "]]")
        for part in ("number", "publisher", "date"):
            value = text_of(masthead.find(NS + part))
            if value:
                out.append("#align(center)[" + escape(("（%s）" if part == "number" else "%s") % value) + "]")
        out.append('#line(length: 100%, stroke: 1.5pt + rgb("#C00000"))')
    intro = root.find(NS + "intro")
    if intro is not None:
        out.append("#sans[本期导语：]\n")
        for p in intro.iter(NS + "p"):
            out.append(escape(text_of(p)) + "\n")
    out.append("#sans[一、信息目录]\n")
    articles = root.findall(NS + "article")
    for n, article in enumerate(articles, 1):
        out.append("#block[%d.%s]" % (n, escape(text_of(article.find(NS + "title")))))
    out.append("#sans[二、具体内容]\n")
    for n, article in enumerate(articles, 1):
        out.append("#block[*%d.标题：%s*]" % (n, escape(text_of(article.find(NS + "title")))))
        for label, tag in (("来源：", "source"), ("链接：", "link")):
            node = article.find(NS + tag)
            if node is not None:
                value = node.get("href") or text_of(node)
                out.append("#block[%s%s]" % (label, escape(value)))
        out.append("#block[主要内容：]")
        body = article.find(NS + "body")
        headline = text_of(article.find(".//" + NS + "headline")) or text_of(article.find(NS + "title"))
        out.append("#align(center)[#sans[#text(size: 14pt)[%s]]]" % escape(headline))
        dateline = article.find(".//" + NS + "dateline")
        if dateline is not None:
            out.append("#align(center)[%s 来源：%s]" % (dateline.get("when", ""), escape(text_of(dateline))))
        for block in (body if body is not None else []):
            tag = block.tag.replace(NS, "")
            if tag in ("headline", "dateline"):
                continue
            if tag == "p":
                out.append(escape(text_of(block)) + "\n")
            elif tag == "heading":
                out.append("#sans[%s]\n" % escape(text_of(block)))
            elif tag == "figure":
                out.append("#align(center)[#text(size: 10.5pt)[%s]]" % escape(text_of(block)))
            else:
                out.append(escape(text_of(block)) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
