"""``make bench``: run every benchmark in turn (append yours)."""

from __future__ import annotations

import sys

from tests.benchmarks import (
    bench_build,
    bench_draft,
    bench_pages,
    bench_query_startup,
    bench_store,
    bench_text_search,
    bench_timeline,
    bench_views,
)


def main() -> None:
    sys.argv = [sys.argv[0]]
    bench_store.main()
    bench_views.main()
    bench_timeline.main()
    bench_query_startup.main()
    bench_text_search.main()
    bench_draft.main()
    bench_build.main()
    bench_pages.main()


if __name__ == "__main__":
    main()
