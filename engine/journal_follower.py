"""A read-only journal following the file another app writes, then taking it over when that writer quits: the
methods of ``Journal`` (engine/corrections.py) that read the tail appended since the last replay
(engine/journal_tail.py), replay it, and take the lock with what is left to replay read under it."""

from __future__ import annotations

from engine.big_ints import any_size_ints
from engine.journal_file import JournalFile, data_path
from engine.journal_path import check_journal_path
from engine.journal_tail import Handover, Tail, handover_tail, read_tail


class JournalFollower:
    """``Journal``'s follow and takeover steps: a mixin over its state (``_file``, ``_point``, ``_replay``,
    ``_problems``, ``_next_seq``, ``read_only``, ``load_report``) and its ``_replay_groups``/``prepare_writes``."""

    @any_size_ints()
    def read_tail(self) -> Tail | None:
        """Read-only: the groups another app appended since the last replay, or None where only a
        whole replay (``Journal.open``) tells the state (engine/journal_tail.py). Only reads."""
        return read_tail(self._file, self._point, self.path, self.dataset) if self.read_only else None

    @any_size_ints()
    def apply_tail(self, tail: Tail) -> bool:
        """Replay ``tail`` (from ``read_tail``) after what was replayed: the state a whole replay of
        the file gives. False (nothing changed) for a tail that does not start where this replay ended."""
        if self._point is None or tail.start != self._point:
            return False
        self._replay.resume()  # empty groups and all, as replay left them
        base = self._replay.base_problems
        base.invalid_lines.extend(tail.problems.invalid_lines)
        base.incomplete_groups.extend(tail.problems.incomplete_groups)
        self._replay_groups(tail.groups, base)
        self._next_seq, self._point = tail.point.next_seq, tail.point
        return True

    @any_size_ints()
    def hand_over(self, held: JournalFile | None = None) -> Handover:
        """Read-only: this journal's lock taken to write it (its writer has quit), and what that writer appended
        since the last replay here, read under the lock (``handover_tail``: the same file, at least as long, the
        same bytes up to there; its torn end cut off, as a writable open cuts it, where the file is still the one at
        the path: a file moved away since the lock is the user's, and refuses appends). ``take_over`` then replays only
        that, instead of the whole file (8-9 s at 215,600 lines). Runs in a worker: changes nothing here (the
        data's caches aside, ``prepare_writes``). ``held``: a handover not taken (the replay here moved on
        meanwhile), read again under its lock. Raises as ``open`` does (JournalLocked: another writer has it)."""
        if held is None:
            check_journal_path(self.path, self.dataset.source)
            held = JournalFile(self.path)
            held.lock(data_path(self.dataset.source))
        try:
            data, file_id = held.read_held()
            found = handover_tail(data, file_id, self._point, self.path, self.dataset)
            cut = found is not None and found[1] < len(data) and held.still_at_path()  # not a file moved away
            tail_cut = held.cut_tail(found[1]) if cut else None  # the quitting writer's torn end (whole lines saved)
            cut = cut and tail_cut is not None and not tail_cut.kept
            self.prepare_writes()
        except BaseException:
            held.close()
            raise
        other = found is None and self._point is not None  # not the file followed (review35: said by the app)
        return Handover(held, found[0] if found is not None else None, cut, other, tail_cut)

    @any_size_ints()
    def take_over(self, handover: Handover) -> bool:
        """Write the journal from now, under ``handover``'s lock (``hand_over``), once its tail is replayed here
        (``apply_tail``): the state a writable open of the file gives. False (nothing changed) where the replay
        here did not end where that tail does; the handover stays open then."""
        tail = handover.tail
        if not self.read_only or tail is None or self._point != tail.point:
            return False
        self._file, self.read_only, self._point = handover.file, False, None
        self._problems.torn_bytes, self._problems.torn_group = tail.problems.torn_bytes, tail.problems.torn_group
        self.load_report = self._problems.lines(removed=handover.cut, cut=handover.tail_cut)
        return True
