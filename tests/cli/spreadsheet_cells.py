"""Prints, as JSON, the cells of each file named on the command line, read the
way a spreadsheet user's tools read them (tests/cli/csv_spreadsheet.test.mjs):

  FILE.csv  Python's csv module (encoding utf-8-sig, newline=''): a list of rows,
            each a list of strings, plus "bom": whether the file starts with one.
  FILE.ods  the first sheet of LibreOffice's converted file (content.xml): a
            list of rows, each a list of {type, value, text, formula} — type is
            office:value-type ("string", "float", "date", ...), value the
            office:value or office:date-value, text the shown text (paragraphs
            joined by newlines), formula table:formula when the cell has one.

Output: {"FILE": {...}, ...}.
"""
import csv
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def read_csv(path):
    with open(path, "rb") as f:
        bom = f.read(3) == b"\xef\xbb\xbf"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {"bom": bom, "rows": [row for row in csv.reader(f, strict=True)]}


def cell_of(el):
    text = "\n".join("".join(p.itertext()) for p in el.findall("text:p", NS))
    return {
        "type": el.get(q("office", "value-type")),
        "value": el.get(q("office", "value")) or el.get(q("office", "date-value")),
        "text": text,
        "formula": el.get(q("table", "formula")),
    }


def read_ods(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    sheet = root.find(".//table:table", NS)
    rows = []
    for row in sheet.findall("table:table-row", NS):
        cells = []
        for el in row:
            if el.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            repeat = int(el.get(q("table", "number-columns-repeated"), "1"))
            cells.extend([cell_of(el)] * min(repeat, 64))
        while cells and cells[-1]["type"] is None and cells[-1]["text"] == "":
            cells.pop()
        rows.append(cells)
    return {"rows": rows}


out = {}
for path in sys.argv[1:]:
    out[path] = read_ods(path) if path.endswith(".ods") else read_csv(path)
json.dump(out, sys.stdout, ensure_ascii=False)
