"""A Japanese, Chinese or Korean file in its double-byte encoding (Excel's Shift-JIS CSV) was told
'not valid utf-8 ...; pass --encoding latin-1', which reads any bytes: followed, the audit ran on
mojibake without a word (hostile24: a 60-row Shift-JIS review file audited, 3 'outliers'). The hint now
names the encoding (engine/text_encoding.east_asian_encoding), and a file read as latin-1 anyway gets a note."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset

TEXTS = {
    "cp932": ["とても良い商品でした", "満足しています", "二度と買わない", "壊れていました", "髙橋さんの口座です"],
    "gb18030": ["这个产品的质量很好我很满意", "我们在上海有一个大的国际会议", "他说这是不对的", "今天的天气不好", "这是我的书"],
    "big5": ["這個產品的品質很好我很滿意", "我們在台北有一個大的國際會議", "他說這是不對的", "今天的天氣不好", "這是我的書"],
    "cp949": ["이 제품은 정말 좋습니다", "배송이 빠르고 포장도 좋았어요", "다시 구매하고 싶지 않습니다", "가격이 너무 비싸요",
              "품질이 좋고 만족합니다"],
}
SINGLE_BYTE = {
    "latin-1": ["très bon produit livré à l'heure", "Größe passt nicht", "déçu par la qualité", "à éviter",
                "Süßes Geschenk"],
    "cp1251": ["очень хороший товар", "доставка была быстрой", "не рекомендую", "качество отличное", "цена высокая"],
}


def _csv(tmp_path, texts, encoding):
    rows = "".join(f"{texts[i % len(texts)]} {i},{'ab'[i % 2]}\r\n" for i in range(20))
    path = tmp_path / "data.csv"
    path.write_bytes(("text,label\r\n" + rows).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_the_hint_names_the_double_byte_encoding(tmp_path, encoding):
    path = _csv(tmp_path, TEXTS[encoding], encoding)
    with pytest.raises(DataError, match="not valid utf-8") as caught:
        load_dataset(path)
    assert f"pass --encoding {encoding} or" in caught.value.message
    assert load_dataset(path, encoding=encoding).texts[0] == TEXTS[encoding][0] + " 0"  # and it reads the file


@pytest.mark.parametrize("encoding", sorted(SINGLE_BYTE))
def test_single_byte_text_is_not_taken_for_double_byte_text(tmp_path, encoding):
    path = _csv(tmp_path, SINGLE_BYTE[encoding], encoding)
    offered = "latin-1 or" if encoding == "latin-1" else r"cp1251 \(Cyrillic\)"  # 10df6ff: its script's pages
    with pytest.raises(DataError, match=f"pass --encoding {offered}"):
        load_dataset(path)
    assert not [w for w in load_dataset(path, encoding="latin-1").warnings if "Japanese, Chinese or Korean" in w]


def test_a_double_byte_file_read_as_latin_1_anyway_says_so(tmp_path):
    path = _csv(tmp_path, TEXTS["cp932"], "cp932")
    dataset = load_dataset(path, encoding="latin-1")
    assert [w for w in dataset.warnings if w.startswith("data.csv looks like cp932 text (Japanese, Chinese or Korean) "
                                                         "but is read as latin-1: its characters are garbled")]


@pytest.mark.parametrize("written, read", [("gb18030", "big5"), ("cp949", "gbk"), ("big5", "gbk")])
def test_double_byte_text_read_with_another_double_byte_encoding_says_so(tmp_path, written, read):
    path = _csv(tmp_path, TEXTS[written], written)
    try:
        dataset = load_dataset(path, encoding=read)  # another CJK codec may read the bytes, as other characters
    except DataError as exc:
        assert f"pass --encoding {written} or" in exc.message
        return
    assert [w for w in dataset.warnings if w.startswith(f"data.csv looks like {written} text but is read as {read}")]


@pytest.mark.parametrize("written, read", [("gb18030", "gbk"), ("cp949", "euc_kr"), ("cp932", "cp932"),
                                           ("big5", "cp950")])
def test_the_right_double_byte_encoding_gets_no_note(tmp_path, written, read):
    path = _csv(tmp_path, TEXTS[written], written if written != "gb18030" else "gbk")
    assert not [w for w in load_dataset(path, encoding=read).warnings if "looks like" in w]


def test_utf8_text_read_as_a_double_byte_encoding_says_so(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("text,label\n" + "".join(f"caf\u00e9 cr\u00e8me {i},{'ab'[i % 2]}\n" for i in range(20)),
                    encoding="utf-8")
    dataset = load_dataset(path, encoding="gbk")  # c3 a9 (é) is a GBK character too: it decodes, garbled
    assert dataset.texts[0] != "caf\u00e9 cr\u00e8me 0"
    assert [w for w in dataset.warnings if w.startswith("data.csv is valid UTF-8 but is read as gbk")]
