"""``--jobs N``: the per-file work of a run in N worker processes.

The workers are forked from this process (they inherit the targets, the settings and the
loaded rules; nothing is imported or executed anew) and only lint: each gets a share of the
files in order, runs :func:`vpclint.runner.check_file` on them and sends the results back,
so the run's findings and their order are the same as linting serially. Files a check over
the whole run reads (payloads, for names used twice across files; files checked against
an inventory) are linted in this process: their documents stay here. Where processes cannot be forked, every file is.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from vpclint.runner import FileResult, Target

# The targets of the run being linted, inherited by the forked workers.
_work: tuple[Sequence[Target], bool, dict] | None = None


def check_slice(bounds: tuple[int, int]) -> list[FileResult]:
    from vpclint.runner import check_file

    assert _work is not None
    targets, keep_documents, inventories = _work
    start, end = bounds
    return [check_file(target, keep_documents, inventories) for target in targets[start:end]]


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    """Consecutive index ranges over ``count`` files, a few per worker (for balance)."""
    pieces = jobs * 4
    size = max(1, -(-count // pieces))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def check_files_in_workers(
    targets: Sequence[Target], jobs: int, keep_documents: bool, inventories: dict
) -> list[FileResult]:
    global _work
    import multiprocessing

    from vpclint.runner import check_file, read_by_run_checks

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return [check_file(target, keep_documents, inventories) for target in targets]
    here = [index for index, target in enumerate(targets) if read_by_run_checks(target)]
    elsewhere = [target for target in targets if not read_by_run_checks(target)]
    if len(elsewhere) < 2:
        return [check_file(target, keep_documents, inventories) for target in targets]
    _work = (elsewhere, keep_documents, inventories)
    try:
        with context.Pool(jobs) as pool:
            pending = pool.map_async(check_slice, slices(len(elsewhere), jobs), chunksize=1)
            local = {
                index: check_file(targets[index], keep_documents, inventories) for index in here
            }
            parts = iter(result for part in pending.get() for result in part)
    finally:
        _work = None
    return [local[index] if index in local else next(parts) for index in range(len(targets))]
