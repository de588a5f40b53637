"""The label picker: type to fuzzy-filter every class (Textual's command-palette matcher).

For one row it shows the row's text (the modal covers the list and the detail pane) and each
class's probability from the audit's model; with the query empty the suggestion and the given
label come first, then the other classes, most probable first: the model's second guess is
one key down, where an alphabetical list put it anywhere among 77 names.

Where the caller allows new classes (``new_class``), a typed name that is no class exactly is
offered as a line of its own, '+ new class: NAME', first but not highlighted while some class
matches the typed words (enter picks the best match), unless it matches only by a stem's letters
scattered in it ('card_fraud' in card_payment_fee_charged); chosen, the picker returns the name (a str) and the
caller asks to confirm it (tui/screens/new_class.py), so a typo never makes a class unasked. A name
the data cannot hold (text in an integer column) shows there, disabled, with the reason. How the typed words
match a name: tui/name_match.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from engine.label_names import same_value
from tui.bindings import DIALOG_PALETTE
from tui.name_match import FUZZY, RUN, WordMatch, fold, phrase_pattern, word_scores
from tui.names import display_order, drawn_name
from tui.prob_column import MIN_NAME_CELLS, NAME_COLUMN, apart_cut, cut_content, name_cells, prob_line
from tui.terminal_text import list_cell
from tui.widgets.clamped_text import ClampedText
from tui.widgets.cursor_list import CURSOR, CursorOptionList
from tui.widgets.filter_bar import WordInput
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel

MAX_SHOWN = 200  # the best matches are all a person reads; keeps each keystroke cheap
__all__ = ["LabelPicker", "cut_content"]  # cut_content: tui.prob_column's, shared with the label-set picker
TEXT_CHARS = 400  # of the row's text shown above the query (two lines at most: ClampedText cuts, with '…')
NO_MATCH = "no-match"  # the id of the one disabled line shown when nothing matches
NEW_CLASS = "new-class"  # the id of the '+ new class: NAME' line


class LabelPicker(ModalScreen[int | str | None]):
    """Returns the chosen class index, a new class's name (str, only with ``new_class``), or None on
    escape. ``class_names`` are the raw names: the list is in their order (tui.names.natural_key)
    and draws and matches them as drawn."""

    AUTO_FOCUS = "#picker-query"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
        DIALOG_PALETTE,
    ]

    def __init__(self, class_names: list[str], current: int | None = None, suggested: int | None = None,
                 title: str = "Choose a label", *, text: str | None = None,
                 probs: Sequence[float] | None = None, unused: Sequence[str] = (),
                 suggested_note: str = "suggested", values: Iterable[str] | None = None,
                 new_class: Callable[[str], str | None] | None = None, new_names: Iterable[str] = (),
                 hidden: Iterable[str] = (), undone: Iterable[str] = (), decided: int | None = None,
                 query: str = "", named: Mapping[str, str] | None = None) -> None:
        """``text``: what the row says (drawn terminal-safe by the caller); ``probs``: the model's
        probability of each class for the row (None for several rows); ``unused``: a saved
        dataset's ClassLabel names no row holds, offered after the classes (index
        ``len(class_names) + i``, no probability: the model never saw them); ``suggested_note``:
        what ``suggested`` is said to be (of several rows: for how many of them); ``values``
        (--label-names): each class's value in the data, found by typing it ('3'), as the journal says it;
        ``new_class``: offers a typed name that is no class as a new class, returning why the data cannot
        hold it (one line) or None; ``new_names``: the ``unused`` names that are new classes (made in the
        app, not a ClassLabel's); ``hidden``: ``unused`` names not listed (new classes no decision uses now: every
        use undone), kept in ``unused`` so that every index stays; ``undone``: the journal's new classes no decision
        uses now, this session's or an earlier one's (a typed name spelled like one is said to be); ``decided``: the class the row is relabelled to
        now, said '(current)' beside the given label's '(given)'; ``query``: the search typed already (back from a
        new class not confirmed); ``named`` (--label-names): the names of labels no row holds ('5' -> 'New'): a new
        class 5 is listed as New, and typing New offers the new class 5."""
        super().__init__()
        self.class_names = class_names
        self.unused = list(unused)
        self.values = list(values or ())
        self.named = dict(named or {})
        self.named_values = {fold(name): value for value, name in self.named.items()}  # 'new' -> '5'
        self.shown = [drawn_name(name) for name in [*class_names, *(self.named.get(u, u) for u in self.unused)]]
        self.cut_name = apart_cut(self.shown)  # two names never cut alike at one width
        self.longest: int | None = None  # longest_name's, once measured
        self.current = current
        self.decided = decided
        self.suggested = suggested
        self.suggested_note = suggested_note
        self.heading = title
        self.text = text
        self.probs = probs
        self.name_cells = min(NAME_COLUMN, self.longest_name()) if probs is not None else 0
        self.line_cells = 0  # the list's width (refit); 0: not known yet
        self.new_class = new_class
        self.new_names = set(new_names)
        self.hidden = {len(class_names) + i for i, name in enumerate(self.unused) if name in set(hidden)}
        self.undone = sorted(undone)
        self.query_text = query
        self.exact = {self.raw(i) for i in self.listed()}
        self.problems: dict[str, str | None] = {}  # new_class's answer per typed name (asked once)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            extra = [self.raw(i) for i in self.listed() if i >= len(self.class_names)]
            made = sum(name in self.new_names for name in extra)
            more = "".join(f" + {count:,} {what}" for count, what in ((len(extra) - made, "unused"), (made, "new"))
                           if count)
            yield PartsLabel([f"{self.heading} ({len(self.class_names):,} classes{more})", "enter picks",
                              "esc cancels"])
            if self.text is not None:
                # as the row list draws it, then cut (a text of 450 spaces and a word shows the word, not ∅)
                text = list_cell(self.text)  # two lines at most, '…' where cut (ui38: nothing said it was)
                yield ClampedText(text[:TEXT_CHARS], lines=2, more=len(text) > TEXT_CHARS, id="picker-text")
            hint = "type to search labels, or a new class" if self.new_class is not None else "type to search labels"
            yield WordInput(self.query_text, placeholder=hint, id="picker-query")
            yield CursorOptionList(id="picker-options")  # ▶ on the highlighted class, readable without colour
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def on_mount(self) -> None:
        self.fill(self.query_text)
        self.call_after_refresh(self.refit)

    def on_resize(self) -> None:
        self.refit()

    def raw(self, index: int) -> str:
        """Class ``index``'s raw name (past the classes, an ``unused`` name)."""
        return self.class_names[index] if index < len(self.class_names) else self.unused[index - len(self.class_names)]

    def listed(self) -> list[int]:
        """The indices the picker offers: every class and every ``unused`` name not ``hidden``."""
        return [i for i in range(len(self.shown)) if i not in self.hidden]

    def longest_name(self) -> int:
        """The widest class name's cells, measured once: each line asked it of every name (5,000 classes: a
        million measures a keystroke, the picker 17 s to open and 1.5 s a key; hostile42)."""
        if self.longest is None:
            self.longest = max((cell_len(n) for n in self.shown[:len(self.class_names)]), default=0)
        return self.longest

    def refit(self) -> None:
        """Pad the names to the longest the list's width leaves room for beside a probability and
        a note (at least MIN_NAME_CELLS), and cut those the line has no room for: banking77's 48-cell name pushed its probability 8 cells right
        of the 76 others at any width (NAME_COLUMN alone)."""
        options = self.query_one("#picker-options", OptionList)
        width = options.scrollable_content_region.width
        if width <= 0:
            return
        # the room beside a probability and a note (the ▶ gutter is drawn inside the width), also under NAME_COLUMN:
        # at 60 columns (room 28) every name padded to banking77's 39 cells wrapped its probability onto a second
        # line, half the classes shown; now a name longer than the room is cut where its line would wrap (prob_line);
        # several rows: no probability
        cells = name_cells(self.longest_name(), width - len(CURSOR), "0.000") if self.probs is not None else 0
        if (cells, width) != (self.name_cells, self.line_cells):
            self.name_cells, self.line_cells = cells, width
            highlighted = options.highlighted
            self.fill(self.query_one("#picker-query", Input).value)
            if highlighted is not None and highlighted < options.option_count:
                options.highlighted = highlighted

    def _prompt(self, index: int, words: list[WordMatch] | None = None) -> Content:
        """The class name (matched letters bold, never parsed as markup) and its role."""
        name = self.shown[index]
        content = Content(name)
        for word in words or []:
            matcher = word.match(name)[1]
            if matcher is None:
                continue
            _, offsets = matcher.fuzzy_search.match(matcher.query, name)
            for offset in offsets:
                content = content.stylize("bold underline", offset, offset + 1)
        current = ["current"] if index == self.decided else []  # the row's relabel now: what the user changes
        if index >= len(self.class_names):  # an unused ClassLabel name or a new class: no probability
            made = self.unused[index - len(self.class_names)] in self.new_names
            # the row's own new class, or one too long for the line: said short (the confirmation said the rest)
            whats = (["new class"] if current else ["new class: the audit did not see it", "new class"]) if made \
                else ["no row has it yet"]
            notes = [f"  ({', '.join([*current, what])})" for what in whats]
            while len(notes) > 1 and not self.fits(content, notes[0]):
                notes.pop(0)
            return self.cut(content, "", notes[0])
        notes = current + [role for role, i in (("given", self.current), (self.suggested_note, self.suggested))
                           if i == index]
        # two notes that would wrap the line keep the first: '(current, suggested)' read '(current,' over
        # 'suggested)' at 50 columns (the suggestion is in the detail pane under the dialog)
        wordings = [f"  ({', '.join(notes[:k])})" for k in range(len(notes), 0, -1)] or [""]
        if self.probs is not None:
            return prob_line(content, f"{float(self.probs[index]):.3f}", wordings, self.longest_name(),
                             max(0, self.line_cells - len(CURSOR)) if self.line_cells else 0, self.cut_name)
        return self.cut(content, "", next((note for note in wordings if self.fits(content, note)), wordings[-1]))

    def fits(self, content: Content | str, note: str) -> bool:
        """Whether ``content`` and ``note`` fit on one line of the list (yes before its width is known)."""
        plain = content.plain if isinstance(content, Content) else content
        return not self.line_cells or len(CURSOR) + cell_len(plain) + cell_len(note) <= self.line_cells

    def cut(self, name: Content, middle: str, note: str) -> Content:
        """The name, then ``middle`` (its padding and probability) and ``note``, the name cut in its middle
        (to MIN_NAME_CELLS at least) where the line would wrap: at 50 columns banking77's
        'balance_not_updated_after_bank_trans' was over 'fer  0.005  (given)', the note on a line of its own."""
        if not self.fits(name + middle, note):
            middle = f"  {middle.lstrip(' ')}" if middle else ""  # the padding goes first
            room = self.line_cells - len(CURSOR) - cell_len(middle) - cell_len(note)
            name = self.cut_name(name, max(MIN_NAME_CELLS, room))
        return name + Content(middle + note)

    def fill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        stem_only = False  # a word matched no class as typed, only by a fuzzy stem: the new class is meant
        if query.strip():
            words = [WordMatch(word) for word in query.split()]
            phrase = phrase_pattern(query)
            scored = [(score, bool(phrase.search(name)), i)
                      for i, (name, score) in enumerate(zip(self.shown, word_scores(words, self.shown)))
                      if i not in self.hidden]
            ranked = sorted((row for row in scored if row[0] > 0),
                            key=lambda row: (not row[1], -row[0], -self.prob(row[2])))[:MAX_SHOWN]
            valued = [i for i, value in enumerate(self.values) if same_value(value, query)]  # '3': the class held as 3
            ranked = [(1.0, True, i) for i in valued] + [row for row in ranked if row[2] not in valued]
            items = [Option(self._prompt(i, words), id=str(i)) for _, _, i in ranked]
            new = self.new_class_option(query, bool(valued))
            if not items:
                items = [Option(self.no_match_line(query.strip(), new is not None and not new.disabled), id=NO_MATCH,
                                disabled=True)]
                items += [new] if new is not None else []
            elif new is not None:  # first, in sight, but the best match keeps the highlight
                items.insert(0, new)
                # ...unless it matched only by a stem's letters scattered in it: 'card_fraud' (stem 'card_fr')
                # highlighted card_payment_fee_charged and enter relabelled to it, unasked (walk37, banking77)
                best = self.shown[ranked[0][2]] if ranked and not valued else None
                stem_only = best is not None and not new.disabled and any(
                    word.match_at(best, RUN)[0] <= 0 and word.match_at(best, FUZZY)[0] <= 0 for word in words)
        else:
            first = list(dict.fromkeys(i for i in (self.suggested, self.decided, self.current)
                                       if i is not None and i not in self.hidden))
            rest = [i for i in display_order(self.class_names) if i not in first]
            if self.probs is not None:  # most probable first (stable: ties keep the names' order)
                rest.sort(key=lambda i: -float(self.probs[i]))
            unused = [j for i in display_order(self.unused)
                      if (j := len(self.class_names) + i) not in self.hidden and j not in first]
            items = [Option(self._prompt(i), id=str(i)) for i in (first + rest)[:MAX_SHOWN] + unused]
        options.clear_options()
        options.add_options(items)
        first = next((i for i, item in enumerate(items) if not item.disabled and item.id != NEW_CLASS), None)
        if first is None or stem_only:  # nothing matches (or a stem only): the new class, where it is one
            first = next((i for i, item in enumerate(items) if not item.disabled), None)
        if first is not None:
            options.highlighted = first

    def new_class_option(self, query: str, valued: bool) -> Option | None:
        """The '+ new class: NAME' line for the typed text (surrounding spaces dropped), or a disabled line saying
        why the data cannot hold it; None where new classes are not offered or the text names a class exactly
        (``valued``: as a class's value, '3' under --label-names)."""
        name = self.new_value(query)  # 'New' is the label 5 where --label-names names 5 New
        if self.new_class is None or not name or valued or query in self.exact or name in self.exact:
            return None
        if name not in self.problems:
            self.problems[name] = self.new_class(name)
        shown = drawn_name(self.named.get(name, name))
        if (problem := self.problems[name]) is not None:
            return Option(self.refused_line(shown, problem), id=NEW_CLASS, disabled=True)
        folded = fold(name)
        like = next((self.shown[i] for i in self.listed() if fold(self.raw(i)) == folded), None)
        after = ""
        if like is None:  # a new class whose every use was undone: offered as new again, and 'Brand New' with it
            like = next((drawn_name(past) for past in self.undone if past != name and fold(past) == folded), None)
            after = ", undone"
        prefix, typed = Content("+ new class: "), Content(shown).stylize("bold")
        if like is not None:
            return Option(self.like_lines(prefix, typed, like, after), id=NEW_CLASS)
        note = "  (confirm next)"
        if not self.fits(prefix + typed, note):  # cut in the name as a class line is: at 50 columns it wrapped
            if not self.fits(prefix + "x" * MIN_NAME_CELLS, note):
                note = ""  # enter asks to confirm all the same
            room = self.line_cells - len(CURSOR) - prefix.cell_length - cell_len(note)
            typed = cut_content(typed, max(MIN_NAME_CELLS, room))
        return Option(prefix + typed + Content(note), id=NEW_CLASS)

    def new_value(self, query: str) -> str:
        """The new class ``query`` asks for: the label --label-names names so ('New' or 'new' is 5), else as typed."""
        name = query.strip()
        return self.named_values.get(fold(name), name) if name else name

    def room(self, *parts: Content | str) -> int:
        """The cells a line of the list leaves beside ``parts`` (its ▶ gutter too); large before its width is known."""
        used = sum(part.cell_length if isinstance(part, Content) else cell_len(part) for part in parts)
        return self.line_cells - len(CURSOR) - used if self.line_cells else 10**6

    def like_lines(self, prefix: Content, typed: Content, like: str, after: str) -> Content:
        """'+ new class: NAME  (like CLASS: check the spelling)' where the class spelled alike is ``like`` (``after``:
        ', undone' for an undone new class's) and both names fit whole; else the note on a second line of its own, each
        name cut in its middle to its line, the note said short where it must be ('(like CLASS: spelling?)', 50
        columns). banking77's 48-cell name wrapped the line over three (ui35b); cut to share one line, at 80 columns
        both names read 'Balan…posit' and 'balanc…posit'."""
        def note(name: Content, end: str = ": check the spelling)") -> Content:
            return Content("  (like ") + name + Content(f"{after}{end}")

        whole = Content(like)
        if self.room(prefix, typed, note(whole)) >= 0:
            return prefix + typed + note(whole)
        first = prefix + cut_content(typed, max(MIN_NAME_CELLS, self.room(prefix)))
        end = next((end for end in (": check the spelling)", ": spelling?)")
                    if self.room(note(Content(""), end)) >= min(MIN_NAME_CELLS, cell_len(like))), ": spelling?)")
        return first + Content("\n") + note(cut_content(whole, max(MIN_NAME_CELLS, self.room(note(Content(""), end)))),
                                             end)

    def refused_line(self, name: str, problem: str) -> Content:
        """'NAME cannot be a new class: WHY', the name cut in its middle where 'NAME cannot be a new class:' would not
        fit a line; the reason, a sentence kept whole, wraps at its spaces (a long name broke anywhere in it)."""
        return cut_content(Content(name), max(MIN_NAME_CELLS, self.room(" cannot be a new class:"))) + Content(
            f" cannot be a new class: {problem}")

    def no_match_line(self, query: str, new: bool) -> Content:
        """The disabled line when no class matches ``query``: 'no class matches 'QUERY' · enter takes it as a new class'
        (``new``), else '... · edit the text, or esc to cancel'; the query cut in its middle, the rest said short, or
        the query left to the search line above it, where the line would wrap (it took two to four lines at 50 columns)."""
        offers = ((" · enter takes it as a new class", " · enter: new class") if new
                  else (" · edit the text, or esc to cancel", " · edit it, or esc"))
        for offer in offers:
            if (room := self.room("no class matches ''", offer)) >= min(MIN_NAME_CELLS, cell_len(query)):
                return Content("no class matches '") + cut_content(Content(query), room) + Content(f"'{offer}")
        return cut_content(Content(f"no class matches{offers[1]}"), max(1, self.room()))

    def prob(self, index: int) -> float:
        """The model's probability of class ``index`` for the row, which orders names the query
        matches equally: 'top up' on banking77 listed the six top_up_* names alphabetically, the
        highlighted first at p=0.001 and the row's likeliest of them (0.038) second (0 for several
        rows, and for an unused name: the names' order)."""
        return float(self.probs[index]) if self.probs is not None and index < len(self.probs) else 0.0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            self.choose(options.get_option_at_index(options.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option)

    def choose(self, option: Option) -> None:
        """A class's index, or a new class's name; a disabled line (nothing matches) is no choice."""
        if option.disabled or option.id == NO_MATCH:
            return
        if option.id == NEW_CLASS:
            self.dismiss(self.new_value(self.query_one("#picker-query", Input).value))
        else:
            self.dismiss(int(option.id))

    def action_move(self, delta: int) -> None:
        """Move among the lines that can be chosen (not 'no class matches', nor a new class refused)."""
        options = self.query_one("#picker-options", OptionList)
        enabled = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
        if not enabled:
            return
        current = options.highlighted if options.highlighted in enabled else enabled[0]
        at = enabled.index(current)
        options.highlighted = enabled[max(0, min(len(enabled) - 1, at + delta))]

    def action_cancel(self) -> None:
        self.dismiss(None)
