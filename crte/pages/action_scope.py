"""What an action's page may read of the data, and the key of it (issue 23).

An action's page (templates/pages/action.html and the blocks it includes) is rendered
with the globals `v`, `suivi` and `crte` replaced by scopes that give only this action's
records and what every action's page shares (`ActionViews`, `ActionTracking`,
`ContractScope`); the context it does not use (`data_files`, `donnees_modifiees`) is
undefined. `Keys.page(av, resume)` digests exactly what the scopes and the page's context
give: under `make serve`, a page whose key did not change is not rendered again
(`pages.generate(memo=...)`, kept by crte/mkdocs/products.py). In every build, a template
that reads anything else raises `ScopeError`: give the attribute to the scope *and* to the
key, here, together. tests/pages/test_action_scope.py edits records of every kind and
checks that a page whose key stayed the same renders the same.

An indicator's page (templates/pages/indicateur.md) is treated the same way: `v` gives it
the signed contract only (`SignedScope`), and `Keys.indicator` digests its view (it does
not read the catalogue of the others). `Reuse` takes the pages of the previous build whose key is the same.
"""
from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Callable
from typing import Any, NoReturn

from pydantic import BaseModel

from crte.data.contract import Contract
from crte.pages.tracking_pages import TrackingSite
from crte.views.views import ActionView, Views

# Under serve, the action and indicator pages of the previous build: {route: (key, GeneratedPage)}.
Memo = dict[Any, tuple[str | None, Any]]  # by route; a fragment's by its key (Reuse.fragment)


class ScopeError(RuntimeError):
    """A page rendered through scopes read what its key does not cover (a template edit: see the
    module's docstring).
    Not an AttributeError: Jinja would take that for an undefined value."""


def _refuse(what: str) -> NoReturn:
    if what.split(".")[-1].startswith("__"):  # Python's and Jinja's own probes (`__html__`…)
        raise AttributeError(what)
    raise ScopeError(f"a page rendered through scopes reads {what}, which crte/pages/action_scope.py does not give: "
                     f"add it to the scope and to Keys there")


class _Scope:
    # One action's scope: `name` is the global it stands for (`v`, `suivi`).
    name = ""

    def __init__(self, action_id: str) -> None:
        self._id = action_id

    def _own(self, action_id: str) -> str:
        if action_id != self._id:
            _refuse(f"{self.name} of the action {action_id!r}")
        return action_id

    def __getattr__(self, name: str) -> NoReturn:
        _refuse(f"{self.name}.{name}")


class ActionViews(_Scope):
    """`v` on the page of the action `action_id`: its status, changes, standing, places and
    signed record; the signed contract's date and columns, the indicator blocks and the
    communes, which every action's page shares."""

    name = "v"

    def __init__(self, views: Views, action_id: str) -> None:
        super().__init__(action_id)
        self._views = views
        self.signed_action = ({action_id: views.signed_action[action_id]}
                              if action_id in views.signed_action else {})
        self.signed = ContractScope(views.signed.contract, colonnes=views.signed.colonnes)
        self.indicator_block = views.indicator_block
        self.commune = views.commune

    def status(self, action_id: str) -> Any:
        return self._views.status(self._own(action_id))

    def changes(self, action_id: str) -> Any:
        return self._views.changes(self._own(action_id))

    def standing(self, action_id: str) -> Any:
        return self._views.standing(self._own(action_id))

    def places(self, action_id: str) -> Any:
        return self._views.places(self._own(action_id))


class SignedScope(_Scope):
    """`v` on an indicator's page: the signed contract only."""

    name = "v"

    def __init__(self, views: Views) -> None:
        super().__init__("")
        self.signed = ContractScope(views.signed.contract)


class ActionTracking(_Scope):
    """`suivi` on an action's page: its progress and explanation, the funders' referential."""

    spent_on = staticmethod(TrackingSite.spent_on)
    progress_on = staticmethod(TrackingSite.progress_on)
    spent_share = staticmethod(TrackingSite.spent_share)
    granted_known = staticmethod(TrackingSite.granted_known)
    requested_known = staticmethod(TrackingSite.requested_known)
    name = "suivi"

    def __init__(self, site: TrackingSite, action_id: str) -> None:
        super().__init__(action_id)
        self._site = site

    def progress(self, action_id: str) -> Any:
        return self._site.progress(self._own(action_id))

    def explanation(self, action_id: str) -> str | None:
        return self._site.explanation(self._own(action_id))

    def funder(self, slug: str) -> Any:
        return self._site.funder(slug)


class ContractScope:
    """`crte` (the contract in force) or `v.signed` on a page rendered through scopes: the
    contract's text and signature, and what else is `given` (`colonnes`, the annex's printed
    column headers, on an action's page); not the actions."""

    def __init__(self, contract: Contract, **given: Any) -> None:
        self.contract = contract
        self.__dict__.update(given)

    def __getattr__(self, name: str) -> NoReturn:
        _refuse(f"{name} of the contract")


class _Plain:
    """What a value is made of, quickly comparable: a record as its JSON (pydantic's serializer,
    computed fields included), a dataclass as its fields, containers item by item. A record's
    JSON is made once per build (`Keys`): the same action is its own page's, its neighbours'
    and its signed record; the build's records do not change once loaded."""

    def __init__(self) -> None:
        self._json: dict[int, tuple[BaseModel, bytes]] = {}  # by id(); the record kept, so that its id is too

    def __call__(self, value: Any) -> Any:
        if isinstance(value, BaseModel):
            made = self._json.get(id(value))
            if made is None:
                made = self._json[id(value)] = (value, value.__pydantic_serializer__.to_json(value, warnings=False))
            return made[1]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return (type(value).__name__, *(self(getattr(value, f.name)) for f in dataclasses.fields(value)))
        if isinstance(value, tuple | list):
            return tuple(self(v) for v in value)
        if isinstance(value, dict):
            return tuple((k, self(v)) for k, v in value.items())
        return value

    def digest(self, *parts: Any) -> str:
        # pickle, not repr: repr escapes every byte of the records' JSON (0.2 s of a rebuild at 2 500).
        # Equal values give equal bytes within a process; what pickle refuses is compared by its repr.
        plain = self(parts)
        try:
            data = pickle.dumps(plain, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            data = repr(plain).encode("utf-8")
        return hashlib.sha256(data).hexdigest()


# The fields of ActionView that Keys.page digests (tests/pages/test_action_scope.py: a new one goes there too).
ACTION_VIEW_FIELDS = ("action", "orientation", "chantier", "fiche", "precedente", "suivante", "position",
                      "total_chantier")


class Keys:
    """The keys of the action and indicator pages of one build: what every one shares (the
    globals the scopes leave, the page's context), digested once; then each page's own inputs."""

    def __init__(self, views: Views, site: TrackingSite, shared: tuple[Any, ...]) -> None:
        self._views, self._site, self._plain = views, site, _Plain()
        signed = views.signed
        self._shared = self._plain.digest(views.territory, signed.contract, views.crte.contract, signed.colonnes,
                               views.crte.orientations, views.indicator_block, views.commune, signed.glossaire,
                               site.referential, shared)

    def indicator(self, ip: Any) -> str:
        """The key of an indicator's page: its view (values, actions, the build date) and the
        contract (the territory, the site's address: shared)."""
        return self._plain.digest(self._shared, ip)

    def page(self, av: ActionView, resume: str) -> str:
        """The key of the page of `av`: its action, neighbours and place in the plan, its summary,
        status, changes, signed record, standing, places and tracking."""
        views, action_id = self._views, av.action.id
        # The orientation, chantier and fiche by their number: the plan is in the shared key.
        placed = (av.orientation.numero, av.chantier.numero, av.fiche.numero)
        neighbours = (av.precedente, av.suivante, av.position, av.total_chantier)
        return self._plain.digest(self._shared, av.action, placed, neighbours, resume, views.status(action_id),
                       views.changes(action_id),
                       views.signed_action.get(action_id), views.standing(action_id), views.places(action_id),
                       self._site.progress(action_id), self._site.explanation(action_id))


class Reuse:
    """The pages of one build that may come from the previous one's (`memo`, None: none do):
    `page(route, key, make)` is the memo's page when its key is `key`, else `make()`;
    `close()` makes this build's pages the memo of the next."""

    def __init__(self, memo: Memo | None) -> None:
        self._memo = memo
        self._kept: Memo = {}

    def page(self, route: str, key: str | None, make: Callable[[], Any]) -> Any:
        last = None if self._memo is None or key is None else self._memo.get(route)
        made = last[1] if last is not None and last[0] == key else make()
        self._kept[route] = (key, made)
        return made

    def fragment(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """A piece of page whose `key` is all it shows (rows.py): made once per build, and
        taken from the previous build's when it had the same key."""
        kept = self._kept.get(key) or (None if self._memo is None else self._memo.get(key))
        made = kept[1] if kept is not None else make()
        self._kept[key] = (None, made)
        return made

    def close(self) -> None:
        if self._memo is not None:
            self._memo.clear()
            self._memo.update(self._kept)
