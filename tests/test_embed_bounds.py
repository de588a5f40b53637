"""A text is cut to what the model reads before it is tokenised (defect 11: a 50 MB text was
tokenised whole), for the lean encoder, other sentence-transformers models and TF-IDF.
"""

from __future__ import annotations

import numpy as np

import engine.embed as embed
import engine.embed_model as embed_model


class _RecordingTokenizer:
    """Delegates to the real tokenizer and records the length of every text it is given."""

    def __init__(self, real) -> None:
        self.real, self.lengths = real, []

    @property
    def truncation(self):
        return self.real.truncation

    def encode_batch(self, texts):
        self.lengths.extend(len(t) for t in texts)
        return self.real.encode_batch(texts)


def test_a_huge_text_is_cut_before_tokenising(monkeypatch):
    """A 50 MB text was tokenised whole (126 s, 7.45 GB); now only a bounded start reaches the
    tokenizer, and the vector is the one of the text's start (the model reads 256 tokens)."""
    encoder = embed.load_model(None, "cpu", "auto")
    recorder = _RecordingTokenizer(encoder.tokenizer)
    monkeypatch.setattr(encoder, "tokenizer", recorder)
    huge = "my card payment was declined at the shop " * 250_000  # 10 MB
    vectors = embed.embed_texts(["a short one", huge, huge[:5_000]], device="cpu")
    limit = embed.char_limit(None)
    assert limit == 256 * embed_model.CHARS_PER_TOKEN and max(recorder.lengths) <= limit
    np.testing.assert_allclose(vectors[1], vectors[2], atol=1e-6)


def test_other_encoders_and_tfidf_get_bounded_texts(monkeypatch):
    seen: list[int] = []

    class FakeEncoder:
        device = "cpu"

        def encode(self, texts, **kwargs):
            seen.extend(len(t) for t in texts)
            return np.ones((len(texts), 4), dtype=np.float32)

    monkeypatch.setattr(embed, "load_model", lambda *a, **k: FakeEncoder())
    embed.embed_texts(["x" * 3_000_000, "y"], model="some-org/some-model", device="cpu", precision="fp32")
    assert max(seen) == embed_model.FALLBACK_MAX_TOKENS * embed_model.CHARS_PER_TOKEN
    tfidf_seen: list[int] = []
    monkeypatch.setattr(embed, "_tfidf_vectors", lambda texts, **k: tfidf_seen.extend(map(len, texts)))
    embed.embed_texts(["word " * 100_000, "other words"], model="tfidf")
    assert max(tfidf_seen) == embed_model.TFIDF_MAX_CHARS
