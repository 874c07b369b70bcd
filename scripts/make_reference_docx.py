"""Write seven_features/render/reference.docx: the styles a brief in Word is drawn with.

pandoc takes styles, page size and margins, and the footer from a "reference" Word
file. This script starts from pandoc's own default (so every style pandoc uses is
there) and changes what a two-page briefing for a director needs: plain sans-serif
text, compact spacing, left-aligned title and subtitle, clear headings, quotations
set in from the left with a rule, small footnotes, a heading's first paragraph kept
with what follows, A4 with 2 cm side margins (1.5 cm top, 1.7 cm bottom), and "Page N
of M" in the footer. Run it again after upgrading pandoc:

    python scripts/make_reference_docx.py [PANDOC]

The result is committed; sevenf never runs this.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "seven_features" / "render" / "reference.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial" />'
BLUE = "1D70B8"
GREY = "505A5F"


def style(kind: str, sid: str, name: str, based: str | None, ppr: str, rpr: str) -> str:
    basis = f'<w:basedOn w:val="{based}" />' if based else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}" />{basis}'
        f"<w:qFormat /><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def heading(level: int, size: int, colour: str, before: int) -> str:
    return style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        "Normal",
        f'<w:keepNext /><w:keepLines /><w:spacing w:before="{before}" w:after="60" />'
        f'<w:outlineLvl w:val="{level - 1}" />',
        f'{FONT}<w:b /><w:color w:val="{colour}" /><w:sz w:val="{size}" />'
        f'<w:szCs w:val="{size}" />',
    )


STYLES = {
    "Normal": style(
        "paragraph",
        "Normal",
        "Normal",
        None,
        "",
        f'{FONT}<w:sz w:val="21" /><w:szCs w:val="21" /><w:lang w:val="en-GB" />',
    ).replace('w:styleId="Normal"', 'w:default="1" w:styleId="Normal"'),
    "BodyText": style(
        "paragraph", "BodyText", "Body Text", "Normal", '<w:spacing w:after="100" />', ""
    ),
    # pandoc's style for the first paragraph after a heading or a list: there, it is most
    # often sevenf's note on the heading ("Table 1 prints: ..."), which belongs with what
    # follows, so it keeps with the next paragraph as the headings do.
    "FirstParagraph": style(
        "paragraph", "FirstParagraph", "First Paragraph", "BodyText", "<w:keepNext />", ""
    ),
    "Compact": style(
        "paragraph", "Compact", "Compact", "BodyText", '<w:spacing w:before="0" w:after="40" />', ""
    ),
    "Title": style(
        "paragraph",
        "Title",
        "Title",
        "Normal",
        '<w:spacing w:before="0" w:after="60" />',
        f'{FONT}<w:b /><w:color w:val="0B0C0C" /><w:sz w:val="40" /><w:szCs w:val="40" />',
    ),
    "Subtitle": style(
        "paragraph",
        "Subtitle",
        "Subtitle",
        "Normal",
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="{BLUE}" /></w:pBdr>'
        '<w:spacing w:before="0" w:after="200" />',
        f'<w:color w:val="{GREY}" /><w:sz w:val="22" /><w:szCs w:val="22" />',
    ),
    "Heading1": heading(1, 30, "0B0C0C", 240),
    "Heading2": heading(2, 26, BLUE, 200),
    "Heading3": heading(3, 22, "0B0C0C", 120),
    "BlockText": style(
        "paragraph",
        "BlockText",
        "Block Text",
        "BodyText",
        f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{GREY}" /></w:pBdr>'
        '<w:spacing w:before="60" w:after="60" /><w:ind w:left="360" w:right="240" />',
        '<w:color w:val="0B0C0C" />',
    ),
    "FootnoteText": style(
        "paragraph",
        "FootnoteText",
        "Footnote Text",
        "Normal",
        '<w:spacing w:before="0" w:after="20" />',
        '<w:sz w:val="16" /><w:szCs w:val="16" />',
    ),
}
SMALL = f'<w:rPr><w:color w:val="{GREY}" /><w:sz w:val="16" /></w:rPr>'


def _run(text: str) -> str:
    return f'<w:r>{SMALL}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(name: str) -> str:
    return f'<w:fldSimple w:instr=" {name} ">{_run("1")}</w:fldSimple>'


FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W}" '
    f'xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
    f"{_run('Page ')}{_field('PAGE')}{_run(' of ')}{_field('NUMPAGES')}</w:p></w:ftr>"
)
# A4; 2 cm at the sides, 1.5 cm at the top and 1.7 cm at the bottom (what lets one feature and
# one outcome of a short brief fit on two pages), the footer 0.8 cm from the edge.
SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdSevenfFooter" />'
    '<w:pgSz w:w="11906" w:h="16838" />'
    '<w:pgMar w:top="851" w:right="1134" w:bottom="964" w:left="1134" w:header="454" '
    'w:footer="454" w:gutter="0" /></w:sectPr>'
)


def restyle(styles: str) -> str:
    for sid, xml in STYLES.items():
        pattern = re.compile(rf'<w:style [^>]*w:styleId="{sid}".*?</w:style>', re.S)
        styles, count = pattern.subn(xml.replace("\\", "\\\\"), styles, count=1)
        if count != 1:
            raise SystemExit(f"pandoc's reference.docx has no style {sid}")
    return styles


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so the same pandoc gives the same bytes."""
    entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def main() -> None:
    pandoc = sys.argv[1] if len(sys.argv) > 1 else shutil.which("pandoc")
    if not pandoc:
        raise SystemExit("no pandoc: pip install pypandoc_binary, or give its path")
    default = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(default)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename).decode("utf-8")
            if info.filename == "word/styles.xml":
                data = restyle(data)
            elif info.filename == "word/document.xml":
                data = re.sub(r"<w:sectPr.*?</w:sectPr>", "", data, flags=re.S)
                data = data.replace("</w:body>", f"{SECTION}</w:body>")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rIdSevenfFooter" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footer" Target="footer1.xml" />'
                    "</Relationships>",
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/word/footer1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" /></Types>',
                )
            target.writestr(_entry(info.filename), data)
        target.writestr(_entry("word/footer1.xml"), FOOTER)
    TARGET.write_bytes(out.getvalue())
    print(TARGET)


if __name__ == "__main__":
    main()
