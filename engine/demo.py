"""The bundled demo dataset: banking-support intents written by this project.

A few hundred rows from templates, with planted problems so every issue screen has something
to show: wrong labels, near-duplicates, off-topic outliers, a null row, a rare class, and a
file sorted by class (non-IID). ``python -m engine.demo OUT.csv`` rewrites the shipped copy;
a test checks that the shipped copy matches the generator.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

DEMO_PATH = Path(__file__).with_name("data") / "demo.csv"
SEED = 7

_INTENTS: dict[str, tuple[list[str], list[str]]] = {
    "card_lost": (
        [
            "I lost my {card} {when}, what should I do?",
            "My {card} was stolen {when}, please block it.",
            "I can't find my {card} anywhere, can you freeze it?",
            "Someone took my {card} {when}. How do I cancel it?",
            "Please block my {card}, I think I left it at the {place}.",
            "How do I report a missing {card}?",
            "I dropped my {card} at the {place} {when} and it is gone.",
        ],
        [],
    ),
    "check_balance": (
        [
            "How much money is in my {account}?",
            "What is the balance of my {account} right now?",
            "Can you show me how much I have left in my {account}?",
            "I want to check the balance on my {account}.",
            "Where can I see my {account} balance in the app?",
            "Is my {account} balance updated after the payment {when}?",
        ],
        [],
    ),
    "transfer_money": (
        [
            "How do I send {amount} to my {person}?",
            "I need to transfer {amount} to another bank.",
            "Can I move {amount} from my {account} to my {person}'s account?",
            "What is the limit for sending {amount} abroad?",
            "Please help me wire {amount} to my {person}.",
            "How long does a transfer of {amount} take to arrive?",
        ],
        [],
    ),
    "refund_request": (
        [
            "I want a refund for the {item} I returned {when}.",
            "The shop promised a refund for my {item} but I have not received it.",
            "How long does a refund for a {item} take?",
            "My refund for the {item} still hasn't shown up.",
            "Can you help me get my money back for a {item}?",
            "The merchant cancelled my {item} order, where is my refund?",
        ],
        [],
    ),
    "change_pin": (
        [
            "How can I change the PIN of my {card}?",
            "I forgot my PIN, can I reset it {where}?",
            "I want to set a new PIN for my {card}.",
            "Where do I update my {card} PIN?",
            "Can I choose my own PIN {where}?",
            "My PIN is blocked after three wrong tries, how do I unblock it?",
        ],
        [],
    ),
    "exchange_rate": (
        [
            "What exchange rate do you use for {currency}?",
            "Why was I charged a bad rate when paying in {currency}?",
            "How much is one euro in {currency} today?",
            "Is there a fee for exchanging money into {currency}?",
            "The {currency} rate on my statement looks wrong.",
            "Do you offer a good rate for {currency} when I travel?",
        ],
        [],
    ),
    "close_account": (
        [
            "How do I close my {account} for good?",
            "I want to delete my {account} and all my data.",
            "Please shut down my {account}.",
        ],
        [],
    ),
}

_SLOTS = {
    "card": ["card", "debit card", "credit card", "bank card", "visa card"],
    "when": ["yesterday", "this morning", "last night", "two days ago", "on Friday"],
    "place": ["supermarket", "airport", "restaurant", "gym", "train station"],
    "account": ["account", "savings account", "current account", "joint account"],
    "amount": ["50 pounds", "200 euros", "1000 dollars", "some money", "300 pounds"],
    "person": ["sister", "landlord", "friend", "father", "business partner"],
    "item": ["jacket", "phone", "flight ticket", "laptop", "pair of shoes"],
    "where": ["in the app", "at an ATM", "online", "at the branch"],
    "currency": ["dollars", "yen", "Swiss francs", "pounds", "Thai baht"],
}

# rows per intent; close_account is the rare class (class imbalance)
_SIZES = {name: 46 for name in _INTENTS} | {"close_account": 2}

# (text, wrong label) planted as label errors: the text clearly belongs elsewhere
PLANTED_WRONG_LABELS = [
    ("I lost my credit card at the airport, please block it.", "check_balance"),
    ("How much money do I have in my savings account?", "card_lost"),
    ("Please help me wire 500 euros to my brother.", "refund_request"),
    ("I still have not received the refund for my headphones.", "transfer_money"),
    ("How do I change the PIN on my new debit card?", "exchange_rate"),
    ("What rate do you give for converting pounds to dollars?", "change_pin"),
    ("My wallet with my bank card was stolen last night.", "transfer_money"),
    ("Can I see my current account balance in the app?", "refund_request"),
    ("I need a refund for the concert ticket that was cancelled.", "card_lost"),
    ("I want to reset my PIN at an ATM.", "check_balance"),
]

# off-topic rows (outliers), each given a plausible-looking label
PLANTED_OUTLIERS = [
    ("What's the weather going to be like in Paris tomorrow?", "exchange_rate"),
    ("asdf qwerty zxcv 12345 !!!", "check_balance"),
    ("Preheat the oven to 180 degrees and bake the cake for forty minutes.", "refund_request"),
    ("Mi gato duerme en el sofá todo el día. 🐈", "card_lost"),
    ("The quarterly board meeting has been moved to room 4B.", "transfer_money"),
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(**{slot: rng.choice(values) for slot, values in _SLOTS.items()})


def build_demo(seed: int = SEED) -> pd.DataFrame:
    """The demo table (columns ``id``, ``text``, ``label``), sorted by label like many exports."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    for label, (templates, _) in _INTENTS.items():
        seen: set[str] = set()
        attempts = 0
        while len(seen) < _SIZES[label] and attempts < 5000:
            attempts += 1
            text = _fill(rng.choice(templates), rng)
            if text not in seen:
                seen.add(text)
                rows.append((text, label))
    # near-duplicates: a few texts repeated with a tiny edit, same or conflicting label
    for index in rng.sample(range(len(rows)), 8):
        text, label = rows[index]
        twin = text.replace("?", " ?").replace(".", "!") if rng.random() < 0.5 else text.lower()
        conflicting = index % 3 == 0
        other = rng.choice([name for name in _INTENTS if name != label]) if conflicting else label
        rows.append((twin, other))
    rows.extend(PLANTED_WRONG_LABELS)
    rows.extend(PLANTED_OUTLIERS)
    rows.append(("", "check_balance"))  # a null row
    rows.sort(key=lambda row: row[1])  # sorted by class: the non-IID check should notice
    return pd.DataFrame(
        {
            "id": [f"d{i:04d}" for i in range(len(rows))],
            "text": [text for text, _ in rows],
            "label": [label for _, label in rows],
        }
    )


def demo_path() -> Path:
    """Path of the shipped demo CSV (written by ``build_demo``)."""
    return DEMO_PATH


def write_demo(path: Path = DEMO_PATH) -> Path:
    """Write the demo CSV (UTF-8, no index) through the one atomic writer."""
    from engine.writers import write_table

    path.parent.mkdir(parents=True, exist_ok=True)
    write_table(build_demo(), path, "csv")
    return path


def bundled_demo_named(path: str | Path) -> tuple[Path, str] | None:
    """The bundled demo a data path names by its last part, any case (``demo``, ``demo.csv``, ``DEMO``,
    ``demo_multilabel``, ``demo_multilabel.jsonl``: the file's name or stem): its data file and the flag
    ``textaudit demo`` takes to open it (``''`` or ``' --multilabel'``); None for any other name. The one
    rule behind the hints of a missing file (:func:`missing_demo_hint`) and of ``export`` with the demo's
    journal (tui/cli_export.bundled_demo_hint)."""
    from engine.demo_multilabel import demo_multilabel_path

    name = Path(path).name.lower()
    for bundled, flag in ((demo_path(), ""), (demo_multilabel_path(), " --multilabel")):
        if name in (bundled.name.lower(), bundled.stem.lower()):
            return bundled, flag
    return None


def missing_demo_hint(path: Path) -> str:
    """'; the bundled demo: ...' for 'demo' or 'demo.csv' that is not here: 'textaudit serve demo' after
    'textaudit demo' said only 'no such file or directory' (walk36), the demo's file lying in the package."""
    if (named := bundled_demo_named(path)) is None:
        return ""
    from engine.paths import shell_word

    bundled, flag = named
    return f"; the bundled demo is textaudit demo{flag}, its data {shell_word(str(bundled))} (give that path here)"


if __name__ == "__main__":
    print(write_demo(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_PATH))
