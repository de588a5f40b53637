"""The bundled multi-label demo: support tickets tagged with several topics, written by this project.

Each ticket is built from one sentence per tag it carries (card, payment, refund, fraud, app,
urgent), in shuffled order, so its tag set is what the text says. A few tickets carry no tag
(thanks, greetings): empty sets are allowed. Planted problems: tickets with a tag dropped
(missing) or a wrong tag added (extra), near-duplicates, off-topic outliers and an empty text.
``python -m engine.demo_multilabel OUT.jsonl`` rewrites the shipped copy; a test checks it
matches this generator.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

DEMO_PATH = Path(__file__).with_name("data") / "demo_multilabel.jsonl"
SEED = 11
ROWS = 260

_SENTENCES: dict[str, list[str]] = {
    "card": [
        "My {card} stopped working {when}.",
        "The {card} I ordered has not arrived yet.",
        "The ATM kept my {card}.",
        "My {card} expires next month and I need a new one.",
        "I cannot activate my new {card}.",
    ],
    "payment": [
        "A payment of {amount} to {shop} is still pending.",
        "I was charged {amount} twice at {shop}.",
        "My payment to {shop} was declined {when}.",
        "The direct debit of {amount} did not go through.",
        "I paid {amount} at {shop} but the money left my account twice.",
    ],
    "refund": [
        "I want my money back for the {item}.",
        "The refund for the {item} I returned has not arrived.",
        "{shop} promised a refund for the {item} weeks ago.",
        "How long does a refund for a cancelled {item} take?",
    ],
    "fraud": [
        "There are transactions I never made.",
        "Someone else used my account {when}, I did not authorise this.",
        "I think my details were stolen and used by a stranger.",
        "I see a purchase in another country that was not me.",
    ],
    "app": [
        "The app crashes every time I open it.",
        "I cannot log in to the app since the update.",
        "The app shows an error on the transactions page.",
        "The app will not let me reset my password.",
    ],
    "urgent": [
        "Please help as soon as possible, this is urgent!",
        "I need this fixed today, it is an emergency.",
        "Please reply right away, I am stuck abroad without money.",
    ],
}

_SLOTS = {
    "card": ["card", "debit card", "credit card", "visa card"],
    "when": ["yesterday", "this morning", "last night", "on Friday"],
    "amount": ["20 pounds", "150 euros", "75 dollars", "300 pounds"],
    "shop": ["the supermarket", "an online shop", "the airline", "a petrol station"],
    "item": ["jacket", "phone", "flight ticket", "laptop", "pair of shoes"],
}

_NO_TAG = [
    "Hi, just wanted to say thank you for the quick help last week.",
    "Hello, thanks for the great service!",
    "Good morning, no problem today, just saying thanks.",
    "Thank you, everything works now.",
]

_OUTLIERS = [
    ("Preheat the oven to 180 degrees and bake the cake for forty minutes.", ["payment"]),
    ("The quarterly board meeting has been moved to room 4B.", ["app"]),
    ("asdf qwerty zxcv 12345 !!!", ["card"]),
]

N_MISSING = 12
N_EXTRA = 12


def _fill(template: str, rng: random.Random) -> str:
    return template.format(**{slot: rng.choice(values) for slot, values in _SLOTS.items()})


def _clean_rows(rng: random.Random) -> list[tuple[str, list[str]]]:
    tags = list(_SENTENCES)
    rows: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    while len(rows) < ROWS:
        chosen = sorted(rng.sample(tags, rng.choice((1, 1, 2, 2, 2, 3))), key=tags.index)
        if chosen == ["urgent"]:
            chosen = ["urgent", rng.choice(tags[:-1])]
        order = chosen[:]
        rng.shuffle(order)
        text = " ".join(_fill(rng.choice(_SENTENCES[tag]), rng) for tag in order)
        if text not in seen:
            seen.add(text)
            rows.append((text, sorted(chosen, key=tags.index)))
    return rows


def build_demo_multilabel(seed: int = SEED) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The demo table (``id``, ``text``, ``labels``: a list of tags) and the planted problems by id."""
    rng = random.Random(seed)
    tags = list(_SENTENCES)
    rows = _clean_rows(rng)
    rows += [(text, []) for text in _NO_TAG]
    planted: dict[str, list[int]] = {"missing": [], "extra": [], "near_duplicate": [], "outlier": [], "null": []}
    candidates = rng.sample(range(ROWS), N_MISSING + N_EXTRA)
    for index in candidates[:N_MISSING]:  # a tag dropped (rows with 2+ tags, so the set stays readable)
        text, labels = rows[index]
        if len(labels) >= 2:
            dropped = rng.choice(labels)
            rows[index] = (text, [t for t in labels if t != dropped])
            planted["missing"].append(index)
    for index in candidates[N_MISSING:]:  # a wrong tag added
        text, labels = rows[index]
        wrong = rng.choice([t for t in tags if t not in labels and t != "urgent"])
        rows[index] = (text, sorted(labels + [wrong], key=tags.index))
        planted["extra"].append(index)
    for index in rng.sample([i for i in range(ROWS) if i not in candidates], 4):
        text, labels = rows[index]
        planted["near_duplicate"].append(len(rows))
        rows.append((text.replace(".", "!", 1), labels))
    for text, labels in _OUTLIERS:
        planted["outlier"].append(len(rows))
        rows.append((text, labels))
    planted["null"].append(len(rows))
    rows.append(("", ["card"]))
    ids = [f"m{i:04d}" for i in range(len(rows))]
    frame = pd.DataFrame({"id": ids, "text": [t for t, _ in rows], "labels": [labels for _, labels in rows]})
    return frame, {kind: [ids[i] for i in found] for kind, found in planted.items()}


def demo_multilabel_path() -> Path:
    """Path of the shipped multi-label demo (JSONL, written by ``build_demo_multilabel``)."""
    return DEMO_PATH


def write_demo_multilabel(path: Path = DEMO_PATH) -> Path:
    """Write the demo JSONL through the one atomic writer."""
    from engine.writers import write_table

    path.parent.mkdir(parents=True, exist_ok=True)
    write_table(build_demo_multilabel()[0], path, "jsonl")
    return path


if __name__ == "__main__":
    print(write_demo_multilabel(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_PATH))
