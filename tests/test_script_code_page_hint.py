"""A Russian, Greek or Hebrew file in its Windows code page was told 'pass --encoding latin-1', which reads
any byte: followed, the audit ran on 'ïðèâåò'-like text without a word (hostile24). Bytes alone cannot say
which script's code page it is (Hebrew read as cp1253 is Greek letters), so the line names them, where the
file's bytes above 0x7F come in words; Latin-1 text, whose accented letters stand alone in Latin words,
keeps 'latin-1'. Read with a Latin code page anyway, such a file gets a note."""

from __future__ import annotations

import pytest

from engine.errors import DataError
from engine.load import load_dataset

TEXTS = {"cp1251": ["очень хороший товар", "доставка была быстрой", "не рекомендую", "качество отличное"],
         "cp1253": ["πολύ καλό προϊόν", "γρήγορη παράδοση", "δεν το προτείνω", "καλή τιμή"],
         "cp1255": ["מוצר טוב מאוד", "משלוח מהיר", "לא ממליץ", "מחיר טוב"]}
LATIN = ["très bon produit", "Größe passt nicht", "déçu par la qualité", "à éviter", "Süßes Geschenk"]
PORTUGUESE = ["a informação não está disponível", "opções de configuração", "ações e soluções", "condições"]


def _csv(tmp_path, texts, encoding):
    path = tmp_path / "data.csv"
    path.write_bytes(("text,label\n" + "".join(f"{texts[i % len(texts)]} {i},{'ab'[i % 2]}\n" for i in range(20)))
                     .encode(encoding))
    return path


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_a_non_latin_code_page_is_not_told_latin_1(tmp_path, encoding):
    path = _csv(tmp_path, TEXTS[encoding], encoding)
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert "pass --encoding cp1251 (Cyrillic), cp1253 (Greek), cp1255 (Hebrew), cp1256 (Arabic) or cp874 (Thai)" \
        in caught.value.message
    assert "latin-1" not in caught.value.message
    assert not [w for w in load_dataset(path, encoding=encoding).warnings if "garbled" in w]  # read right: no note
    assert [w for w in load_dataset(path, encoding="latin-1").warnings
            if w.startswith("data.csv holds words of bytes above 0x7F, as a non-Latin script's code page does")]


def test_latin_1_text_is_still_told_latin_1(tmp_path):
    path = _csv(tmp_path, LATIN, "latin-1")
    with pytest.raises(DataError, match="pass --encoding latin-1 or the file's real encoding"):
        load_dataset(path)
    assert not [w for w in load_dataset(path, encoding="latin-1").warnings if "garbled" in w]


def test_portuguese_pairs_of_accented_letters_are_no_script_words(tmp_path):
    """'ção', 'ções': two accented letters side by side, never three (10df6ff took such a file for a
    non-Latin script's: the hint named Cyrillic..., and a right latin-1 read got a 'garbled' note)."""
    path = _csv(tmp_path, PORTUGUESE, "latin-1")
    with pytest.raises(DataError, match="pass --encoding latin-1 or the file's real encoding"):
        load_dataset(path)
    assert not [w for w in load_dataset(path, encoding="latin-1").warnings if "garbled" in w]
