"""Word documents (.docx, .docm): the visible text in reading order, and the
review residue Word keeps live (comments, tracked changes, hidden text,
highlighter marks).

A Word file is a ZIP package of XML parts (ECMA-376, WordprocessingML).
The document's text, as tqa sees it, is its visible paragraphs in reading
order joined by line breaks: the body (paragraphs, headings, lists, table
cells row by row, text boxes after the paragraph that anchors them), then
the footnotes and the endnotes in the order they are referenced. So a
finding's line is the paragraph's number in reading order (1-based) and
its column the code point in that paragraph's visible text, as the report
contract says. Every paragraph is a line, empty ones too, so the numbers
are those a reader counts in Word; list numbers and bullets Word draws
itself are not text.

What is not visible (a tracked deletion, text moved away, hidden text)
is not in the text: it becomes a ``ReviewMark`` of no width where it
stands, with its words; comments, insertions, moves, formatting changes
and highlights become marks over the text they cover. The reviewer rules
report them; the text rules read only the visible text.

Nothing in the package runs: macros (``.docm``) are never read, only the
XML parts named here, each parsed without DTDs, entities or network, and
the package is refused when it holds too many parts or expands too far
(a ZIP bomb). The reader's ``read`` (text, for ``check_text`` and the
rules' documented examples) takes Word's flat XML: a Flat OPC package
(``pkg:package``, Word's "XML Document") or a bare ``w:document`` part.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from lxml import etree

from ..model import Article, Document, ReviewMark, Segment, SourceText
from .base import InputError
from .splitting import SplitSettings, bounded, split

FORMAT = "docx"
SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

MAX_PARTS = 10_000  # entries of a package; Word writes a few dozen
MAX_PART_BYTES = 128 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # the parts read, uncompressed
_INFLATE_CHUNK = 1 << 20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or an encrypted .docx
_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
)
_REL_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def _message(path: str, data: bytes) -> str | None:
    """Why ``data`` is not a Word package, in one line; None when it may be."""
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted (password-protected) Word document: tqa cannot read it; save a copy without a password"
        return "legacy binary Word document (.doc) or other OLE file, not .docx: save it as .docx to check it"
    if data.lstrip()[:5] == b"{\\rtf":
        return "RTF document, not .docx: save it as .docx to check it"
    if not data.startswith((_ZIP, _EMPTY_ZIP)):
        return "not a Word document (.docx is a ZIP package; this file is not one)"
    return None


def is_word_package(data: bytes) -> bool:
    """Do these bytes look like a Word package (or a file Word users save
    under a Word name: a .doc, an encrypted .docx)? Content decides, not
    the file's name."""
    if data.startswith(_OLE):
        return True
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {name.lower() for name in package.namelist()[:MAX_PARTS]}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return False
    return "word/document.xml" in names or (
        "[content_types].xml" in names and any(n.startswith("word/") for n in names)
    )


class _Package:
    """The XML parts of a package, by name (case-insensitive, as OPC says)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def xml(self, name: str) -> Any:
        """The root element of the part ``name`` (no leading slash), or None."""
        raise NotImplementedError

    def parse(self, name: str, data: bytes) -> Any:
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(self.path, f"damaged Word document: {name} is not well-formed XML ({exc})") from None
        if root.getroottree().docinfo.doctype:
            raise InputError(self.path, f"Word part {name} declares a DTD, which Word never writes; not read")
        return root


class _ZipPackage(_Package):
    def __init__(self, path: str, data: bytes) -> None:
        super().__init__(path)
        reason = _message(path, data)
        if reason:
            raise InputError(path, reason)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise InputError(path, f"damaged Word document (corrupt ZIP: {exc})") from None
        if len(infos) > MAX_PARTS:
            raise InputError(path, f"Word package of {len(infos)} parts (limit {MAX_PARTS}); not read")
        self.infos = {info.filename.lower(): info for info in infos}
        self.read_bytes = 0

    def xml(self, name: str) -> Any:
        info = self.infos.get(name.lower())
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise InputError(self.path, f"Word part {name} is encrypted; not read")
        left = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self.read_bytes)
        if info.file_size > left:
            raise InputError(self.path, _bomb(name))
        # The sizes a ZIP states may lie, so what a part expands to is counted
        # as it is inflated, a chunk at a time: zipfile inflates up to the
        # size asked for before it cuts at the stated size, so one big read
        # would expand a lying part in memory before refusing it.
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_INFLATE_CHUNK):
                    size += len(chunk)
                    if size > left:
                        raise InputError(self.path, _bomb(name))
                    chunks.append(chunk)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(self.path, f"damaged Word document: {name} cannot be unpacked ({exc})") from None
        self.read_bytes += size
        return self.parse(name, b"".join(chunks))


def _bomb(name: str) -> str:
    return (
        f"Word part {name} expands past the limit ({MAX_PART_BYTES // (1024 * 1024)} MiB a part, "
        f"{MAX_TOTAL_BYTES // (1024 * 1024)} MiB in all): a ZIP bomb?; not read"
    )


class _FlatPackage(_Package):
    """Word's flat XML: a Flat OPC ``pkg:package`` or a bare document part."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path)
        root = self.parse("the document", text.lstrip("\ufeff").encode("utf-8", "surrogatepass"))
        self.parts: dict[str, Any] = {}
        if root.tag == f"{{{_PKG}}}package":
            for part in root.iterchildren(f"{{{_PKG}}}part"):
                data = part.find(f"{{{_PKG}}}xmlData")
                if data is not None and len(data):
                    name = (part.get(f"{{{_PKG}}}name") or "").lstrip("/").lower()
                    self.parts[name] = data[0]
        elif root.tag in (f"{{{_W}}}document", f"{{{_W_STRICT}}}document"):
            self.parts["word/document.xml"] = root
        else:
            raise InputError(path, "not Word XML (neither a Flat OPC package nor a w:document)")

    def xml(self, name: str) -> Any:
        return self.parts.get(name.lower())


def _relationships(package: _Package, part: str) -> dict[str, str]:
    """Relationship type (its last word: "officeDocument", "comments"…) ->
    the part it names, for the relationships of ``part`` ("" for the
    package's own)."""
    folder, base = posixpath.split(part)
    rels = package.xml(posixpath.join(folder, "_rels", base + ".rels"))
    found: dict[str, str] = {}
    if rels is None:
        return found
    for rel in rels.iterchildren(f"{{{_RELS}}}Relationship"):
        kind, target = rel.get("Type") or "", rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        if kind == _REL_EXTENDED:
            kind = "commentsExtended"
        elif kind.startswith(_REL_TYPES):
            kind = kind.rsplit("/", 1)[1]
        else:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(kind, name)
    return found


@dataclass
class _Comment:
    author: str
    date: str
    text: str
    para: str  # w14:paraId of its last paragraph (commentsExtended refers to it)


@dataclass
class _Styles:
    """What the document's styles say: heading levels (0: Title) and
    hidden character formatting, by style id."""

    level: dict[str, int] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)


class _Tags:
    """Tag names in the namespace the document uses (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        for name in (
            "p r t tab ptab br cr noBreakHyphen sym delText ins moveFrom moveTo hyperlink smartTag customXml "
            "fldSimple sdt sdtContent dir bdo commentRangeStart commentRangeEnd commentReference footnoteReference "
            "endnoteReference pPr rPr pStyle rStyle outlineLvl vanish highlight shd fill rPrChange pPrChange tbl tr tc "
            "tblPr trPr tcPr tblPrChange trPrChange tcPrChange txbxContent body id author date val type "
            "footnote endnote comment char"
        ).split():
            attribute = name.replace("Change", "_change") if name.endswith("Change") else name
            setattr(self, attribute, f"{{{ns}}}{name}")
        self.del_ = f"{{{ns}}}del"
        self.ns = ns

    if TYPE_CHECKING:  # the names set above

        def __getattr__(self, name: str) -> str: ...


_TRUE_OFF = ("0", "false", "off")

# Word's highlighter colours (ECMA-376 ST_HighlightColor) by the RGB of their
# solid fill. LibreOffice writes its highlighting as a run's shading (w:shd,
# unless "export as highlighting" is set), so a run shaded solid in one of
# these colours reads as that highlight; other shading is layout, not a note.
# Black is left out: a black fill is a style (white on black), not a marker.
_HIGHLIGHT_FILLS = {
    "FFFF00": "yellow",
    "00FF00": "green",
    "00FFFF": "cyan",
    "FF00FF": "magenta",
    "0000FF": "blue",
    "FF0000": "red",
    "000080": "darkBlue",
    "008080": "darkCyan",
    "008000": "darkGreen",
    "800080": "darkMagenta",
    "800000": "darkRed",
    "808000": "darkYellow",
    "808080": "darkGray",
    "C0C0C0": "lightGray",
}


class _Reader:
    """One pass over a document's parts, building its visible text and its marks."""

    def __init__(self, path: str, package: _Package) -> None:
        self.path = path
        self.package = package
        rels = _relationships(package, "")
        self.main = rels.get("officeDocument", "word/document.xml")
        root = package.xml(self.main)
        if root is None:
            raise InputError(path, f"not a Word document: the package has no {self.main}")
        ns = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
        if ns not in (_W, _W_STRICT) or root.tag != f"{{{ns}}}document":
            raise InputError(path, f"not a Word document: {self.main} holds no w:document")
        self.root = root
        self.tags = t = _Tags(ns)
        self.parts = _relationships(package, self.main)
        self.styles = self._styles()
        self.lines: list[str] = []
        self.kinds: list[str | int] = []  # per line: a heading level, "body"
        self.pos = 0  # offset where the next paragraph starts
        self.marks: list[ReviewMark] = []
        self.comment_starts: dict[str, int] = {}
        self.comment_ends: dict[str, int] = {}
        self.comment_refs: dict[str, int] = {}
        self.notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
        self.run_handlers: dict[str, Callable] = {t.t: _text, t.tab: _tab, t.ptab: _tab, t.br: _space, t.cr: _space}
        self.containers = {t.hyperlink, t.smartTag, t.customXml, t.fldSimple, t.dir, t.bdo}

    # -- styles ---------------------------------------------------------

    def _styles(self) -> _Styles:
        styles = _Styles()
        root = self.package.xml(self.parts.get("styles", "word/styles.xml"))
        if root is None:
            return styles
        ns = self.tags.ns
        w = f"{{{ns}}}"
        based: dict[str, str] = {}
        for style in root.iterchildren(f"{w}style"):
            sid = style.get(f"{w}styleId") or ""
            name_el = style.find(f"{w}name")
            name = (name_el.get(f"{w}val") or "").lower() if name_el is not None else ""
            if name == "title":
                styles.level[sid] = 0
            elif name.startswith("heading ") and name[8:].isdigit():
                styles.level[sid] = int(name[8:])
            else:
                outline = style.find(f"{w}pPr/{w}outlineLvl")
                if outline is not None and (outline.get(f"{w}val") or "").isdigit() and int(outline.get(f"{w}val")) < 9:
                    styles.level[sid] = int(outline.get(f"{w}val")) + 1
            vanish = style.find(f"{w}rPr/{w}vanish")
            if vanish is not None and (vanish.get(f"{w}val") or "1").lower() not in _TRUE_OFF:
                styles.hidden.add(sid)
            parent = style.find(f"{w}basedOn")
            if parent is not None and parent.get(f"{w}val"):
                based[sid] = parent.get(f"{w}val") or ""
        for sid in list(based):  # a style based on a hidden one is hidden (chains are short; loops stop)
            seen, at = set(), sid
            while at in based and at not in seen:
                seen.add(at)
                at = based[at]
                if at in styles.hidden:
                    styles.hidden.add(sid)
                    break
        return styles

    # -- blocks ---------------------------------------------------------

    def read(self) -> None:
        t = self.tags
        body = self.root.find(t.body)
        if body is not None:
            self.blocks(body)
        for kind, default in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
            root = self.package.xml(self.parts.get(kind + "s", default))
            if root is None:
                continue
            by_id = {}
            for note in root.iterchildren(getattr(t, kind)):
                if note.get(t.type) in (None, "normal"):
                    by_id[note.get(t.id)] = note
            order = list(dict.fromkeys(i for i in self.notes[kind] if i in by_id))
            order += [i for i in by_id if i not in order]
            for note_id in order:
                self.blocks(by_id[note_id])

    def blocks(self, container) -> None:
        t = self.tags
        for child in container:
            tag = child.tag
            if tag == t.p:
                self.paragraph(child)
            elif tag == t.tbl:
                self.table(child)
            elif tag == t.sdt:
                content = child.find(t.sdtContent)
                if content is not None:
                    self.blocks(content)
            elif tag == t.customXml:
                self.blocks(child)
            elif tag == t.commentRangeStart:
                self.comment_starts[child.get(t.id) or ""] = self.pos
            elif tag == t.commentRangeEnd:
                self.comment_ends[child.get(t.id) or ""] = max(self.pos - 1, 0)
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self.blocks(chosen)

    def table(self, table) -> None:
        t = self.tags
        start = self.pos
        for row in table.iter(t.tr):
            if _owner_table(row, t) is not table:
                continue
            row_start = self.pos
            for cell in row.iterchildren(t.tc):
                cell_start = self.pos
                self.blocks(cell)
                self._property_change(cell.find(t.tcPr), t.tcPr_change, cell_start, "table cell")
            self._property_change(row.find(t.trPr), t.trPr_change, row_start, "table row")
        self._property_change(table.find(t.tblPr), t.tblPr_change, start, "table")

    def _property_change(self, props, tag: str, start: int, what: str) -> None:
        change = props.find(tag) if props is not None else None
        if change is not None:
            end = max(self.pos - 1, start)
            self.marks.append(self._mark("formatting", start, end, change, detail=f"{what} properties"))

    # -- paragraphs ------------------------------------------------------

    def paragraph(self, p) -> None:
        t = self.tags
        state = _Paragraph(self.pos)
        level: int | None = None
        props = p.find(t.pPr)
        hidden_style = False
        if props is not None:
            style = props.find(t.pStyle)
            sid = style.get(t.val) if style is not None else None
            if sid is not None:
                level = self.styles.level.get(sid)
                hidden_style = sid in self.styles.hidden
            outline = props.find(t.outlineLvl)
            if outline is not None and (outline.get(t.val) or "").isdigit() and int(outline.get(t.val) or 9) < 9:
                level = int(outline.get(t.val) or 0) + 1
        state.hidden_style = hidden_style
        self.inline(p, state, None)
        text = "".join(state.pieces)
        end = self.pos + len(text)
        if props is not None:
            change = props.find(t.pPr_change)
            if change is not None:
                self.marks.append(self._mark("formatting", self.pos, end, change, detail="paragraph properties"))
            mark_props = props.find(t.rPr)
            if mark_props is not None:
                for kind, tag in (("insertion", t.ins), ("deletion", t.del_)):
                    change = mark_props.find(tag)
                    if change is not None:
                        self.marks.append(self._mark(kind, end, end, change, text="¶", detail="paragraph mark"))
        self.marks.extend(state.marks)
        self.lines.append(text)
        self.kinds.append(level if level is not None and text.strip() else "body")
        self.pos = end + 1
        for box in state.boxes:  # a text box reads after the paragraph that anchors it
            self.blocks(box)

    def inline(self, parent, state: "_Paragraph", change) -> None:
        """The runs in ``parent``; ``change`` is the (kind, element) of the
        tracked change they stand in, if any."""
        t = self.tags
        for child in parent:
            tag = child.tag
            if tag == t.r:
                self.run(child, state, change)
            elif tag in self.containers:
                self.inline(child, state, change)
            elif tag == t.ins or tag == t.moveTo:
                start = state.offset
                self.inline(child, state, ("insertion" if tag == t.ins else "move-to", child))
                state.marks.append(self._mark(change_kind(tag, t), start, state.offset, child))
            elif tag == t.del_ or tag == t.moveFrom:
                before = len(state.invisible)
                self.inline(child, state, ("deletion" if tag == t.del_ else "move-from", child))
                gone = "".join(state.invisible[before:])
                del state.invisible[before:]
                state.marks.append(self._mark(change_kind(tag, t), state.offset, state.offset, child, text=gone))
            elif tag == t.sdt:
                content = child.find(t.sdtContent)
                if content is not None:
                    self.inline(content, state, change)
            elif tag == t.commentRangeStart:
                self.comment_starts[child.get(t.id) or ""] = state.offset
            elif tag == t.commentRangeEnd:
                self.comment_ends[child.get(t.id) or ""] = state.offset
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self.inline(chosen, state, change)

    def run(self, r, state: "_Paragraph", change) -> None:
        t = self.tags
        props = r.find(t.rPr)
        hidden = state.hidden_style
        colour = ""
        formatting = None
        if props is not None:
            vanish = props.find(t.vanish)
            if vanish is not None:
                hidden = (vanish.get(t.val) or "1").lower() not in _TRUE_OFF
            style = props.find(t.rStyle)
            if style is not None and style.get(t.val) in self.styles.hidden and vanish is None:
                hidden = True
            mark = props.find(t.highlight)
            if mark is not None and (mark.get(t.val) or "none") != "none":
                colour = mark.get(t.val) or ""
            elif mark is None:
                shading = props.find(t.shd)
                if shading is not None and (shading.get(t.val) or "clear") in ("clear", "solid"):
                    fill = (shading.get(t.val) == "solid" and shading.get(f"{{{t.ns}}}color")) or shading.get(t.fill)
                    colour = _HIGHLIGHT_FILLS.get((fill or "").upper(), "")
            formatting = props.find(t.rPr_change)
        gone = change is not None and change[0] in ("deletion", "move-from")
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            handler = self.run_handlers.get(tag)
            if handler is not None:
                pieces.append(handler(child))
            elif tag == t.delText:
                pieces.append(child.text or "")
            elif tag == t.noBreakHyphen:
                pieces.append("\u2011")
            elif tag == t.sym:
                code = child.get(t.char) or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    char = ""
                if char and not 0xE000 <= ord(char) <= 0xF8FF:  # a symbol font's private code: no letter
                    pieces.append(char)
            elif tag == t.commentReference:
                self.comment_refs.setdefault(child.get(t.id) or "", state.offset)
            elif tag == t.footnoteReference:
                self.notes["footnote"].append(child.get(t.id) or "")
            elif tag == t.endnoteReference:
                self.notes["endnote"].append(child.get(t.id) or "")
            elif tag == f"{{{_MC}}}AlternateContent" or tag.endswith(("}drawing", "}pict", "}object")):
                chosen = _choice(child) if tag == f"{{{_MC}}}AlternateContent" else child
                if chosen is not None:
                    state.boxes.extend(_outer_boxes(chosen, t.txbxContent))
        text = "".join(pieces)
        if not text:
            return
        if gone:
            state.invisible.append(text)
            return
        if hidden:
            last = state.marks[-1] if state.marks else None
            if last is not None and last.kind == "hidden" and last.start == state.offset:
                state.marks[-1] = ReviewMark("hidden", last.start, last.end, text=last.text + text)
            else:
                state.marks.append(ReviewMark("hidden", state.offset, state.offset, text=text))
            return
        start = state.offset
        state.pieces.append(text)
        state.offset += len(text)
        if colour:
            state.extend_or_add(ReviewMark("highlight", start, state.offset, detail=colour))
        if formatting is not None:
            state.extend_or_add(self._mark("formatting", start, state.offset, formatting, detail="character format"))

    def _mark(self, kind: str, start: int, end: int, element, text: str = "", detail: str = "") -> ReviewMark:
        t = self.tags
        return ReviewMark(
            kind, start, end, element.get(t.author) or "", element.get(t.date) or "", text=text, detail=detail
        )

    # -- comments ---------------------------------------------------------

    def comments(self) -> None:
        t = self.tags
        root = self.package.xml(self.parts.get("comments", "word/comments.xml"))
        if root is None:
            return
        found: dict[str, _Comment] = {}
        for comment in root.iterchildren(t.comment):
            paragraphs = list(comment.iter(t.p))
            words = " ".join("".join(piece.text or "" for piece in p.iter(t.t)).strip() for p in paragraphs).strip()
            para = paragraphs[-1].get(f"{{{_W14}}}paraId") or "" if paragraphs else ""
            found[comment.get(t.id) or ""] = _Comment(
                comment.get(t.author) or "", comment.get(t.date) or "", " ".join(words.split()), para
            )
        done, parent = self._threads()
        for cid, comment in found.items():
            if cid not in self.comment_refs and cid not in self.comment_starts:
                continue  # anchored nowhere: Word shows it nowhere
            start = self.comment_starts.get(cid, self.comment_refs.get(cid, 0))
            end = self.comment_ends.get(cid, self.comment_refs.get(cid, start))
            resolved, at, seen = False, comment.para, set()
            while at and at not in seen:  # a reply is resolved with its thread
                seen.add(at)
                resolved = resolved or at in done
                at = parent.get(at, "")
            self.marks.append(
                ReviewMark(
                    "comment",
                    min(start, end),
                    max(start, end),
                    comment.author,
                    comment.date,
                    text=comment.text,
                    detail="reply" if parent.get(comment.para) else "",
                    resolved=resolved,
                )
            )

    def _threads(self) -> tuple[set[str], dict[str, str]]:
        """(paraIds of comments marked done, paraId -> its thread's parent)."""
        root = self.package.xml(self.parts.get("commentsExtended", "word/commentsExtended.xml"))
        done: set[str] = set()
        parent: dict[str, str] = {}
        if root is None:
            return done, parent
        for entry in root.iter(f"{{{_W15}}}commentEx"):
            para = entry.get(f"{{{_W15}}}paraId") or ""
            if entry.get(f"{{{_W15}}}done") in ("1", "true"):
                done.add(para)
            if entry.get(f"{{{_W15}}}paraIdParent"):
                parent[para] = entry.get(f"{{{_W15}}}paraIdParent") or ""
        return done, parent


def change_kind(tag: str, t: _Tags) -> str:
    return {t.ins: "insertion", t.moveTo: "move-to", t.del_: "deletion", t.moveFrom: "move-from"}[tag]


@dataclass
class _Paragraph:
    start: int
    pieces: list[str] = field(default_factory=list)
    offset: int = 0  # set to ``start`` below: the document offset of the next visible character
    marks: list[ReviewMark] = field(default_factory=list)
    invisible: list[str] = field(default_factory=list)  # text of the tracked deletion being read
    boxes: list[Any] = field(default_factory=list)
    hidden_style: bool = False

    def __post_init__(self) -> None:
        self.offset = self.start

    def extend_or_add(self, mark: ReviewMark) -> None:
        """Adjacent runs with the same highlight or format change are one mark."""
        for k in range(len(self.marks) - 1, -1, -1):
            last = self.marks[k]
            if (
                last.kind == mark.kind
                and last.end == mark.start
                and (last.detail, last.author)
                == (
                    mark.detail,
                    mark.author,
                )
            ):
                self.marks[k] = ReviewMark(
                    last.kind, last.start, mark.end, last.author, last.date, last.text, last.detail
                )
                return
            if last.end < mark.start:
                break
        self.marks.append(mark)


def _text(element) -> str:
    return element.text or ""


def _tab(element) -> str:
    return "\t"


def _space(element) -> str:
    # a line break inside a paragraph: the paragraph stays one line of the
    # document's text (the report contract numbers paragraphs)
    return " "


def _choice(alternate):
    """The branch of an ``mc:AlternateContent`` to read: its first Choice
    (Word writes the same text in each branch), else its Fallback."""
    for branch in alternate:
        if branch.tag in (f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"):
            return branch
    return None


def _outer_boxes(element, tag: str) -> list:
    """The text boxes in ``element`` that are not inside another one (whose
    paragraphs read the inner ones), one branch of each alternative."""
    boxes = []
    for box in element.iter(tag):
        inner = False
        for ancestor in box.iterancestors():
            if ancestor is element:
                break
            if ancestor.tag == tag or ancestor.tag == f"{{{_MC}}}Fallback":
                inner = ancestor.tag == tag or _has_choice(ancestor)
                if inner:
                    break
        if not inner:
            boxes.append(box)
    return boxes


def _has_choice(fallback) -> bool:
    parent = fallback.getparent()
    return parent is not None and parent.find(f"{{{_MC}}}Choice") is not None


def _owner_table(row, t: _Tags):
    for ancestor in row.iterancestors(t.tbl):
        return ancestor
    return None


def _document(path: str, package: _Package, split_settings: SplitSettings) -> Document:
    reader = _Reader(path, package)
    reader.read()
    reader.comments()
    text = "\n".join(reader.lines)
    segments: list[Segment] = []
    levels: list[tuple[int, int]] = []  # (segment index, heading level)
    at = 0
    for line, kind in zip(reader.lines, reader.kinds):
        if line.strip(" \t"):
            if kind != "body":
                levels.append((len(segments), int(kind)))
            segments.append(Segment(line, at, "heading" if kind != "body" else "paragraph"))
        at += len(line) + 1
    marks = sorted(reader.marks, key=lambda m: (m.start, m.end))
    document = Document(path=path, source=SourceText(text), format=FORMAT, review=marks)
    document.articles = _articles(segments, levels, split_settings)
    for article in document.articles:
        article.slug = f"{path}#{article.index + 1}"
    return document


def _articles(segments: list[Segment], levels: list[tuple[int, int]], settings: SplitSettings) -> list[Article]:
    """One article, titled by the document's Title or first heading; several
    when the top heading level (Title, else Heading 1…) opens several, or
    when share labels split the text as on a listing page."""
    if not segments:
        return []
    top = min((level for _, level in levels), default=None)
    opens = [i for i, level in levels if level == top]
    if len(opens) >= 2 and settings.enabled:
        articles = []
        starts = [0] + opens[1:]
        for index, (first, title_at, stop) in enumerate(zip(starts, opens, opens[1:] + [len(segments)])):
            segments[title_at].kind = "title"
            members = bounded(segments[first:stop])
            title = segments[title_at].text.strip()
            articles.append(Article(index, title, members, members[0].start, members[-1].end))
        return articles
    if opens:
        segments[opens[0]].kind = "title"
    return split(segments, settings)


def read_bytes(path: str, data: bytes, split_settings: SplitSettings) -> Document:
    return _document(path, _ZipPackage(path, data), split_settings)


def read(path: str, source: SourceText, split_settings: SplitSettings) -> Document:
    return _document(path, _FlatPackage(path, source.text), split_settings)


@dataclass(frozen=True)
class WordReader:
    """The ``BytesReader`` of Word packages (``read`` takes Word's flat XML)."""

    format: str = FORMAT
    suffixes: tuple[str, ...] = SUFFIXES
    escaped: str = ""

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        return read(path, source, split_settings)

    def read_bytes(self, path: str, data: bytes, split_settings: SplitSettings) -> Document:
        return read_bytes(path, data, split_settings)


READER = WordReader()
