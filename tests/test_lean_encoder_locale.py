"""The lean encoder under a locale whose encoding is not UTF-8 (the C locale without Python's
UTF-8 mode): the model's JSON files were read in the locale's encoding, tokenizer.json (5,221
non-ASCII bytes in the bundled model's vocabulary) failed to decode, so the bundled model was
silently run through sentence-transformers (about 4 s more to load) and ``--precision int8`` was
refused: "precision int8 needs the CPU and a BERT mean-pooling model such as the bundled one
(this run: all-MiniLM-L6-v2 on cpu)"."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = ("from engine.bert_encoder import supports\n"
         "from engine.embed_model import DEFAULT_MODEL, model_path\n"
         "import locale\n"
         "assert locale.getpreferredencoding(False) != 'UTF-8' and not sys.flags.utf8_mode\n"
         "print(supports(model_path(DEFAULT_MODEL)))\n")


def test_the_bundled_model_runs_on_the_lean_encoder_in_an_ascii_locale(tmp_path):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-c", "import sys\n" + CHECK], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
