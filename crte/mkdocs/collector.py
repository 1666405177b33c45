"""Under `make serve`, Python's cycle collector does not run during a build: `hold()` at
its start (the plugin's on_config), `release()` once what it leaves for after the pages
is done (incremental.after_pages), or when it fails (on_build_error).

At 2 500 actions the server keeps about 500 MB of objects (the data, the pages' state
for the next build), and each full collection walks all of them: three or four ran during
each rebuild, 0.6 to 0.9 s of its 2.3 s. Released, one collection frees what the build
left in cycles, in the background, after the page being edited is served. A build
stopped by the next one leaves the collector held: that one releases it.
"""
from __future__ import annotations

import gc


def hold() -> None:
    """No collection of cycles until `release()`."""
    gc.disable()


def release() -> None:
    """The cycles left collected at once, then the collector running again."""
    gc.collect()
    gc.enable()
