"""The quick checks for control characters say what the slow ones say (no database).

The middleware checks a whole page (`has_control_bytes`) and the JSON-LD checks its serialised
text before cleaning value by value: both must find every character the patterns of
`evidence.text` find, or a control character would reach a reader.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from evidence.text import CONTROL_BYTES, has_control_bytes, without_control_characters_in
from sitewide.seo import json_ld_script

CHARACTERS = [chr(code) for code in (*range(0x00, 0xA1), 0xAD, 0x2028, 0x200B, 0xFEFF)]


def test_a_page_has_control_bytes_exactly_when_the_pattern_finds_one():
    for character in CHARACTERS:
        for text in (character, f"<p>{character}</p>", f"é{character}漢"):
            content = text.encode()
            assert has_control_bytes(content) == bool(CONTROL_BYTES.search(content)), text
    for byte in range(256):
        content = b"ab\xc2" + bytes([byte]) + b"cd"
        assert has_control_bytes(content) == bool(CONTROL_BYTES.search(content)), content


def test_json_ld_drops_every_control_character_it_is_given():
    for character in [*CHARACTERS, "\\b", "\\u0000", "\\"]:
        data = {"name": f"a{character}b", f"k{character}": [character, {"x": character}], "n": 1}
        cleaned = json.dumps(
            without_control_characters_in(data), cls=DjangoJSONEncoder, ensure_ascii=False
        )
        script = json_ld_script(data)
        assert script == json_ld_script(without_control_characters_in(data)), repr(character)
        assert json.loads(script.split(">", 1)[1].rsplit("<", 1)[0]) == json.loads(cleaned)
