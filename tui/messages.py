"""Messages the TUI's workers and widgets post; handlers (never workers) change the UI."""

from __future__ import annotations

from textual.message import Message


class AuditProgress(Message):
    """A pipeline stage reported progress (posted from the audit thread)."""

    def __init__(self, stage: str, done: int, total: int, text: str = "") -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total
        self.text = text

    def can_replace(self, message: Message) -> bool:
        """A newer report of the same stage supersedes an unprocessed older one."""
        return isinstance(message, AuditProgress) and message.stage == self.stage
