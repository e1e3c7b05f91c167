"""The encodings Excel and WPS save CSV in, told apart without a detection library.

UTF-8, UTF-8 with a BOM, or (on Chinese Windows) GB18030. Strict UTF-8 decoding fails
on almost any GB18030 text with Chinese in it, so trying UTF-8 first and GB18030
second tells the two apart exactly; Big5 and Latin-1 bytes, which GB18030 also
decodes (into nonsense), are recognised and named.
"""

from __future__ import annotations

from pathlib import Path

from fourtwo.i18n import T, Text


class NotGB18030(UnicodeDecodeError):
    """Bytes that GB18030 decodes into what no register holds: another encoding, named in `guess`."""

    def __init__(self, data: bytes, start: int, guess: Text) -> None:
        super().__init__("gb18030", data, start, start + 1, "not a Chinese register")
        self.guess = guess


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without a BOM), else GB18030; NotGB18030 when the GB18030 reading is
    implausible (Big5 or Latin-1 bytes decode as GB18030 too, into nonsense)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        start = exc.start
        if torn_utf8(data, exc):
            line = data.count(b"\n", 0, start) + 1
            raise NotGB18030(
                data, start, T("; it is UTF-8 with a character cut off on line {line} (a write was interrupted): delete that broken character", line=line)
            ) from None
    text = data.decode("gb18030")
    guess = other_encoding(data, text)
    if guess:
        raise NotGB18030(data, start, T("; it looks like {encoding}, not UTF-8 or GB18030", encoding=guess))
    return text, "gb18030"


def file_encoding(path: Path, limit: int) -> str:
    """The encoding to stream a CSV file of at most `limit` bytes in: 'utf-8-sig' (with a BOM or
    without), else 'gb18030'; UnicodeDecodeError as decode() raises it, naming what the file
    looks like. UTF-8 is checked as the file streams, without holding it."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as raw:
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        raw.seek(0)
        decode(raw.read(limit))  # raises for what is not GB18030 either
    return "gb18030"


def torn_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 damaged, not another encoding: the bytes end inside a character (a write cut
    off), or a dozen multi-byte UTF-8 characters precede the first bad byte (GB18030
    text almost never reads as that much UTF-8)."""
    if exc.end == len(data) and exc.reason == "unexpected end of data":
        return True
    before = data[: exc.start]
    return sum(1 for b in before if b >= 0xC2 and b < 0xF5) >= 12


def other_encoding(data: bytes, text: str) -> str | Text:
    """What the file more likely is when its GB18030 reading holds characters no register
    has: private-use code points, kana or box drawing (GB2312 rows 4, 5 and 9), which is
    how Big5 reads; or no common Chinese character at all, only rare ones
    between Latin letters, which is how Latin-1 reads ('Müller' as 'M黮ler'). Rare
    characters alone prove nothing: names use them (堃, 喆, 赟). '' when plausible."""
    odd = common = False
    for char in set(text):
        if char < "\x80":
            continue
        if "\ue000" <= char <= "\uf8ff":
            odd = True
            continue
        try:
            row = char.encode("gb2312")[0]
        except UnicodeEncodeError:
            continue  # a rare character, in GBK or beyond
        odd = odd or row in (0xA4, 0xA5, 0xA9)  # kana and box drawing; Greek or pinyin may be meant
        common = common or row >= 0xB0
    if odd:
        try:
            data.decode("big5")
            return T("Big5 (traditional Chinese, as saved in Hong Kong or Taiwan)")
        except UnicodeDecodeError:
            return T("an encoding other than UTF-8 or GB18030")
    if not common and all(c.isalpha() for c in data.decode("cp1252", "replace") if c >= "\x80"):
        return T("a Western encoding (Latin-1 or Windows-1252)")
    return ""
