"""``textaudit serve``'s start line names the data as typed ('textaudit: serving NAME; open URL'):
a file named 'e\\x1b[31mx.csv' was printed raw, turning the terminal's text red (s22 hostile22), where
every error line writes such a name as escapes."""

from __future__ import annotations

from tui.cli import main

NAME = "e\x1b[31mx\x07.csv"


class _StubServer:
    """Stands in for GuardedServer: ready at once, serves nothing."""

    def __init__(self, command, **kwargs) -> None:
        self.announce = kwargs.get("announce")

    def serve(self, on_ready) -> None:
        on_ready()
        self.announce("textaudit: refused a session: too many at once")


def test_the_serving_line_escapes_the_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / NAME).write_text("text,label\n" + "".join(f"row {i},{'ab'[i % 2]}\n" for i in range(6)))
    monkeypatch.setattr("tui.serve_guard.GuardedServer", _StubServer)
    assert main(["serve", NAME, "--model", "tfidf", "--port", "8765"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "textaudit: serving e\\x1b[31mx\\x07.csv; open http://127.0.0.1:8765/?token=" in err
    assert "textaudit: refused a session: too many at once" in err
