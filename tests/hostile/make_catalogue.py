"""Write the catalogue of hostile and broken inputs in this directory (``python make_catalogue.py``).

Each file is small; big inputs (1 MB abstracts, 10-million-character lines) are generated
by the tests at run time. What each file should give is in ``tests/test_reliability.py``.
"""

import codecs
import json
from pathlib import Path

HERE = Path(__file__).parent


def _dump(row):
    if isinstance(row, str):
        return row
    text = json.dumps(row, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates can only be written as \u escapes
        text = json.dumps(row)
    return text


def jsonl(rows):
    return "".join(_dump(row) + "\n" for row in rows).encode("utf-8")


FILES = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t\r\n   \n",
    "binary.txt": bytes(range(256)) * 4,
    "paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "archive.jsonl": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(40),
    "latin1.txt": "Caf\u00e9 Nets: A Method\nWe propose Caf\u00e9Net. It works on ImageNet.\n".encode("cp1252"),
    "bad_utf8_line.jsonl": (
        b'{"id": "v1", "title": "Good One", "abstract": "We use BERT."}\n'
        b'{"id": "v2", "title": "Bad \xff\xfe byte", "abstract": "x"}\n'
        b'{"id": "v3", "title": "Good Two", "abstract": "We use ResNet-50."}\n'
    ),
    "utf16_bom_crlf.txt": (
        "Omega Nets: Greek \u03a9\u03bc\u03ad\u03b3\u03b1\r\n"
        "We propose OmegaNet and test it on the CIFAR-10 dataset.\r\n"
    ).encode("utf-16"),
    "utf16_no_bom.txt": "Title\nAn abstract that was saved as UTF-16 without a mark.\n".encode("utf-16-le"),
    "utf32_bom.jsonl": codecs.BOM_UTF32_LE
    + (json.dumps({"id": "w1", "title": "Wide Text", "abstract": "Stored as UTF-32."}) + "\n").encode("utf-32-le"),
    "utf8_bom_crlf.csv": (
        b"\xef\xbb\xbftitle,abstract,id\r\n"
        b'"Commas, Quotes ""and"" Lines","First line\r\nsecond line, with a comma. We use BERT.",k1\r\n'
        b"Plain,We evaluate on the ImageNet benchmark.,k2\r\n"
    ),
    "cr_only.txt": b"Old Mac Line Ends\rWe propose MacNet for line ends.\rSecond Title Here\r"
    b"Another abstract. It has sentences.\r",
    "malformed.jsonl": jsonl([
        {"id": "m1", "title": "Fine", "abstract": "We use BERT."},
        '{"id": "m2", "title": "Broken", "abstract": ',
        {"id": "m3", "title": "Also Fine", "abstract": "We use GPT-2."},
    ]),
    "array.json": (json.dumps([{"title": "In An Array", "abstract": "Not JSON Lines."}], indent=2) + "\n").encode(),
    "not_objects.jsonl": jsonl([
        '"a string"',
        "[1, 2]",
        "42",
        "null",
        {"title": ["not", "a", "string"], "abstract": "x"},
        {"title": "T", "abstract": 7},
        {"id": {"nested": 1}, "title": "T", "abstract": "A"},
    ]),
    "no_abstract_column.csv": b"title,body\nA Title,Some body text.\n",
    "short_row.csv": b"title,abstract,id\nGood Row,We use BERT.,s1\nBroken Row,An abstract with a raw\nline break,s2\n",
    "missing_fields.jsonl": jsonl([
        {"id": "f1", "title": "Only A Title: Listing Entry"},
        {"id": "f2", "abstract": "Only an abstract. We use the ImageNet dataset."},
        {"id": "f3"},
        {"id": "f4", "title": "   ", "abstract": " \t "},
        {"id": "f5", "title": None, "abstract": None},
        {"id": "f6", "title": "\u0000\u0001", "abstract": "\u007f"},
    ]),
    "control_chars.jsonl": jsonl([
        {"id": "c1", "title": "Nul\u0000Bell\u0007Esc\u001b[31mRed\u001b[0m Net",
         "abstract": "We use BERT\u0000 and \u0085next\u2028line\u2029para. Vertical\u000btab\u000cform."},
        {"id": "c2", "title": "Lone \ud800 surrogate \udfff and \ufffe\uffff nonchars",
         "abstract": "We propose SurroNet \udc80 on the CIFAR-10 dataset."},
        {"id": "c3\u0000\n\u001b", "title": "Control \u0008 in id", "abstract": "x", "date": "2024\u0000-01-02",
         "authors": "A\u0001B, C\u001bD", "url": "https://example.org/\u0000x"},
    ]),
    "html_js.jsonl": jsonl([
        {"id": "h1", "title": "<script>alert('title')</script>Net",
         "abstract": "We propose <script>alert(1)</script>Net (SN) on the <img src=x onerror=alert(2)> dataset."},
        {"id": "h2", "title": "</script><script>alert(3)</script>",
         "abstract": "We use </script><svg onload=alert(4)> and BERT. <!-- <script> -->"},
        {"id": "h3", "title": "\"><img src=x onerror=alert(5)>",
         "abstract": "We evaluate on the \"><iframe src=javascript:alert(6)> benchmark in terms of accuracy.",
         "url": "javascript:alert(7)"},
        {"id": "h4", "title": "{{7*7}} ${7*7} <%= 7*7 %> ]]> &amp; &lt;b&gt;",
         "abstract": "Template {{ config }} and CDATA ]]> and entities &#60;script&#62;. We propose X-Net."},
        {"id": "h5", "title": "U+2028\u2028Line Sep\u2029Title",
         "abstract": "We propose LSNet.\u2028 It is evaluated on ImageNet.\u2029"},
        {"id": "h6", "title": "Turtle \"\"\" ''' \\ escapes > <http://evil/> .",
         "abstract": "We propose Q\"Net\"\"\" with a backslash \\ and <angle> @prefix x: <y> ."},
        {"id": "h7", "title": "<ScriptNet>: Tags As Names",
         "abstract": "We propose <ScriptNet> and <img/src/onerror=alert(8)>Net on the <b>COCO</b> dataset."},
    ]),
    "unicode.jsonl": jsonl([
        {"id": "u1", "title": "\u03a9\u03bc\u03ad\u03b3\u03b1-Net: \u0391\u03bd\u03ac\u03bb\u03c5\u03c3\u03b7",
         "abstract": "We propose \u03a9\u03bc\u03ad\u03b3\u03b1-Net and evaluate on the \u0395\u039b\u039b\u0391\u03a3 dataset."},
        {"id": "u2", "title": "\u2211 \u222b \u221a \u2264 \u2200\u03b5>0 \u2203\u03b4: Bounds for \u2113\u2082 Nets",
         "abstract": "We prove \u2016x\u2016\u2082 \u2264 \u221an and use the MNIST dataset. \U0001d4d7\U0001d4ea\U0001d4fd."},
        {"id": "u3", "title": "Emoji \U0001f680\U0001f916 Nets \U0001f468\u200d\U0001f469\u200d\U0001f467",
         "abstract": "We propose RocketNet \U0001f680 on the ImageNet benchmark \U0001f60a."},
        {"id": "u4", "title": "\u0646\u0645\u0648\u0630\u062c \u0644\u063a\u0648\u064a \u05e2\u05d1\u05e8\u05d9\u05ea",
         "abstract": "\u0646\u0642\u062a\u0631\u062d \u0646\u0645\u0648\u0630\u062c BERT \u0639\u0644\u0649 SQuAD."},
        {"id": "u5", "title": "Bidi \u202eevil\u202c override \u2066isolate\u2069 and zero\u200bwidth",
         "abstract": "We propose \u202eteNlivE\u202c on the CIFAR-10 dataset."},
        {"id": "u6", "title": "\u6df1\u5ea6\u5b66\u4e60 CJK \ud55c\uad6d\uc5b4 \u65e5\u672c\u8a9e",
         "abstract": "Combining marks: e\u0301 a\u0308 \u0915\u094d\u0937 and fullwidth \uff22\uff25\uff32\uff34."},
    ]),
    "duplicate_ids.jsonl": jsonl([
        {"id": "d1", "title": "Same Paper Twice", "abstract": "We use BERT."},
        {"id": "d1", "title": "same paper, twice!", "abstract": "We use BERT."},
        {"id": "d2", "title": "First Content", "abstract": "We use BERT."},
        {"id": "d2", "title": "Different Content", "abstract": "We use GPT-2."},
        {"id": "d3", "title": "Same Title", "abstract": "First abstract."},
        {"id": "d3", "title": "Same Title", "abstract": "Second abstract."},
        {"id": "2101.00001", "title": "ArXiv Version One", "abstract": "We use BERT."},
        {"id": "2101.00001v2", "title": "ArXiv Version Two Renamed", "abstract": "We use BERT again."},
    ]),
    "paragraph_title.txt": (
        "A Proper Title\nA real abstract. It has sentences. Three of them. And a fourth.\n"
        + ("This line is prose that goes on and on. " * 20).strip()
        + "\nAnother abstract line that follows the paragraph.\n"
    ).encode(),
    "chrome_only.txt": b"new\nSubscribe\nGet trending papers in your email inbox!\nMar 18\n",
    "bad_url.jsonl": jsonl([
        {"id": "b1", "title": "Script Link", "abstract": "A.", "url": "javascript:alert(1)"},
        {"id": "b2", "title": "Spaced Link", "abstract": "B.", "url": "https://ex ample.org/<x>"},
        {"id": "b3", "title": "Good Link", "abstract": "C.", "url": "https://example.org/a?b=c#d"},
    ]),
}


def main():
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
