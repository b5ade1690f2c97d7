"""Parsing rendered pages: strict HTML5 validity and the head metadata inside them."""

import json
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import html5lib
from html5lib.html5parser import ParseError


def parse_strict(html: str) -> Element:
    """The document tree, or AssertionError naming each parse error's line and column."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(html)
    except ParseError:
        lines = html.splitlines()
        problems = []
        for (line, column), code, data in parser.errors:
            source_line = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            problems.append(f"line {line}, column {column}: {code} {data or ''}\n    {source_line}")
        raise AssertionError("HTML parse errors:\n" + "\n".join(problems)) from None


def json_ld(document: Element) -> list[dict]:
    return [
        json.loads(script.text)
        for script in document.iter("script")
        if script.get("type") == "application/ld+json"
    ]


def head_meta(document: Element) -> dict[str, str]:
    """`<meta name|property=... content=...>` as a dict, plus `canonical` from the link."""
    meta = {
        (element.get("name") or element.get("property")): element.get("content")
        for element in document.iter("meta")
        if element.get("name") or element.get("property")
    }
    for link in document.iter("link"):
        if link.get("rel") == "canonical":
            meta["canonical"] = link.get("href")
    return meta


def parse_xml(content: bytes) -> Element:
    return ElementTree.fromstring(content)  # noqa: S314 (our own response, in a test)
