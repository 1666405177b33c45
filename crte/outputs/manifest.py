"""`python -m crte.outputs.manifest SITE_DIR [MANIFEST]`: add the built site's URLs to urls.txt.

urls.txt is the committed list of every URL the site has ever published (pages,
former action URLs that redirect, open data files, each action's JSON file and
card). It only grows: a URL that partners may have copied stays in it, and the
tests check that each one still resolves, to a page or to a redirect.
"""
from __future__ import annotations

import sys
from pathlib import Path

from crte import fr, routes

SKIP = {"pagefind", "assets", "search", "edition"}  # edition: the staff editor, not a public page


def published(site: Path) -> list[str]:
    """Site-relative URLs of the built pages (the actions' cards too), of the files under
    /donnees/ and of the actions' JSON files (/actions/<id>.json)."""
    urls = []
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site)
        if rel.parts and rel.parts[0] in SKIP:
            continue
        urls.append("/" if rel == Path(".") else f"/{rel.as_posix()}/")
    data, actions = routes.OPEN_DATA, routes.ACTIONS
    urls += [f"/{data}{f.name}" for f in (site / data).iterdir() if f.is_file() and f.name != "index.html"]
    urls += [f"/{actions}{f.name}" for f in (site / actions).glob("*.json")]  # each action's record
    return sorted(urls)


def read(manifest: Path) -> list[str]:
    if not manifest.exists():
        return []
    return [line.strip() for line in manifest.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def dropped(manifest: Path, built: set[str]) -> list[str]:
    """`urls.txt:N: /url/: message` for each URL of the manifest that the build about to
    be written does not have (`built`: site-relative URLs, "/actions/x/", "/donnees/f").
    A former action id that redirects counts as built."""
    out: list[str] = []
    if not manifest.exists():
        return out
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        url = line.strip()
        if url and not url.startswith("#") and url not in built:
            out.append(f"{manifest.name}:{n}: {url}: cette adresse a été publiée et ne mène plus à aucune page ; "
                       f"des partenaires la citent : rétablissez la page (un numéro, un identifiant ou un nom "
                       f"qui forme une adresse ne change pas), ou pour une action qui change d'identifiant, "
                       f"gardez l'ancien dans anciens_ids")
    return out


def listed(url: str) -> bool:
    """Whether urls.txt lists a URL of this kind (what `published` finds in a built site)."""
    parts = url.strip("/").split("/")
    if url.endswith("/"):
        return parts[0] not in SKIP
    return (len(parts) == 2 and parts[0] == "donnees" and parts[1] != "index.html") or \
        (len(parts) == 2 and parts[0] == "actions" and parts[1].endswith(".json"))


def added(manifest: Path, built: set[str]) -> list[str]:
    """The URLs of the build that urls.txt does not list yet (an added action, a new page)."""
    return sorted(u for u in built - set(read(manifest)) if listed(u))


def added_notice(new: list[str], shown: int = 20) -> str:
    """In French, for the build's output: new addresses are no error; the publication records them."""
    n = len(new)
    listed = ", ".join(new[:shown]) + (f" et {n - shown} autres" if n > shown else "")
    return (f"{fr.count(n, 'adresse nouvelle', 'adresses nouvelles')}, que la publication sur main "
            f"ajoute à urls.txt d'elle-même (rien à faire) : {listed}")


def built_urls(urls: list[str]) -> set[str]:
    """MkDocs file URLs ("actions/x/", "donnees/f.csv", "" or "./" for the home) as urls.txt writes them."""
    return {"/" + u.removeprefix("./") if u not in ("", "./", ".") else "/" for u in urls}


HEADER = """\
# Every URL the site has published. This list only grows: the publishing job on
# main runs `make urls`, which adds the new ones, and commits this file; never
# remove a line (partners link to these addresses). `make build` checks that each
# URL still resolves, to a page or to a redirect (see anciens_ids).
"""


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    manifest = Path(argv[1]) if len(argv) > 1 else Path("urls.txt")
    old = read(manifest)
    new = sorted(set(old) | set(published(site)))
    manifest.write_text(HEADER + "\n".join(new) + "\n", encoding="utf-8")
    added_count = len(set(new) - set(old))
    print(f"{manifest} : {fr.count(len(new), 'adresse', 'adresses')}, dont {added_count} "
          f"{fr.plural(added_count, 'nouvelle', 'nouvelles')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
