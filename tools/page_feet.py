#!/usr/bin/env python3
"""How far each page's text ends above the foot of the text area, in body lines.

Usage: page_feet.py STYLE.xml FILE.pdf...

Reads the text lines of each page with `mutool draw -F stext` (MuPDF: each
character's baseline and size) and the text area and body leading from the
style sheet (reissue centres a line's em box in its line box), and
prints one row per page: the page, how many body lines are left empty at its
foot (the last page is marked: it may end anywhere) and the page's last line.
Exit status 1 when a page other than the last ends more than --limit lines
short (default 2), so scripts can use it as a check.
"""
import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"s": "urn:reissue:style:1", "h": "http://www.w3.org/1999/xhtml"}


def length(text):
    value = float(re.match(r"[\d.]+", text).group())
    return value * 72 / 25.4 if text.endswith("mm") else value


def style_geometry(path):
    root = ET.parse(path).getroot()
    page = root.find("s:page", NS)
    body = next(r for r in root.findall("s:role", NS) if r.get("name") == "body")
    size = length(body.get("size"))
    return (length(page.get("height")), length(page.get("bottom")), size, float(body.get("leading")))


def page_lines(pdf):
    """Each page's lines as (baseline, size, text), from MuPDF's structured text."""
    try:
        stext = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf],
                               check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"page_feet.py: cannot read {pdf} with mutool (mupdf-tools): {error}")
    for page in ET.fromstring(stext).iter("page"):
        lines = []
        for line in page.iter("line"):
            size, chars = 0.0, []
            for node in line.iter():
                if node.tag == "font":
                    size = max(size, float(node.get("size")))
                elif node.tag == "char":
                    chars.append((float(node.get("y")), node.get("c")))
            if chars:
                lines.append((max(y for y, _ in chars), size, "".join(c for _, c in chars)))
        yield lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("style")
    parser.add_argument("pdfs", nargs="+")
    parser.add_argument("--limit", type=float, default=2)
    args = parser.parse_args()
    height, bottom_margin, size, leading = style_geometry(args.style)
    line = size * leading
    text_bottom = height - bottom_margin
    worst = 0.0
    for pdf in args.pdfs:
        pages = list(page_lines(pdf))
        for number, lines in enumerate(pages, 1):
            body = [entry for entry in lines if entry[0] < text_bottom]  # not the footer
            if not body:
                continue
            last = max(body, key=lambda entry: entry[0])
            baseline, font_size = last[0], last[1] or size
            # The em box (0.88 above the baseline, 0.12 below) centred in a body line.
            box_bottom = baseline + 0.12 * font_size + (font_size * leading - font_size) / 2
            short = (text_bottom - box_bottom) / line
            final = number == len(pages)
            if not final:
                worst = max(worst, short)
            print(f"{pdf}\tp{number}{' (last)' if final else ''}\t{short:5.2f}\t{last[2][:40]}")
    print(f"worst page foot (not counting last pages): {worst:.2f} lines")
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
