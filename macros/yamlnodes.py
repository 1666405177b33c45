"""Read YAML as nodes that keep their line numbers, and read typed values from them.

Why nodes and not `yaml.safe_load`: PyYAML's loader silently keeps the last of
two duplicate keys, loses line numbers, and applies YAML 1.1 rules that change
values (`NO` becomes False, `0123` becomes 83, `19.10` becomes 19.1). We compose
the node tree instead, so that every value is read from the text as written, and
every error can name the file, the line and the field.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import yaml

from .errors import ErrorList, Where
from .model import Explanation

# The C parser is several times faster; marks (line numbers) are kept.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"

MONEY_RE = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]{1,2})?")
NUMBER_RE = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
INT_RE = re.compile(r"[1-9][0-9]*")
SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

T = TypeVar("T")


def parse_file(path: Path, display: str, errors: ErrorList) -> yaml.Node | None:
    """Compose one YAML file; report encoding, syntax and emptiness problems.

    `display` is the name used in messages (a path relative to the project).
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(Where(display, line), "(fichier)",
                   "le fichier n'est pas encodé en UTF-8 ; enregistrez-le en UTF-8")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "erreur de syntaxe"
        if exc.context:
            what = f"{exc.context}, {what}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            what += f" (bloc commencé ligne {exc.context_mark.line + 1})"
        bad_line = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]:
            what = "tabulation dans l'indentation : YAML n'accepte que des espaces"
        errors.add(Where(display, line), "(syntaxe YAML)",
                   f"{what} ; vérifiez l'indentation, les deux-points et les guillemets")
        return None
    except yaml.YAMLError as exc:  # e.g. a control character in the stream
        errors.add(Where(display, 1), "(syntaxe YAML)", str(exc).replace("\n", " "))
        return None
    if node is None:
        errors.add(Where(display, 1), "(fichier)", "le fichier est vide")
    return node


def is_plain(node: yaml.Node) -> bool:
    """A plain (unquoted) scalar: PyYAML's parser says None, the C parser ''."""
    return isinstance(node, yaml.ScalarNode) and not node.style


def _constructed(node: yaml.ScalarNode) -> object:
    """The value PyYAML (YAML 1.1) would give this scalar."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError):
        return node.value


def _not_text(node: yaml.ScalarNode) -> str | None:
    """Explain why this plain scalar is not text, or None if it is.

    YAML 1.1 (PyYAML) and YAML 1.2 (editors) read unquoted `NO`, `0123`, `19.10`,
    `2021-12-13` or `2022` as booleans, numbers or dates, sometimes changing the
    value (`0123` is 83, `19.10` is 19.1). A text field must therefore be text
    for YAML too: quoted whenever YAML would read anything else. The same rule
    holds in the JSON Schemas that editors use, so both refuse the same things.
    """
    if node.tag in (STR_TAG, NULL_TAG) or not is_plain(node):
        return None
    value = _constructed(node)
    if isinstance(value, bool):
        kind = f"le booléen {'vrai' if value else 'faux'}"
    elif isinstance(value, int):
        kind = f"le nombre {value}" + (" (octal)" if re.fullmatch(r"[-+]?0[0-7_]+", node.value) else "")
    elif isinstance(value, float):
        kind = f"le nombre {value!r}"
    elif isinstance(value, (dt.date, dt.datetime)):
        kind = f"la date {value.isoformat()}"
    else:
        kind = f"une valeur de type {type(value).__name__}"
    return (f"« {node.value} » est lu par YAML comme {kind}, pas comme un texte ; "
            f"écrivez-le entre guillemets : \"{node.value}\"")


# Raw HTML is refused in every text field: text and Markdown only (see also the
# sanitiser in pages.py, which removes whatever markup might still get through).
HTML_RE = re.compile(r"<\s*[A-Za-z!/?]|javascript\s*:", re.IGNORECASE)


def _html(value: str) -> str | None:
    m = HTML_RE.search(value)
    if not m:
        return None
    rest = value[m.start():]
    end = rest.find(">") + 1 if rest.startswith("<") and 0 < rest.find(">") < 60 else len(rest.split()[0])
    snippet = rest[:min(end, 60)] + ("…" if min(end, 60) < end else "")
    return (f"contient du HTML ou un lien javascript (« {snippet} ») : écrivez du texte, "
            f"éventuellement en Markdown, sans balises")


class MapReader:
    """Typed access to the fields of one YAML mapping, reporting into `errors`.

    Each getter records the field as known; `finish()` reports the fields that no
    getter asked for (unknown or misspelt), with a suggestion.
    """

    def __init__(self, node: yaml.Node, path: str, file: str, errors: ErrorList):
        self.file = file
        self.path = path
        self.errors = errors
        self.node = node
        self.where = Where(file, node.start_mark.line + 1)
        self.fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        self.known: set[str] = set()
        self.ok = isinstance(node, yaml.MappingNode)
        if not self.ok:
            self.error(node, path or "(document)", "une liste de champs « nom: valeur » est attendue ici")
            return
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name in self.fields:
                first = self.fields[name][0].start_mark.line + 1
                self.error(key, self.sub(name),
                           f"clé en double (déjà définie ligne {first}) ; n'en gardez qu'une")
                continue
            self.fields[name] = (key, value)

    # -- reporting ---------------------------------------------------------
    def sub(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def error(self, node: yaml.Node, field: str, message: str) -> None:
        self.errors.add(Where(self.file, node.start_mark.line + 1), field, message)

    def finish(self) -> None:
        for name, (key, _) in self.fields.items():
            if name in self.known:
                continue
            near = difflib.get_close_matches(name, sorted(self.known), n=1)
            hint = f" ; vouliez-vous dire « {near[0]} » ?" if near else \
                f" ; champs possibles : {', '.join(sorted(self.known))}"
            self.error(key, self.sub(name), f"champ inconnu{hint}")

    # -- raw access ----------------------------------------------------------
    def _get(self, name: str, required: bool) -> yaml.Node | None:
        self.known.add(name)
        if not self.ok:
            return None
        pair = self.fields.get(name)
        if pair is None:
            if required:
                self.error(self.node, self.sub(name), "champ obligatoire manquant")
            return None
        value = pair[1]
        if value.tag == NULL_TAG and is_plain(value):
            if required:
                self.error(value, self.sub(name), "valeur vide ; ce champ est obligatoire")
            return None
        return value

    def _scalar(self, name: str, required: bool, what: str) -> yaml.ScalarNode | None:
        node = self._get(name, required)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, self.sub(name), f"{what} est attendu, pas une liste ou un bloc de champs")
            return None
        return node

    # -- typed getters -----------------------------------------------------------
    def text(self, name: str, required: bool = True, pattern: re.Pattern[str] | None = None,
             hint: str = "") -> str | None:
        node = self._scalar(name, required, "un texte")
        if node is None:
            return None
        surprise = _not_text(node)
        if surprise:
            self.error(node, self.sub(name), surprise)
            return None
        value = node.value
        if not value.strip():
            if required:
                self.error(node, self.sub(name), "texte vide ; ce champ est obligatoire")
            return None
        if html := _html(value):
            self.error(node, self.sub(name), html)
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.error(node, self.sub(name), f"« {value} » n'a pas la forme attendue{hint}")
            return None
        return value

    def slug(self, name: str, required: bool = True) -> str | None:
        return self.text(name, required, SLUG_RE,
                         " : minuscules sans accents, chiffres et tirets (ex. « cite-declercq »)")

    def integer(self, name: str, required: bool = True) -> int | None:
        node = self._scalar(name, required, "un nombre entier")
        if node is None:
            return None
        raw = node.value.strip()
        if not is_plain(node) and INT_RE.fullmatch(raw):
            self.error(node, self.sub(name), f"« {raw} » est entre guillemets ; écrivez le nombre sans guillemets : {raw}")
            return None
        if not INT_RE.fullmatch(raw):
            if re.fullmatch(r"0[0-9]+", raw):
                msg = (f"« {raw} » commence par un zéro, que YAML lit comme un nombre octal ; "
                       f"écrivez {int(raw)}")
            else:
                msg = f"« {raw} » n'est pas un nombre entier positif (ex. 14)"
            self.error(node, self.sub(name), msg)
            return None
        return int(raw)

    def money(self, name: str, required: bool = True) -> Decimal | None:
        """An amount in euros, read from its text: never through float."""
        node = self._scalar(name, required, "un montant")
        if node is None:
            return None
        raw = node.value.strip()
        if MONEY_RE.fullmatch(raw):
            if is_plain(node):
                # Unquoted, YAML reads a float: the JSON Schema refuses it, and so do we.
                self.error(node, self.sub(name), f"écrivez le montant entre guillemets : \"{raw}\"")
                return None
            return Decimal(raw)
        if re.fullmatch(r"-\s*[0-9.]+", raw):
            msg = f"montant négatif « {raw} » ; un montant est positif ou nul"
        elif re.fullmatch(r"[0-9]+\.[0-9]{3,}", raw):
            msg = f"« {raw} » a plus de deux décimales ; arrondissez au centime (ex. \"1950206.00\")"
        elif re.fullmatch(r"0[0-9]+(\.[0-9]+)?", raw):
            msg = f"« {raw} » commence par un zéro ; écrivez le montant sans zéro initial"
        else:
            msg = (f"« {raw} » n'est pas un montant ; écrivez des chiffres avec un point "
                   f"décimal, sans espace ni symbole € (ex. \"1950206.00\")")
        self.error(node, self.sub(name), msg)
        return None

    def number(self, name: str, required: bool = True) -> Decimal | None:
        """A measured value: a decimal number, possibly negative, read from its text."""
        node = self._scalar(name, required, "un nombre")
        if node is None:
            return None
        raw = node.value.strip()
        if NUMBER_RE.fullmatch(raw) and not is_plain(node):
            return Decimal(raw)
        self.error(node, self.sub(name),
                   f"« {raw} » n'est pas un nombre ; écrivez des chiffres avec un point décimal (ex. \"12.5\")")
        return None

    def date(self, name: str, required: bool = True) -> dt.date | None:
        node = self._scalar(name, required, "une date")
        if node is None:
            return None
        raw = node.value.strip()
        if is_plain(node):
            self.error(node, self.sub(name), f"écrivez la date entre guillemets : \"{raw}\"")
            return None
        try:
            if not DATE_RE.fullmatch(raw):
                raise ValueError
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.error(node, self.sub(name), f"« {raw} » n'est pas une date AAAA-MM-JJ (ex. \"2021-12-13\")")
            return None

    def boolean(self, name: str, required: bool = True) -> bool | None:
        node = self._scalar(name, required, "true ou false")
        if node is None:
            return None
        if is_plain(node) and node.value in ("true", "false"):
            return node.value == "true"
        self.error(node, self.sub(name), f"« {node.value} » : écrivez true ou false")
        return None

    def items(self, name: str, required: bool = True) -> Iterator[tuple[yaml.Node, str]]:
        """The elements of a list field, with their field paths (`actions[3]`)."""
        node = self._get(name, required)
        if node is None:
            return
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, self.sub(name), "une liste est attendue (éléments commençant par « - »)")
            return
        if required and not node.value:
            self.error(node, self.sub(name), "la liste est vide")
        for i, item in enumerate(node.value):
            yield item, f"{self.sub(name)}[{i}]"

    def records(self, name: str, read: Callable[[MapReader], T], required: bool = True) -> list[T]:
        """Read each element of a list field as a mapping with `read`."""
        out: list[T] = []
        for item, path in self.items(name, required):
            r = MapReader(item, path, self.file, self.errors)
            if r.ok:
                value = read(r)
                r.finish()
                if value is not None:
                    out.append(value)
        return out

    def record(self, name: str, read: Callable[[MapReader], T], required: bool = True) -> T | None:
        node = self._get(name, required)
        if node is None:
            return None
        r = MapReader(node, self.sub(name), self.file, self.errors)
        if not r.ok:
            return None
        value = read(r)
        r.finish()
        return value

    def explanations(self, name: str, kinds: tuple[str, ...], with_gap: bool = False) -> tuple[Explanation, ...]:
        """An optional mapping `kind: text` (or, `with_gap`, `kind: {ecart, explication}`)
        whose keys are among `kinds`."""
        node = self._get(name, required=False)
        if node is None:
            return ()
        r = MapReader(node, self.sub(name), self.file, self.errors)
        if not r.ok:
            return ()
        out = []
        for kind in kinds:
            if kind not in r.fields:
                r.known.add(kind)
                continue
            where = Where(self.file, r.fields[kind][0].start_mark.line + 1)  # the key's line
            if with_gap:
                pair = r.record(kind, lambda rr: (rr.number("ecart"), rr.text("explication")))
                if pair and pair[0] is not None and pair[1] is not None:
                    out.append(Explanation(kind, " ".join(pair[1].split()), pair[0], where))
            else:
                text = r.text(kind)
                if text is not None:
                    out.append(Explanation(kind, " ".join(text.split()), None, where))
        r.finish()
        return tuple(out)

    def text_list(self, name: str, required: bool = False,
                  pattern: re.Pattern[str] | None = None) -> list[tuple[str, Where]]:
        out = []
        for item, path in self.items(name, required):
            if not isinstance(item, yaml.ScalarNode) or _not_text(item) or not item.value.strip() \
                    or _html(item.value):
                self.error(item, path, "un texte non vide, sans HTML, est attendu")
                continue
            if pattern is not None and not pattern.fullmatch(item.value):
                self.error(item, path, f"« {item.value} » n'a pas la forme attendue : minuscules sans accents,"
                                       " chiffres et tirets (ex. « cite-declercq »)")
                continue
            out.append((item.value, Where(self.file, item.start_mark.line + 1)))
        return out
